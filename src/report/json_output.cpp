#include "report/json_output.h"

#include "core/local_time.h"
#include "report/info_text.h"

namespace runway {

using nlohmann::json;

namespace {

// Flyway 12's result objects do not all carry the same common fields: info and migrate
// (and undo, reported as migrate) are operation results with a timestamp, exception and
// licenseFailed; info alone has no warnings; the other commands carry only flywayVersion,
// database, warnings and operation. A database without a catalog name (SQLite) is "" in info
// and null elsewhere.
enum class Shape { Info, Run, Plain };

json common(const CommonResult& r, const char* operation, Shape shape) {
  json out = {{"flywayVersion", RUNWAY_VERSION}, {"operation", operation}};
  out["database"] = r.database.empty() && shape != Shape::Info ? json(nullptr) : json(r.database);
  if (shape != Shape::Info) out["warnings"] = r.warnings;
  if (shape != Shape::Plain) {
    out["timestamp"] = format_local_time("%Y-%m-%dT%H:%M:%S");
    out["exception"] = nullptr;
    out["licenseFailed"] = false;
  }
  return out;
}

json cause_object(const std::string& message, json cause) {
  return json{{"message", message}, {"stackTrace", ""}, {"cause", std::move(cause)}};
}

// Flyway's `cause` is its exception chain: a failed script's error is caused by the script
// exception (the same text), which is caused by the database's own error.
json cause_chain(const Error& e) {
  if (!e.causes.empty()) {
    json chain = nullptr;
    for (auto it = e.causes.rbegin(); it != e.causes.rend(); ++it) {
      chain = cause_object(*it, std::move(chain));
    }
    return chain;
  }
  if (e.sql && e.location) {
    return cause_object(e.message, cause_object(e.sql->message, nullptr));
  }
  return nullptr;
}

// Flyway's error object (spec 10.3). The SQL and location fields belong to a SQL failure (in
// a script, a callback or a failed migration, which always carries them, null or 0 when
// unknown). Other errors name their file in the message, as Flyway's do.
json error_object(const Error& e, bool migration_failure) {
  json error = {
      {"errorCode", error_code_name(e.code)}, {"message", e.message}, {"cause", cause_chain(e)}};
  if (!e.sql && !migration_failure) return error;
  if (e.sql && !e.location && !migration_failure) {
    error["subErrorCode"] = e.sql->sub_code.empty() ? json(nullptr) : json(e.sql->sub_code);
  }
  // SQLite has no SQLSTATE: Flyway's null.
  error["sqlState"] = e.sql && !e.sql->sql_state.empty() ? json(e.sql->sql_state) : json(nullptr);
  error["sqlErrorCode"] = e.sql ? e.sql->vendor_code : 0;
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
  json out = common(r, "info", Shape::Info);
  out["schemaVersion"] = version_or_null(r.schema_version);
  out["schemaName"] = r.schema_name;
  out["allSchemasEmpty"] = r.all_schemas_empty;
  json migrations = json::array();
  for (std::size_t i = 0; i < r.migrations.size(); ++i) {
    const MigrationInfo& m = r.migrations[i];
    std::string raw = m.applied    ? m.applied->version_text
                      : m.resolved ? m.resolved->raw_version
                                   : "";
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
  json out = common(r, operation, Shape::Run);
  out["initialSchemaVersion"] = version_or_null(r.initial_version);
  // Flyway reports no target version for a run that failed, whatever it applied first.
  out["targetSchemaVersion"] = r.failure ? json(nullptr) : version_or_null(r.target_version);
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
  out[count_key] = r.executed();
  out["success"] = r.success();
  out["databaseType"] = r.database_type;
  out["totalMigrationTime"] = r.total_time;
  if (r.failure) {
    out["error"] = error_object(*r.failure, /*migration_failure=*/true);
    out["exception"] = r.failure->message;  // Flyway's operation result names it here too
  }
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
  json out = common(r, "validate", Shape::Plain);
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
  json out = common(r, "baseline", Shape::Plain);
  out["successfullyBaselined"] = r.baselined;
  out["baselineVersion"] = r.baseline_version;
  return out;
}

json to_json(const RepairResult& r) {
  json out = common(r, "repair", Shape::Plain);
  out["repairActions"] = r.actions;
  out["migrationsRemoved"] = items(r.removed);
  out["migrationsDeleted"] = items(r.deleted);
  out["migrationsAligned"] = items(r.aligned);
  return out;
}

json to_json(const CleanResult& r) {
  json out = common(r, "clean", Shape::Plain);
  out["schemasCleaned"] = r.schemas_cleaned;
  out["schemasDropped"] = r.schemas_dropped;
  return out;
}

json error_to_json(const Error& e) {
  return json{{"error", error_object(e, false)}};
}

}  // namespace runway
