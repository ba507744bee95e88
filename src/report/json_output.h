// `-outputType=json`: each command's result as Flyway's JSON (spec 10.3), plus the error
// object. Field names are Flyway's so scripts written for Flyway keep working.
#pragma once

#include <nlohmann/json.hpp>

#include "runway/results.h"

namespace runway {

nlohmann::json to_json(const InfoResult& result);
nlohmann::json to_json(const MigrateResult& result);
nlohmann::json to_json(const UndoResult& result);
nlohmann::json to_json(const ValidateResult& result);
nlohmann::json to_json(const BaselineResult& result);
nlohmann::json to_json(const RepairResult& result);
nlohmann::json to_json(const CleanResult& result);
nlohmann::json error_to_json(const Error& error);

// `installed_on` text as an ISO-8601 instant: "2024-05-01 10:00:00.123" -> "2024-05-01T10:00:00.123Z".
std::string installed_on_utc(const std::string& installed_on);

}  // namespace runway
