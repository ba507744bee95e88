#include "db/postgres/libpq.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace runway {

namespace {

// Filled once by load_libpq() and never changed afterwards.
struct Loaded {
  LibPq functions{};
  std::string error;  // why loading failed, empty on success
};

template <typename Function>
bool bind(void* handle, const char* name, Function& slot, std::string& error) {
  slot = reinterpret_cast<Function>(dlsym(handle, name));
  if (slot == nullptr && error.empty()) {
    // Pipeline mode, the newest function runway calls, came with libpq 14.
    error = std::string("The installed libpq lacks ") + name +
            ": runway needs libpq 14 or later (apt-get install libpq5)";
  }
  return slot != nullptr;
}

Loaded load() {
  Loaded loaded;
  void* handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    loaded.error = std::string("PostgreSQL support needs libpq: ") + dlerror() +
                   "\nInstall it with: apt-get install libpq5";
    return loaded;
  }
  LibPq& f = loaded.functions;
  std::string& e = loaded.error;
#define RUNWAY_BIND(name) bind(handle, #name, f.name, e)
  RUNWAY_BIND(PQclear), RUNWAY_BIND(PQcmdStatus), RUNWAY_BIND(PQcmdTuples),
      RUNWAY_BIND(PQconnectdbParams), RUNWAY_BIND(PQconninfoFree), RUNWAY_BIND(PQconninfoParse),
      RUNWAY_BIND(PQenterPipelineMode), RUNWAY_BIND(PQerrorMessage), RUNWAY_BIND(PQexec),
      RUNWAY_BIND(PQexitPipelineMode), RUNWAY_BIND(PQfinish), RUNWAY_BIND(PQfname),
      RUNWAY_BIND(PQfreemem), RUNWAY_BIND(PQgetCopyData), RUNWAY_BIND(PQgetisnull),
      RUNWAY_BIND(PQgetlength), RUNWAY_BIND(PQgetResult), RUNWAY_BIND(PQgetvalue),
      RUNWAY_BIND(PQnfields), RUNWAY_BIND(PQntuples), RUNWAY_BIND(PQpass),
      RUNWAY_BIND(PQpipelineSync), RUNWAY_BIND(PQputCopyData), RUNWAY_BIND(PQputCopyEnd),
      RUNWAY_BIND(PQresultErrorField), RUNWAY_BIND(PQresultErrorMessage),
      RUNWAY_BIND(PQresultStatus), RUNWAY_BIND(PQsendPrepare), RUNWAY_BIND(PQsendQueryParams),
      RUNWAY_BIND(PQsendQueryPrepared), RUNWAY_BIND(PQserverVersion),
      RUNWAY_BIND(PQsetNoticeReceiver), RUNWAY_BIND(PQstatus), RUNWAY_BIND(PQtransactionStatus),
      RUNWAY_BIND(PQuser);
#undef RUNWAY_BIND
  return loaded;
}

const Loaded& loaded_libpq() {
  static const Loaded loaded = load();  // C++ guarantees one thread-safe initialisation
  return loaded;
}

}  // namespace

Result<const LibPq*> load_libpq() {
  const Loaded& loaded = loaded_libpq();
  if (!loaded.error.empty()) return fail(ErrorCode::Configuration, loaded.error);
  return &loaded.functions;
}

const LibPq& libpq() {
  return loaded_libpq().functions;
}

}  // namespace runway
