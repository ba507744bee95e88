// Log output: stderr only (stdout is for results), Flyway's prefixes (WARNING:, ERROR:,
// DEBUG:), one JSON object per line with -outputLogsInJson, a copy in -outputFile, and every
// line passed through mask_secrets() so no password reaches a terminal or a CI log.
#pragma once

#include <cstdio>
#include <memory>

#include "runway/config.h"

namespace runway {

// `output_file` (may be null): the opened -outputFile, which gets a copy of text-mode logs.
void configure_logging(const Configuration& config, std::shared_ptr<std::FILE> output_file);

}  // namespace runway
