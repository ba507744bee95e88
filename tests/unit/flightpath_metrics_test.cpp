// Pure flightpath arithmetic: windows, statistics, deployments from the run log and from
// grouped history rows, DORA bands. Every expected number is worked out in the comments.
#include <gtest/gtest.h>

#include "flightpath/deployments.h"
#include "flightpath/metrics.h"
#include "flightpath/window.h"

namespace runway::flightpath {
namespace {

constexpr UnixMs kNow = 1'700'000'000'000;  // 2023-11-14 22:13:20 UTC

TEST(FlightpathWindow, RelativeAndIsoForms) {
  EXPECT_EQ(parse_since("90d", kNow), kNow - 90 * kMsPerDay);
  EXPECT_EQ(parse_since("12w", kNow), kNow - 84 * kMsPerDay);
  // 2023-11-14 minus 6 calendar months: 2023-05-14, same time of day.
  EXPECT_EQ(format_utc(*parse_since("6m", kNow)), "2023-05-14 22:13:20.000");
  EXPECT_EQ(format_utc(*parse_since("2023-01-31", kNow)), "2023-01-31 00:00:00.000");
  EXPECT_EQ(format_utc(*parse_since("2023-01-31T08:30:00Z", kNow)), "2023-01-31 08:30:00.000");
}

TEST(FlightpathWindow, RejectsNonsenseAndTheFuture) {
  for (const char* bad : {"", "90", "d", "0d", "-3d", "5y", "2023-13-01", "2030-01-01"}) {
    auto since = parse_since(bad, kNow);
    ASSERT_FALSE(since) << bad;
    EXPECT_EQ(since.error().code, ErrorCode::Configuration);
    EXPECT_NE(since.error().message.find("metrics.since"), std::string::npos);
  }
}

TEST(FlightpathClock, RoundTripsBothEnginesTimestampText) {
  EXPECT_EQ(parse_utc("2024-05-01 10:00:00.123"), parse_utc("2024-05-01T10:00:00.123Z"));
  EXPECT_EQ(format_utc(*parse_utc("2024-05-01 10:00:00.12")), "2024-05-01 10:00:00.120");
  EXPECT_EQ(format_utc(*parse_utc("2024-05-01 10:00")), "2024-05-01 10:00:00.000");
  EXPECT_FALSE(parse_utc("2024-05-01 10"));
}

TEST(FlightpathStatistics, MedianP90Max) {
  // Sorted 100 200 300 400 500 700: median (300+400)/2, p90 at rank ceil(5.4) = 6.
  DurationStats s = summarize({700, 100, 500, 300, 200, 400});
  EXPECT_EQ(s.count, 6);
  EXPECT_EQ(s.median, 350);
  EXPECT_EQ(s.p90, 700);
  EXPECT_EQ(s.max, 700);
  DurationStats one = summarize({42});
  EXPECT_EQ(one.median, 42);
  EXPECT_EQ(one.p90, 42);
  // Ten values 1..10: p90 at rank 9.
  EXPECT_EQ(summarize({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}).p90, 9);
  EXPECT_EQ(summarize({}).count, 0);
}

TEST(FlightpathBand, DoraFrequencyBands) {
  UnixMs window = 28 * kMsPerDay;
  EXPECT_EQ(frequency_band(0, window), FrequencyBand::None);
  EXPECT_EQ(frequency_band(28, window), FrequencyBand::Elite);  // once a day
  EXPECT_EQ(frequency_band(27, window), FrequencyBand::High);
  EXPECT_EQ(frequency_band(4, window), FrequencyBand::High);  // once a week
  EXPECT_EQ(frequency_band(3, window), FrequencyBand::Medium);
  EXPECT_EQ(frequency_band(1, 30 * kMsPerDay), FrequencyBand::Medium);  // once a month
  EXPECT_EQ(frequency_band(1, 31 * kMsPerDay), FrequencyBand::Low);
}

RunRecord run(const char* command, UnixMs at, RunOutcome outcome, int applied,
              int failed_rows_removed = 0) {
  RunRecord r;
  r.command = command;
  r.started_at = at - 1000;
  r.finished_at = at;
  r.outcome = outcome;
  r.migrations_applied = applied;
  r.failed_rows_removed = failed_rows_removed;
  return r;
}

TEST(FlightpathDeployments, FromTheRunLog) {
  using enum RunOutcome;
  UnixMs t = kNow - 30 * kMsPerDay;
  std::vector<RunRecord> runs = {
      run("migrate", t - 60 * kMsPerDay, Success, 1),  // before the window: context only
      run("migrate", t, Success, 2),                   // D1
      run("migrate", t + kMsPerHour, NothingToDo, 0),  // not a deployment
      run("migrate", t + kMsPerDay, Success, 1),       // D2, undone 3 h later
      run("undo", t + kMsPerDay + 3 * kMsPerHour, Success, 1),
      run("migrate", t + 2 * kMsPerDay, Failed, 0),  // D3 failed, restored 2 h later by D4
      run("migrate", t + 2 * kMsPerDay + 2 * kMsPerHour, Success, 1),
      run("repair", t + 3 * kMsPerDay, Success, 0, 0),  // realigned checksums: nothing
      run("baseline", t + 3 * kMsPerDay, Success, 0),
      run("migrate", t + 4 * kMsPerDay, Success, 1),  // D5, repaired: open incident
      run("repair", t + 4 * kMsPerDay + kMsPerHour, Success, 0, 1),
      run("undo", t + 5 * kMsPerDay, Failed, 0),  // a failed run; restores nothing
  };
  DeploymentHistory h = deployments_of(changes_from_run_log(runs), t - kMsPerDay);
  ASSERT_EQ(h.deployments.size(), 5u);
  EXPECT_FALSE(h.deployments[0].failure);
  EXPECT_EQ(h.deployments[1].failure, FailureCause::Undone);
  EXPECT_EQ(h.deployments[2].failure, FailureCause::RunFailed);
  EXPECT_FALSE(h.deployments[3].failure);
  EXPECT_EQ(h.deployments[4].failure, FailureCause::Repaired);
  EXPECT_EQ(h.failed_runs, 2);
  EXPECT_EQ(h.undos, 1);
  EXPECT_EQ(h.repairs, 1);
  ASSERT_EQ(h.incidents.size(), 3u);
  EXPECT_EQ(*h.incidents[0].restored_at - h.incidents[0].failed_at, 3 * kMsPerHour);
  EXPECT_EQ(*h.incidents[1].restored_at - h.incidents[1].failed_at, 2 * kMsPerHour);
  EXPECT_FALSE(h.incidents[2].restored_at);
}

TEST(FlightpathDeployments, ChangesBeforeTheWindowGiveContextButAreNotCounted) {
  UnixMs since = kNow - 10 * kMsPerDay;
  std::vector<RunRecord> runs = {run("migrate", since - kMsPerHour, RunOutcome::Success, 1),
                                 run("undo", since + kMsPerHour, RunOutcome::Success, 1)};
  DeploymentHistory h = deployments_of(changes_from_run_log(runs), since);
  EXPECT_TRUE(h.deployments.empty());  // the deployment itself is outside
  EXPECT_EQ(h.undos, 1);
  EXPECT_TRUE(h.incidents.empty());  // its incident started outside too
}

HistoryEntry row(int rank, MigrationType type, UnixMs at, const char* by, bool success = true) {
  return HistoryEntry{rank, type, "V" + std::to_string(rank) + "__x.sql", at, by, 10, success};
}

TEST(FlightpathDeployments, GroupedFromHistoryRows) {
  using enum MigrationType;
  UnixMs t = kNow - 20 * kMsPerDay;
  std::vector<HistoryEntry> rows = {
      row(0, Schema, t - kMsPerMinute, "ci"),         // markers are not deployments
      row(1, Sql, t, "ci"),                           // \ 9 min apart: one deployment
      row(2, Sql, t + 9 * kMsPerMinute, "ci"),        // /
      row(3, Sql, t + 20 * kMsPerMinute, "ci"),       // 11 min after: the next one
      row(4, Sql, t + 21 * kMsPerMinute, "bob"),      // another user: another one
      row(5, UndoSql, t + 22 * kMsPerMinute, "bob"),  // undo: bob's deployment failed
      row(6, Sql, t + kMsPerDay, "ci", false),        // failed row: failed deployment
      row(7, Delete, t + kMsPerDay + kMsPerMinute, "ci"),
      row(8, Sql, t + 2 * kMsPerDay, "ci"),  // restores row 6's incident
  };
  DeploymentHistory h = deployments_of(changes_from_history(rows), t - kMsPerDay);
  ASSERT_EQ(h.deployments.size(), 5u);
  EXPECT_EQ(h.deployments[0].migrations, 2);
  EXPECT_EQ(h.deployments[0].at, t + 9 * kMsPerMinute);
  EXPECT_EQ(h.deployments[2].failure, FailureCause::Undone);
  EXPECT_EQ(h.deployments[3].failure, FailureCause::RunFailed);
  EXPECT_EQ(h.deployments[3].migrations, 0);
  EXPECT_FALSE(h.deployments[4].failure);
  ASSERT_EQ(h.incidents.size(), 2u);
  EXPECT_EQ(*h.incidents[0].restored_at - h.incidents[0].failed_at, kMsPerMinute);
  EXPECT_EQ(*h.incidents[1].restored_at - h.incidents[1].failed_at, kMsPerDay);
  EXPECT_EQ(h.failed_runs, 1);
  EXPECT_EQ(h.undos, 1);
}

TEST(FlightpathMetrics, LeadTimePicksTheCommitThatWasDeployed) {
  MetricsInput in;
  in.since = kNow - 30 * kMsPerDay;
  in.until = kNow;
  UnixMs deployed = kNow - 10 * kMsPerDay;
  in.history = {HistoryEntry{1, MigrationType::Sql, "V1__a.sql", deployed, "ci", 120, true},
                HistoryEntry{2, MigrationType::Sql, "V2__b.sql", deployed, "ci", 80, true}};
  // V1 changed after it was deployed: the earlier commit is the one that shipped.
  in.commit_times = {{"V1__a.sql", {deployed + kMsPerDay, deployed - 2 * kMsPerHour}}};
  EnvironmentMetrics m = compute_metrics(in);
  EXPECT_EQ(m.source, "history");
  EXPECT_EQ(m.lead_time.count, 1);
  EXPECT_EQ(m.lead_time.median, 2 * kMsPerHour);
  EXPECT_EQ(m.lead_time_unknown, 1);
  EXPECT_EQ(m.lead_time_distribution[1].count, 1);  // "1 h - 1 d"
  EXPECT_EQ(m.migration_duration.median, 100);
  EXPECT_EQ(m.deployments, 1);
  int weekly = 0;
  for (const WeekBucket& w : m.weeks) weekly += w.deployments;
  EXPECT_EQ(weekly, 1);
  EXPECT_EQ(m.weeks.front().week_start % (7 * kMsPerDay), 4 * kMsPerDay);  // a Monday
}

}  // namespace
}  // namespace runway::flightpath
