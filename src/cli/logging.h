// Log output: stderr only (stdout is for results), Flyway's prefixes (WARNING:, ERROR:,
// DEBUG:), one JSON object per line with -outputLogsInJson, a copy in -outputFile, and every
// line passed through mask_secrets() so no password reaches a terminal or a CI log.
#pragma once

#include "runway/config.h"

namespace runway {

void configure_logging(const Configuration& config);

}  // namespace runway
