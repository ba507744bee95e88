// The numbers `runway metrics` reports for one environment: DORA's four keys computed from
// deployments (see deployments.h), plus migration durations. Pure: inputs in, numbers out.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "flightpath/deployments.h"
#include "flightpath/statistics.h"

namespace runway::flightpath {

// DORA's deployment-frequency clusters (docs/flightpath.md cites them).
enum class FrequencyBand { None, Low, Medium, High, Elite };
const char* band_name(FrequencyBand band);  // "none", "low", "medium", "high", "elite"
// From the mean rate over the window: >= 1 a day elite, >= 1 a week high, >= 1 a month
// (30 days) medium, less low, no deployment none.
FrequencyBand frequency_band(int deployments, UnixMs window);

struct WeekBucket {
  UnixMs week_start = 0;  // Monday 00:00 UTC
  int deployments = 0;
  int failed = 0;
};

// Lead-time histogram: upper bounds in milliseconds; the last bucket is open-ended.
struct LeadTimeBucket {
  std::string label;  // "< 1 h", "1 h - 1 d", ...
  int count = 0;
};

struct EnvironmentMetrics {
  std::string environment;
  std::string database_type;
  std::string source;  // "run_log" or "history"
  UnixMs since = 0;
  UnixMs until = 0;

  int deployments = 0;
  int failed_deployments = 0;
  int failed_runs = 0;
  int undos = 0;
  int repairs = 0;
  double deployments_per_week = 0;
  FrequencyBand band = FrequencyBand::None;
  std::optional<double> change_failure_rate;  // failed / deployments; none without deployments
  DurationStats time_to_restore;
  int unrestored = 0;  // incidents with no successful run since
  DurationStats lead_time;
  int lead_time_unknown = 0;  // applied scripts without a commit time (not in git)
  DurationStats migration_duration;

  std::vector<WeekBucket> weeks;  // every week of the window, oldest first
  std::vector<Incident> incidents;
  std::vector<LeadTimeBucket> lead_time_distribution;
};

struct MetricsResult {
  UnixMs generated_at = 0;
  std::vector<EnvironmentMetrics> environments;
};

// What compute_metrics needs about one environment.
struct MetricsInput {
  std::string environment;
  std::string database_type;
  UnixMs since = 0;
  UnixMs until = 0;
  std::vector<HistoryEntry> history;
  std::optional<std::vector<RunRecord>> run_log;  // nullopt: no run log table
  // Per history script (as in the `script` column): commit times newest first.
  std::map<std::string, std::vector<UnixMs>> commit_times;
};

EnvironmentMetrics compute_metrics(const MetricsInput& input);

}  // namespace runway::flightpath
