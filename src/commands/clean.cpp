// `clean` (spec 5.7): drop every object in the managed schemas, and the schemas runway
// created itself. Refused unless cleanDisabled=false.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string_view>

#include "commands/callbacks.h"
#include "commands/commands.h"

namespace runway {

namespace {

// Whether a SCHEMA marker row's script lists `schema`. Flyway writes the created schemas each
// in double quotes, comma-separated, with quotes inside a name left as they are (`"app","a"b"`),
// so a name holding a quote cannot be split back out of the text: each managed schema is looked
// for as a whole element instead.
bool marker_lists(std::string_view script, const std::string& schema) {
  const std::string element = "\"" + schema + "\"";
  for (std::size_t pos = script.find(element); pos != std::string_view::npos;
       pos = script.find(element, pos + 1)) {
    const std::size_t end = pos + element.size();
    if ((pos == 0 || script[pos - 1] == ',') && (end == script.size() || script[end] == ',')) {
      return true;
    }
  }
  return false;
}

Result<CleanResult> clean_without_callbacks(Session& session) {
  CleanResult result;
  static_cast<CommonResult&>(result) = session.common();
  Database& db = *session.db;

  std::vector<std::string> markers;  // scripts of the SCHEMA marker rows
  RUNWAY_ASSIGN(history_exists, session.history->exists());
  if (history_exists) {
    RUNWAY_ASSIGN(rows, session.history->rows());
    for (const AppliedMigration& row : *rows) {
      if (row.type == MigrationType::Schema) markers.push_back(row.script);
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
      spdlog::info("Successfully cleaned schema \"{}\" (execution time {})", schema,
                   watch.formatted());
    }
  }
  result.schemas_cleaned = existing;
  for (const std::string& schema : existing) {
    if (std::ranges::none_of(markers, [&](const auto& m) { return marker_lists(m, schema); })) {
      continue;
    }
    Stopwatch watch;
    auto dropped = db.drop_schema(schema);
    if (!dropped) {
      spdlog::warn("Unable to drop schema \"{}\": {}", schema, dropped.error().message);
      continue;
    }
    spdlog::info("Successfully dropped schema \"{}\" (execution time {})", schema,
                 watch.formatted());
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
