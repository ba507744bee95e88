#include "report/json_output.h"

#include "core/local_time.h"
#include "report/info_text.h"

namespace runway {

using nlohmann::json;

namespace {

json common(const CommonResult& r, const char* operation) {
  return json{{"flywayVersion", RUNWAY_VERSION},
              {"database", r.database},
              {"warnings", r.warnings},
              {"operation", operation},
              {"timestamp", format_local_time("%Y-%m-%dT%H:%M:%S")},
              {"exception", nullptr},
              {"licenseFailed", false}};
}

// Flyway's error object (spec 10.3). The SQL and location fields appear when known; a failed
// migration always carries them (empty or 0 when unknown), as Flyway's migrate error does.
json error_object(const Error& e, bool migration_failure) {
  json error = {
      {"errorCode", error_code_name(e.code)},
      {"message", e.message},
      {"cause", e.cause ? json{{"message", *e.cause}, {"stackTrace", ""}, {"cause", nullptr}}
                        : json(nullptr)}};
  if (e.sql || migration_failure) {
    error["sqlState"] = e.sql ? e.sql->sql_state : "";
    error["sqlErrorCode"] = e.sql ? e.sql->vendor_code : 0;
  }
  if (e.location || migration_failure) {
    error["path"] = e.location ? e.location->absolute_path : "";
    error["lineNumber"] = e.location ? e.location->line : 0;
  }
  return error;
}

json version_or_null(const MigrationVersion& v) {
  return v.is_empty() ? json(nullptr) : json(v.text());
}

json items(const std::vector<RepairItem>& list) {
  json out = json::array();
  for (const RepairItem& i : list) {
    out.push_back(
        {{"version", i.version}, {"description", i.description}, {"filepath", i.filepath}});
  }
  return out;
}

}  // namespace

std::string installed_on_utc(const std::string& text) {
  if (text.size() < 19) return "";
  std::string out = text.substr(0, 10) + "T" + text.substr(11, 8);
  std::string fraction = text.size() > 20 ? text.substr(20) : "";
  fraction = (fraction + "000").substr(0, 3);
  return out + "." + fraction + "Z";
}

json to_json(const InfoResult& r) {
  json out = common(r, "info");
  out["schemaVersion"] = version_or_null(r.schema_version);
  out["schemaName"] = r.schema_name;
  out["allSchemasEmpty"] = r.all_schemas_empty;
  json migrations = json::array();
  for (std::size_t i = 0; i < r.migrations.size(); ++i) {
    const MigrationInfo& m = r.migrations[i];
    std::string raw =
        m.applied ? m.applied->version_text
                  : (m.resolved && m.resolved->is_versioned() ? m.resolved->version.text() : "");
    migrations.push_back({
        {"category", category_of(m)},
        {"version", m.is_versioned() ? m.version_text() : ""},
        {"rawVersion", raw},
        {"description", m.description()},
        {"type", migration_type_name(m.type())},
        {"installedOnUTC", m.applied ? installed_on_utc(m.applied->installed_on) : ""},
        {"state", state_display_name(m.state)},
        {"undoable", undoable_of(m, !r.undo_paths.at(i).empty())},
        {"filepath", m.resolved ? m.resolved->absolute_path : ""},
        {"undoFilepath", r.undo_paths.at(i)},
        {"installedBy", m.applied ? m.applied->installed_by : ""},
        {"executionTime", m.applied ? m.applied->execution_time : 0},
        {"checksum",
         m.checksum() ? json(*m.checksum()) : json(nullptr)},  // runway only: check.history
        {"shouldExecuteExpression", nullptr},
    });
  }
  out["migrations"] = migrations;
  return out;
}

namespace {

// migrate and undo (Flyway Teams' UndoResult names its list undoneMigrations and its count
// migrationsUndone); a failed run keeps what ran before the failure and adds `error`.
json run_to_json(const MigrateResult& r, const char* operation, const char* list_key,
                 const char* count_key) {
  json out = common(r, operation);
  out["initialSchemaVersion"] = version_or_null(r.initial_version);
  out["targetSchemaVersion"] = version_or_null(r.target_version);
  out["schemaName"] = r.schema_name;
  json migrations = json::array();
  for (const AppliedInRun& m : r.migrations) {
    migrations.push_back({{"category", m.category},
                          {"version", m.version},
                          {"description", m.description},
                          {"type", m.type},
                          {"filepath", m.filepath},
                          {"executionTime", m.execution_time}});
  }
  out[list_key] = migrations;
  out[count_key] = r.migrations.size();
  out["success"] = r.success();
  out["databaseType"] = r.database_type;
  out["totalMigrationTime"] = r.total_time;
  if (r.failure) out["error"] = error_object(*r.failure, /*migration_failure=*/true);
  return out;
}

}  // namespace

json to_json(const MigrateResult& r) {
  return run_to_json(r, "migrate", "migrations", "migrationsExecuted");
}

json to_json(const UndoResult& r) {
  return run_to_json(r, "undo", "undoneMigrations", "migrationsUndone");
}

json to_json(const ValidateResult& r) {
  json out = common(r, "validate");
  json invalid = json::array();
  std::string all_messages;
  for (const ValidationFailure& f : r.failures) {
    invalid.push_back(
        {{"version", f.version},
         {"description", f.description},
         {"filepath", f.filepath},
         {"errorDetails", {{"errorCode", error_code_name(f.code)}, {"errorMessage", f.message}}}});
    all_messages += (all_messages.empty() ? "" : "\n") + f.message;
  }
  if (r.schema_error) {
    out["errorDetails"] = {{"errorCode", error_code_name(r.schema_error->code)},
                           {"errorMessage", r.schema_error->message}};
  } else if (!r.failures.empty()) {
    out["errorDetails"] = {{"errorCode", "VALIDATE_ERROR"},
                           {"errorMessage", "Migrations have failed validation"}};
  } else {
    out["errorDetails"] = nullptr;
  }
  out["invalidMigrations"] = invalid;
  out["validationSuccessful"] = r.success();
  out["validateCount"] = r.validate_count;
  out["allErrorMessages"] = all_messages;
  return out;
}

json to_json(const BaselineResult& r) {
  json out = common(r, "baseline");
  out["successfullyBaselined"] = r.baselined;
  out["baselineVersion"] = r.baseline_version;
  return out;
}

json to_json(const RepairResult& r) {
  json out = common(r, "repair");
  out["repairActions"] = r.actions;
  out["migrationsRemoved"] = items(r.removed);
  out["migrationsDeleted"] = items(r.deleted);
  out["migrationsAligned"] = items(r.aligned);
  return out;
}

json to_json(const CleanResult& r) {
  json out = common(r, "clean");
  out["schemasCleaned"] = r.schemas_cleaned;
  out["schemasDropped"] = r.schemas_dropped;
  return out;
}

json error_to_json(const Error& e) {
  return json{{"error", error_object(e, false)}};
}

}  // namespace runway
