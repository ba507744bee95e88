// SARIF 2.1.0 (OASIS) for `runway check`, the format GitHub code scanning uploads. Every
// rule of the catalogue is listed so results can refer to them by index.
#pragma once

#include <nlohmann/json.hpp>

#include "check/finding.h"

namespace runway {

nlohmann::json check_to_sarif(const CheckResult& result);

}  // namespace runway
