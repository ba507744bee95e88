// `baseline` (spec 5.5): mark an existing database as being at baselineVersion.
#include <spdlog/spdlog.h>

#include "commands/callbacks.h"
#include "commands/commands.h"

namespace runway {

namespace {

const char* kResetHint =
    "\nNeed to reset your baseline? Delete the baseline row from the schema "
    "history table, or drop the table, then run baseline again.";

Result<MigrationVersion> configured_baseline_version(const Settings& settings) {
  RUNWAY_ASSIGN(version, MigrationVersion::parse(settings.baseline_version));
  if (!version.is_regular()) {
    return fail(ErrorCode::Configuration, "Invalid baselineVersion '" + settings.baseline_version +
                                              "': it must be a version");
  }
  return version;
}

// Spec 5.5 steps 3-5, once the schemas exist. `created` are the schemas this run created.
Result<BaselineResult> baseline_without_callbacks(Session& session, const MigrationVersion& version,
                                                  const std::vector<std::string>& created) {
  const Settings& settings = session.settings;
  HistoryTable& history = *session.history;
  BaselineResult result;
  static_cast<CommonResult&>(result) = session.common();
  result.baseline_version = version.text();
  HistoryRow marker = HistoryTable::baseline_marker(version.text(), settings.baseline_description);

  RUNWAY_ASSIGN(exists, history.exists());
  if (!exists) {
    RUNWAY_ASSIGN(created_table, create_history_table(session, marker, created));
    // Otherwise another process created it while we waited for the lock: check its rows.
    if (created_table) {
      spdlog::info("Successfully baselined schema with version: {}", version.text());
      result.baselined = true;
      return result;
    }
  }

  RUNWAY_ASSIGN(rows, history.rows());
  std::string table = history.qualified_name();
  std::string wanted = "(" + version.text() + "," + settings.baseline_description + ")";
  // Flyway looks for the marker in the first two rows only (it may follow a schema marker).
  for (std::size_t i = 0; i < rows->size() && i < 2; ++i) {
    const AppliedMigration& row = (*rows)[i];
    if (row.type != MigrationType::Baseline) continue;
    if (row.version == version && row.description == settings.baseline_description) {
      spdlog::info("Schema history table {} already initialized with {}. Skipping.", table, wanted);
      result.baselined = true;
      return result;
    }
    return fail(ErrorCode::Error, "Unable to baseline schema history table " + table + " with " +
                                      wanted + " as it has already been baselined with (" +
                                      row.version_text + "," + row.description + ")" + kResetHint);
  }
  bool only_markers = std::all_of(rows->begin(), rows->end(),
                                  [](const AppliedMigration& r) { return is_synthetic(r.type); });
  std::string prefix = "Unable to baseline schema history table " + table;
  if (rows->empty()) {
    return fail(ErrorCode::Error, prefix +
                                      " as it already exists, and is empty.\nDelete the "
                                      "schema history table, and run baseline again.");
  }
  if (only_markers && version.normalized() == "0") {
    return fail(ErrorCode::Error, "Unable to baseline schema history table " + table +
                                      " with version 0 as this version was used for schema "
                                      "creation");
  }
  if (!only_markers)
    return fail(ErrorCode::Error, prefix + " as it already contains migrations" + kResetHint);
  return fail(ErrorCode::Error, prefix +
                                    " as it already contains migrations.\nDelete the schema "
                                    "history table, and run baseline again.");
}

}  // namespace

Result<BaselineResult> baseline(Session& session) {
  RUNWAY_ASSIGN(version, configured_baseline_version(session.settings));
  // Spec 5.5 step 1: the schemas first, so that beforeBaseline can use them.
  std::vector<std::string> created;
  if (session.settings.create_schemas) {
    RUNWAY_ASSIGN(made, create_missing_schemas(session));
    created = std::move(made);
  }
  return with_callbacks(session, CallbackEvent::BeforeBaseline, CallbackEvent::AfterBaseline,
                        CallbackEvent::AfterBaselineError,
                        [&] { return baseline_without_callbacks(session, version, created); });
}

}  // namespace runway
