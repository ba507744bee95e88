#include "flightpath/libcurl.h"

#include <dlfcn.h>

#include <string>

namespace runway::flightpath {

namespace {

struct Loaded {
  LibCurl functions{};
  std::string error;  // why loading failed, empty on success
};

template <typename Function>
void bind(void* handle, const char* name, Function& slot, std::string& error) {
  slot = reinterpret_cast<Function>(dlsym(handle, name));
  if (slot == nullptr && error.empty()) error = std::string("libcurl lacks ") + name;
}

Loaded load() {
  Loaded loaded;
  void* handle = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    loaded.error = std::string("HTTP delivery needs libcurl: ") + dlerror() +
                   "\nInstall it with: apt-get install libcurl4";
    return loaded;
  }
  LibCurl& f = loaded.functions;
  std::string& e = loaded.error;
#define RUNWAY_BIND(name) bind(handle, #name, f.name, e)
  RUNWAY_BIND(curl_easy_cleanup);
  RUNWAY_BIND(curl_easy_getinfo);
  RUNWAY_BIND(curl_easy_init);
  RUNWAY_BIND(curl_easy_perform);
  RUNWAY_BIND(curl_easy_setopt);
  RUNWAY_BIND(curl_easy_strerror);
  RUNWAY_BIND(curl_slist_append);
  RUNWAY_BIND(curl_slist_free_all);
#undef RUNWAY_BIND
  return loaded;
}

}  // namespace

Result<const LibCurl*> load_libcurl() {
  static const Loaded loaded = load();  // one thread-safe initialisation
  if (!loaded.error.empty()) return fail(ErrorCode::Error, loaded.error);
  return &loaded.functions;
}

}  // namespace runway::flightpath
