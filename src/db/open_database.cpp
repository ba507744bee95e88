#include <string_view>

#include "db/drivers.h"
#include "runway/config.h"

namespace runway {

Result<std::unique_ptr<Database>> open_database(const ConnectionOptions& options) {
  std::string_view url = options.url;
  if (url.empty()) {
    return fail(ErrorCode::ConfigurationFile,
                "Unable to connect to the database. Configure the url, user and password!");
  }
  for (std::string_view prefix : {"jdbc:sqlite:", "jdbc:sqldroid:", "jdbc:p6spy:sqlite:"}) {
    if (url.starts_with(prefix)) return open_sqlite(options);
  }
  for (std::string_view prefix :
       {"jdbc:postgresql:", "jdbc:p6spy:postgresql:", "postgresql://", "postgres://"}) {
    if (url.starts_with(prefix)) return open_postgres(options);
  }
  return fail(ErrorCode::Configuration,
              "Unsupported database URL: " + redact_url(url) +
                  "\nrunway supports jdbc:sqlite:<file> and jdbc:postgresql://host:port/db "
                  "(or postgresql:// URIs).");
}

}  // namespace runway
