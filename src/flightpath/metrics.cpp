#include "flightpath/metrics.h"

#include <array>
#include <cstdint>

#include "flightpath/lead_time.h"

namespace runway::flightpath {

namespace {

constexpr UnixMs kWeek = 7 * kMsPerDay;

// 1970-01-01 was a Thursday; Monday 1970-01-05 starts week zero.
UnixMs week_start(UnixMs instant) {
  constexpr UnixMs kFirstMonday = 4 * kMsPerDay;
  UnixMs offset = instant - kFirstMonday;
  UnixMs weeks = offset >= 0 ? offset / kWeek : (offset - kWeek + 1) / kWeek;
  return kFirstMonday + weeks * kWeek;
}

std::vector<WeekBucket> weekly(const std::vector<Deployment>& deployments, UnixMs since,
                               UnixMs until) {
  std::vector<WeekBucket> weeks;
  for (UnixMs start = week_start(since); start <= until; start += kWeek) {
    weeks.push_back(WeekBucket{start, 0, 0});
  }
  for (const Deployment& d : deployments) {
    std::size_t index =
        static_cast<std::size_t>((week_start(d.at) - weeks.front().week_start) / kWeek);
    if (index >= weeks.size()) continue;
    weeks[index].deployments++;
    weeks[index].failed += d.failure.has_value();
  }
  return weeks;
}

struct LeadTimeBound {
  const char* label;
  UnixMs below;
};
constexpr std::array<LeadTimeBound, 5> kLeadTimeBuckets = {{
    {"< 1 h", kMsPerHour},
    {"1 h - 1 d", kMsPerDay},
    {"1 d - 1 w", kWeek},
    {"1 w - 30 d", 30 * kMsPerDay},
    {"> 30 d", INT64_MAX},
}};

}  // namespace

const char* band_name(FrequencyBand band) {
  switch (band) {
    case FrequencyBand::None:
      return "none";
    case FrequencyBand::Low:
      return "low";
    case FrequencyBand::Medium:
      return "medium";
    case FrequencyBand::High:
      return "high";
    case FrequencyBand::Elite:
      return "elite";
  }
  return "none";
}

FrequencyBand frequency_band(int deployments, UnixMs window) {
  if (deployments == 0 || window <= 0) return FrequencyBand::None;
  // Compare deployments * period with the window, so no rounding decides a band.
  auto at_least_one_per = [&](UnixMs period) { return deployments * period >= window; };
  if (at_least_one_per(kMsPerDay)) return FrequencyBand::Elite;
  if (at_least_one_per(kWeek)) return FrequencyBand::High;
  if (at_least_one_per(30 * kMsPerDay)) return FrequencyBand::Medium;
  return FrequencyBand::Low;
}

EnvironmentMetrics compute_metrics(const MetricsInput& in) {
  EnvironmentMetrics m;
  m.environment = in.environment;
  m.database_type = in.database_type;
  m.since = in.since;
  m.until = in.until;
  m.source = in.run_log ? "run_log" : "history";

  DeploymentHistory history = deployments_of(
      in.run_log ? changes_from_run_log(*in.run_log) : changes_from_history(in.history), in.since);
  m.deployments = static_cast<int>(history.deployments.size());
  for (const Deployment& d : history.deployments) m.failed_deployments += d.failure.has_value();
  m.failed_runs = history.failed_runs;
  m.undos = history.undos;
  m.repairs = history.repairs;
  UnixMs window = in.until - in.since;
  m.deployments_per_week = window > 0 ? m.deployments * static_cast<double>(kWeek) / window : 0;
  m.band = frequency_band(m.deployments, window);
  if (m.deployments > 0) {
    m.change_failure_rate = static_cast<double>(m.failed_deployments) / m.deployments;
  }

  std::vector<std::int64_t> restores;
  for (const Incident& incident : history.incidents) {
    if (incident.restored_at)
      restores.push_back(*incident.restored_at - incident.failed_at);
    else
      m.unrestored++;
  }
  m.time_to_restore = summarize(restores);
  m.incidents = history.incidents;

  std::vector<std::int64_t> lead_times, durations;
  for (const LeadTimeBound& bound : kLeadTimeBuckets) {
    m.lead_time_distribution.push_back(LeadTimeBucket{bound.label, 0});
  }
  for (const HistoryEntry& e : in.history) {
    if (!e.success || !is_forward_script(e.type) || e.installed_on < in.since) continue;
    durations.push_back(e.execution_time);
    auto times = in.commit_times.find(e.script);
    auto committed = times == in.commit_times.end()
                         ? std::nullopt
                         : commit_deployed(times->second, e.installed_on);
    if (!committed) {
      m.lead_time_unknown++;
      continue;
    }
    UnixMs lead = e.installed_on - *committed;
    lead_times.push_back(lead);
    for (std::size_t i = 0; i < kLeadTimeBuckets.size(); ++i) {
      if (lead < kLeadTimeBuckets[i].below) {
        m.lead_time_distribution[i].count++;
        break;
      }
    }
  }
  m.lead_time = summarize(lead_times);
  m.migration_duration = summarize(durations);
  m.weeks = weekly(history.deployments, in.since, in.until);
  return m;
}

}  // namespace runway::flightpath
