// `info` (spec 5.2): the plan, filtered as the command line asks.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "commands/callbacks.h"
#include "commands/commands.h"

namespace runway {

namespace {

// `dd/MM/yyyy HH:mm` -> `yyyy-MM-dd HH:mm`, which compares correctly with installed_on text.
Result<std::string> parse_filter_date(const std::string& text, const char* option) {
  int day = 0, month = 0, year = 0, hour = 0, minute = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%2d/%2d/%4d %2d:%2d%c", &day, &month, &year, &hour, &minute,
                  &tail) != 5 ||
      month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) {
    return fail(ErrorCode::Configuration, std::string("Invalid ") + option + " '" + text +
                                              "': use the format dd/MM/yyyy HH:mm, for example "
                                              "13/10/2020 16:30");
  }
  char buffer[64];  // room for any int, so the compiler can prove nothing is cut
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d", year, month, day, hour, minute);
  return std::string(buffer);
}

// The MigrationFilterImpl semantics of spec 5.2.
Result<std::vector<MigrationInfo>> apply_filter(std::vector<MigrationInfo> entries,
                                                const InfoFilter& filter) {
  std::optional<std::string> since, until;
  if (!filter.since_date.empty()) {
    RUNWAY_ASSIGN(d, parse_filter_date(filter.since_date, "infoSinceDate"));
    since = d;
  }
  if (!filter.until_date.empty()) {
    RUNWAY_ASSIGN(d, parse_filter_date(filter.until_date, "infoUntilDate"));
    until = d;
  }
  std::optional<MigrationVersion> since_version, until_version;
  if (!filter.since_version.empty()) {
    RUNWAY_ASSIGN(v, MigrationVersion::parse(filter.since_version));
    since_version = v;
  }
  if (!filter.until_version.empty()) {
    RUNWAY_ASSIGN(v, MigrationVersion::parse(filter.until_version));
    until_version = v;
  }
  std::vector<MigrationState> states;
  for (const std::string& name : filter.of_state) {
    auto state = parse_state_enum_name(name);
    if (!state) {
      return fail(ErrorCode::Configuration, "Invalid infoOfState '" + name +
                                                "': use state names such as PENDING, SUCCESS, "
                                                "FAILED, OUT_OF_ORDER");
    }
    states.push_back(*state);
  }

  std::erase_if(entries, [&](const MigrationInfo& m) {
    std::string installed = m.applied ? m.applied->installed_on.substr(0, 16) : "";
    if (since && !installed.empty() && !(installed > *since)) return true;
    if (until && (installed.empty() || !(installed < *until))) return true;
    if (since_version && m.is_versioned() && m.version() < *since_version) return true;
    if (until_version && (!m.is_versioned() || m.version() > *until_version)) return true;
    if (!states.empty() && std::find(states.begin(), states.end(), m.state) == states.end())
      return true;
    return false;
  });
  return entries;
}

Result<InfoResult> info_without_callbacks(Session& session, const InfoFilter& filter) {
  RUNWAY_ASSIGN(exists, session.history->exists());
  if (!exists) {
    spdlog::info("Schema history table {} does not exist yet", session.history->qualified_name());
  }
  RUNWAY_ASSIGN(plan, plan_with_configured_target(session));
  add_available_undo_scripts(plan, session.resolved.undo_migrations);
  InfoResult result;
  static_cast<CommonResult&>(result) = session.common();
  result.schema_version = plan.current_version();
  result.no_local_migrations = std::none_of(plan.entries.begin(), plan.entries.end(),
                                            [](const MigrationInfo& m) { return m.resolved != nullptr; });
  bool all_empty = true;
  for (const std::string& schema : session.schemas) {
    RUNWAY_ASSIGN(schema_exists, session.db->schema_exists(schema));
    if (!schema_exists) continue;
    RUNWAY_ASSIGN(empty, session.db->schema_is_empty(schema));
    all_empty = all_empty && empty;
  }
  result.all_schemas_empty = all_empty;
  RUNWAY_ASSIGN(filtered, apply_filter(std::move(plan.entries), filter));
  result.migrations = std::move(filtered);
  for (const MigrationInfo& m : result.migrations) {
    std::string undo;
    if (m.is_versioned() && !is_undo_type(m.type())) {
      for (const ResolvedMigration& u : session.resolved.undo_migrations)
        if (u.version == m.version()) undo = u.absolute_path;
    }
    result.undo_paths.push_back(undo);
  }
  return result;
}

}  // namespace

Result<InfoResult> info(Session& session, const InfoFilter& filter) {
  auto result = with_callbacks(session, CallbackEvent::BeforeInfo, CallbackEvent::AfterInfo,
                               CallbackEvent::AfterInfoError,
                               [&] { return info_without_callbacks(session, filter); });
  if (!result) {
    fire_callbacks_after_failure(session, CallbackEvent::AfterInfoOperationFinish);
    return result;
  }
  RUNWAY_TRY(fire_callbacks(session, CallbackEvent::AfterInfoOperationFinish));
  return result;
}

}  // namespace runway
