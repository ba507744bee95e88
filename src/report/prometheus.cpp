#include "report/prometheus.h"

#include <fmt/format.h>

#include <functional>
#include <optional>

namespace runway {

namespace {

using flightpath::DurationStats;
using flightpath::EnvironmentMetrics;

std::string label_value(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

// The shortest text that reads back as the same double.
std::string number(double value) {
  return fmt::format("{}", value);
}

// One metric family: HELP and TYPE once, then a sample per environment (and extra label).
class Family {
 public:
  Family(std::string& out, const std::string& name, const std::string& help)
      : out_(out), name_(name) {
    out_ += "# HELP " + name + " " + help + "\n# TYPE " + name + " gauge\n";
  }
  void sample(const EnvironmentMetrics& m, double value, const std::string& extra_label = "") {
    out_ += name_ + "{environment=\"" + label_value(m.environment) + "\"" +
            (extra_label.empty() ? "" : "," + extra_label) + "} " + number(value) + "\n";
  }

 private:
  std::string& out_;
  std::string name_;
};

}  // namespace

std::string render_prometheus(const flightpath::MetricsResult& metrics) {
  std::string out;
  const auto& envs = metrics.environments;
  auto gauge = [&](const std::string& name, const std::string& help,
                   const std::function<std::optional<double>(const EnvironmentMetrics&)>& value) {
    Family family(out, name, help);
    for (const auto& m : envs) {
      if (auto v = value(m)) family.sample(m, *v);
    }
  };
  auto seconds_stats = [&](const std::string& name, const std::string& help,
                           DurationStats EnvironmentMetrics::*stats) {
    Family family(out, name, help + " (statistic: median, p90, max; absent without data)");
    for (const auto& m : envs) {
      const DurationStats& s = m.*stats;
      if (s.count == 0) continue;
      family.sample(m, s.median / 1000.0, "statistic=\"median\"");
      family.sample(m, s.p90 / 1000.0, "statistic=\"p90\"");
      family.sample(m, s.max / 1000.0, "statistic=\"max\"");
    }
  };

  gauge("runway_deployments", "Deployments in the metrics window.",
        [](const auto& m) { return m.deployments; });
  gauge("runway_failed_deployments", "Deployments that failed, were undone or repaired.",
        [](const auto& m) { return m.failed_deployments; });
  gauge("runway_deployments_per_week", "Mean deployments per week over the window.",
        [](const auto& m) { return m.deployments_per_week; });
  {
    Family family(out, "runway_deployment_frequency_band",
                  "DORA deployment frequency band: 1 for the current band, 0 for the others.");
    for (const auto& m : envs) {
      for (auto band : {flightpath::FrequencyBand::None, flightpath::FrequencyBand::Low,
                        flightpath::FrequencyBand::Medium, flightpath::FrequencyBand::High,
                        flightpath::FrequencyBand::Elite}) {
        family.sample(m, m.band == band ? 1 : 0,
                      std::string("band=\"") + flightpath::band_name(band) + "\"");
      }
    }
  }
  gauge("runway_change_failure_ratio",
        "Failed deployments divided by deployments (absent without deployments).",
        [](const auto& m) { return m.change_failure_rate; });
  gauge("runway_failed_runs", "Migrate and undo runs that failed in the window.",
        [](const auto& m) { return m.failed_runs; });
  gauge("runway_undos", "Undo runs in the window.", [](const auto& m) { return m.undos; });
  gauge("runway_repairs_of_failed_rows", "Repairs that removed failed history rows.",
        [](const auto& m) { return m.repairs; });
  gauge("runway_unrestored_incidents", "Failed deployments not yet followed by a good run.",
        [](const auto& m) { return m.unrestored; });
  seconds_stats("runway_time_to_restore_seconds",
                "Time from a failed deployment to the next good run",
                &EnvironmentMetrics::time_to_restore);
  seconds_stats("runway_lead_time_seconds", "Time from a migration's commit to its installation",
                &EnvironmentMetrics::lead_time);
  seconds_stats("runway_migration_duration_seconds", "Execution time of applied migrations",
                &EnvironmentMetrics::migration_duration);
  gauge("runway_metrics_window_seconds", "Length of the metrics window.",
        [](const auto& m) { return (m.until - m.since) / 1000.0; });
  return out;
}

}  // namespace runway
