#include "flightpath/run_recorder.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <tuple>

#include "flightpath/commit.h"
#include "flightpath/run_event.h"

namespace runway::flightpath {

namespace {

std::string random_uuid() {
  std::random_device device;
  std::mt19937_64 generator((static_cast<std::uint64_t>(device()) << 32) ^ device());
  std::uint64_t high = generator(), low = generator();
  high = (high & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;    // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xffff),
                static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

auto row_identity(const AppliedMigration& m) {
  return std::tie(m.installed_rank, m.version_text, m.description, m.type, m.checksum, m.success);
}

bool same_rows(const std::vector<AppliedMigration>& a, const std::vector<AppliedMigration>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return row_identity(x) == row_identity(y);
  });
}

int failed_rows(const std::vector<AppliedMigration>& rows) {
  return static_cast<int>(
      std::count_if(rows.begin(), rows.end(), [](const auto& m) { return !m.success; }));
}

// Script rows (V, R, B, U) added after the last rank seen before the run.
int scripts_added(const std::vector<AppliedMigration>& before,
                  const std::vector<AppliedMigration>& after) {
  int last_rank = before.empty() ? -1 : before.back().installed_rank;
  return static_cast<int>(std::count_if(after.begin(), after.end(), [&](const auto& m) {
    return m.installed_rank > last_rank && m.success && !is_synthetic(m.type);
  }));
}

}  // namespace

std::string environment_label(const Settings& settings) {
  return settings.flightpath_environment.empty() ? settings.environment
                                                 : settings.flightpath_environment;
}

RunRecorder::Snapshot RunRecorder::snapshot(Session& session) {
  Snapshot snap;
  session.history->invalidate();  // repair rewrites rows in place; read them all afresh
  auto rows = session.applied_migrations();
  if (!rows) {
    spdlog::warn("Flightpath: could not read the history table: {}", rows.error().message);
    return snap;
  }
  snap.rows = **rows;
  if (auto plan = make_plan(session.resolved.migrations, snap.rows, PlanOptions{})) {
    snap.version = plan->current_version().text();
  }
  return snap;
}

std::optional<RunRecorder> RunRecorder::start(const std::string& command, Session& session) {
  const Settings& settings = session.settings;
  bool on = settings.flightpath_enabled || !settings.flightpath_url.empty();
  // A dry run changes nothing, and writes nothing to the database: not even the run log.
  bool dry_run = !settings.dry_run_output.empty();
  if (!on || dry_run) return std::nullopt;
  return RunRecorder(command, snapshot(session));
}

void RunRecorder::finish(Session& session, const Error* error) {
  const Settings& settings = session.settings;
  Snapshot after = snapshot(session);
  RunRecord record;
  record.run_id = random_uuid();
  record.command = command_;
  record.started_at = started_at_;
  record.finished_at = now_ms();
  record.outcome = error != nullptr                      ? RunOutcome::Failed
                   : same_rows(before_.rows, after.rows) ? RunOutcome::NothingToDo
                                                         : RunOutcome::Success;
  record.migrations_applied = scripts_added(before_.rows, after.rows);
  record.failed_rows_removed = std::max(0, failed_rows(before_.rows) - failed_rows(after.rows));
  record.version_before = before_.version;
  record.version_after = after.version;
  if (error != nullptr) record.error_code = error_code_name(error->code);
  record.runway_version = RUNWAY_VERSION;
  record.environment = environment_label(settings);
  if (settings.flightpath_record_commit)
    record.commit = deployed_commit(settings.working_directory);

  if (settings.flightpath_enabled) {
    RunLogTable log(*session.db, session.default_schema, settings.flightpath_table);
    auto written = log.append(record);
    if (written) {
      spdlog::debug("Flightpath: recorded {} run {} in {}", command_, record.run_id,
                    log.qualified_name());
    } else {
      spdlog::warn("Flightpath: the run was not recorded in {}: {}", log.qualified_name(),
                   written.error().message);
    }
  }
  if (!settings.flightpath_url.empty()) post_run_event(settings.flightpath_url, record);
}

}  // namespace runway::flightpath
