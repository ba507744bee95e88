// The engines runway can open. open_database() picks one by URL prefix.
#pragma once

#include <memory>

#include "runway/config.h"
#include "runway/driver.h"

namespace runway {

Result<std::unique_ptr<Database>> open_sqlite(const Settings& settings);
Result<std::unique_ptr<Database>> open_postgres(const Settings& settings);

}  // namespace runway
