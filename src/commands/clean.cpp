// `clean` (spec 5.7): drop every object in the managed schemas, and the schemas runway
// created itself. Refused unless cleanDisabled=false.
#include <spdlog/spdlog.h>

#include "commands/callbacks.h"
#include "commands/commands.h"

namespace runway {

namespace {

// Schema names recorded in SCHEMA marker rows: `"app","audit"`.
std::vector<std::string> schemas_in_marker(const std::string& script) {
  std::vector<std::string> names;
  std::size_t pos = 0;
  while ((pos = script.find('"', pos)) != std::string::npos) {
    std::size_t end = script.find('"', pos + 1);
    if (end == std::string::npos) break;
    names.push_back(script.substr(pos + 1, end - pos - 1));
    pos = end + 1;
  }
  return names;
}

Result<CleanResult> clean_without_callbacks(Session& session) {
  CleanResult result;
  static_cast<CommonResult&>(result) = session.common();
  Database& db = *session.db;

  std::vector<std::string> created_by_us;
  RUNWAY_ASSIGN(history_exists, session.history->exists());
  if (history_exists) {
    RUNWAY_ASSIGN(rows, session.history->rows());
    for (const AppliedMigration& row : *rows) {
      if (row.type != MigrationType::Schema) continue;
      for (std::string& name : schemas_in_marker(row.script)) created_by_us.push_back(std::move(name));
    }
  }

  std::vector<std::string> existing;
  for (const std::string& schema : session.schemas) {
    RUNWAY_ASSIGN(exists, db.schema_exists(schema));
    if (!exists) {
      std::string warning = "Unable to clean unknown schema: \"" + schema + "\"";
      spdlog::warn("{}", warning);
      result.warnings.push_back(warning);
      continue;
    }
    existing.push_back(schema);
  }
  // Two passes, in list order then reverse, so objects depending on other schemas go too.
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < existing.size(); ++i) {
      const std::string& schema = existing[pass == 0 ? i : existing.size() - 1 - i];
      Stopwatch watch;
      RUNWAY_TRY(db.clean_schema(schema));
      spdlog::info("Successfully cleaned schema \"{}\" (execution time {})", schema, watch.formatted());
    }
  }
  result.schemas_cleaned = existing;
  for (const std::string& schema : created_by_us) {
    if (std::find(existing.begin(), existing.end(), schema) == existing.end()) continue;
    Stopwatch watch;
    auto dropped = db.drop_schema(schema);
    if (!dropped) {
      spdlog::warn("Unable to drop schema \"{}\": {}", schema, dropped.error().message);
      continue;
    }
    spdlog::info("Successfully dropped schema \"{}\" (execution time {})", schema, watch.formatted());
    result.schemas_dropped.push_back(schema);
  }
  session.history->invalidate();
  return result;
}

}  // namespace

Result<CleanResult> clean(Session& session) {
  // Checked before any callback: a refused clean runs no beforeClean script either.
  if (session.settings.clean_disabled) {
    return fail(ErrorCode::Configuration,
                "Unable to execute clean as it has been disabled with the 'flyway.cleanDisabled' "
                "property.\nSet cleanDisabled=false to allow clean on this database.");
  }
  return with_callbacks(session, CallbackEvent::BeforeClean, CallbackEvent::AfterClean,
                        CallbackEvent::AfterCleanError,
                        [&] { return clean_without_callbacks(session); });
}

}  // namespace runway
