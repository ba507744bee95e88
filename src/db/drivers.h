// The engines runway can open. open_database() picks one by URL prefix.
#pragma once

#include <memory>

#include "runway/driver.h"

namespace runway {

Result<std::unique_ptr<Database>> open_sqlite(const ConnectionOptions& options);
Result<std::unique_ptr<Database>> open_postgres(const ConnectionOptions& options);

}  // namespace runway
