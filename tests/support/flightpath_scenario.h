// The hand-checked history of the flightpath tests, written into real databases and a real
// git repository. Times are relative to `now`: T0 = now - 60 days, so every deployment but
// the first falls inside the default 90-day window. The expected numbers, worked out by
// hand, are in tests/cli/metrics_sqlite_test.cpp next to the assertions.
//
// History (installed_by "ci" unless said):
//   1 V0.9 now-120d 100 ms        outside the window
//   2 V1   T0       100 ms  \ one deployment (2 minutes apart)
//   3 V2   T0+2m    300 ms  /
//   4 V3   T0+7d    500 ms        undone by row 5
//   5 U3   T0+7d+3h  50 ms        UNDO_SQL
//   6 V3   T0+8d    400 ms
//   7 V4   T0+14d     0 ms  failed (success = false)
//   8 V4   T0+15d   200 ms
//   9 V5   T0+15d+5m 700 ms by "alice": a deployment of its own
//
// Run log (when written): see run_log_inserts().
// Git: V0_9, V1, V2 committed at T0-1d; V3, U3 at T0+6d; V4 at T0+13d; V1 changed at
// T0+30d (after it was deployed); V5 never committed.
#pragma once

#include <string>
#include <vector>

#include "flightpath/clock.h"
#include "support/temp_dir.h"

namespace runway::testing {

using flightpath::kMsPerDay;
using flightpath::kMsPerHour;
using flightpath::kMsPerMinute;
using flightpath::UnixMs;

struct FlightpathScenario {
  UnixMs now = flightpath::now_ms() / 1000 * 1000;  // whole seconds, like git commit times
  UnixMs t0 = now - 60 * kMsPerDay;

  // INSERT statements for the history rows above into `table` (quoted and qualified).
  // PostgreSQL rows are written as instants and stored in the session's TimeZone, as
  // Flyway's now() default does.
  std::vector<std::string> history_inserts(const std::string& table, bool postgres) const;
  std::vector<std::string> run_log_inserts(const std::string& table) const;
  // Writes the migration files into <dir>/sql and commits them as described above.
  void write_and_commit_files(const TempDir& dir) const;
};

}  // namespace runway::testing
