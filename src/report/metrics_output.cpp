#include "report/metrics_output.h"

#include <fmt/format.h>

#include "core/ascii_table.h"
#include "report/html_report.h"
#include "report/prometheus.h"

namespace runway {

namespace {

using flightpath::DurationStats;
using flightpath::EnvironmentMetrics;
using flightpath::MetricsResult;

std::string stats_text(const DurationStats& s) {
  if (s.count == 0) return "-";
  return human_duration(s.median) + " / " + human_duration(s.p90) + " / " + human_duration(s.max) +
         " (n=" + std::to_string(s.count) + ")";
}

nlohmann::json stats_json(const DurationStats& s) {
  if (s.count == 0)
    return {{"count", 0}, {"medianMs", nullptr}, {"p90Ms", nullptr}, {"maxMs", nullptr}};
  return {{"count", s.count}, {"medianMs", s.median}, {"p90Ms", s.p90}, {"maxMs", s.max}};
}

nlohmann::json environment_json(const EnvironmentMetrics& m) {
  nlohmann::json weeks = nlohmann::json::array();
  for (const auto& w : m.weeks) {
    weeks.push_back({{"weekStart", flightpath::format_date(w.week_start)},
                     {"deployments", w.deployments},
                     {"failed", w.failed}});
  }
  nlohmann::json incidents = nlohmann::json::array();
  for (const auto& i : m.incidents) {
    incidents.push_back(
        {{"failedAt", flightpath::format_iso(i.failed_at)},
         {"restoredAt", i.restored_at ? nlohmann::json(flightpath::format_iso(*i.restored_at))
                                      : nlohmann::json(nullptr)},
         {"cause", flightpath::failure_cause_name(i.cause)}});
  }
  nlohmann::json lead_buckets = nlohmann::json::array();
  for (const auto& b : m.lead_time_distribution) {
    lead_buckets.push_back({{"bucket", b.label}, {"count", b.count}});
  }
  return {
      {"environment", m.environment},
      {"databaseType", m.database_type},
      {"source", m.source},
      {"since", flightpath::format_iso(m.since)},
      {"until", flightpath::format_iso(m.until)},
      {"deployments", m.deployments},
      {"failedDeployments", m.failed_deployments},
      {"failedRuns", m.failed_runs},
      {"undos", m.undos},
      {"repairs", m.repairs},
      {"deploymentsPerWeek", m.deployments_per_week},
      {"deploymentFrequencyBand", flightpath::band_name(m.band)},
      {"changeFailureRate",
       m.change_failure_rate ? nlohmann::json(*m.change_failure_rate) : nlohmann::json(nullptr)},
      {"timeToRestore", stats_json(m.time_to_restore)},
      {"unrestoredIncidents", m.unrestored},
      {"leadTime", stats_json(m.lead_time)},
      {"leadTimeUnknown", m.lead_time_unknown},
      {"migrationDuration", stats_json(m.migration_duration)},
      {"weeks", weeks},
      {"incidents", incidents},
      {"leadTimeDistribution", lead_buckets},
  };
}

nlohmann::json metrics_json(const MetricsResult& metrics) {
  nlohmann::json environments = nlohmann::json::array();
  for (const auto& m : metrics.environments) environments.push_back(environment_json(m));
  return {{"operation", "metrics"},
          {"flywayVersion", RUNWAY_VERSION},
          {"generatedAt", flightpath::format_iso(metrics.generated_at)},
          {"environments", environments}};
}

}  // namespace

std::string human_duration(std::int64_t ms) {
  constexpr std::int64_t kSecond = 1000, kMinute = 60 * kSecond, kHour = 60 * kMinute,
                         kDay = 24 * kHour;
  if (ms < kSecond) return std::to_string(ms) + " ms";
  if (ms < kMinute) return fmt::format("{:.1f} s", ms / 1000.0);
  if (ms < kHour) return std::to_string(ms / kMinute) + " min";
  if (ms < kDay)
    return std::to_string(ms / kHour) + " h " + std::to_string(ms % kHour / kMinute) + " min";
  return fmt::format("{:.1f} d", static_cast<double>(ms) / kDay);
}

std::string percent(double fraction) {
  return fmt::format("{:.1f}%", fraction * 100);
}

std::string render_metrics_text(const MetricsResult& metrics) {
  std::vector<std::string> header = {"Metric"};
  for (const auto& m : metrics.environments) header.push_back(m.environment);
  std::vector<std::vector<SqlValue>> rows;
  auto row = [&](const std::string& name, auto cell) {
    std::vector<SqlValue> line = {name};
    for (const auto& m : metrics.environments) line.push_back(cell(m));
    rows.push_back(std::move(line));
  };
  row("Window", [](const auto& m) {
    return flightpath::format_date(m.since) + " .. " + flightpath::format_date(m.until);
  });
  row("Source", [](const auto& m) { return m.source + " (" + m.database_type + ")"; });
  row("Deployments", [](const auto& m) { return std::to_string(m.deployments); });
  row("Deployment frequency", [](const auto& m) {
    return fmt::format("{:.2f}", m.deployments_per_week) + "/week (" +
           flightpath::band_name(m.band) + ")";
  });
  row("Change failure rate", [](const auto& m) {
    return m.change_failure_rate
               ? percent(*m.change_failure_rate) + " (" + std::to_string(m.failed_deployments) +
                     "/" + std::to_string(m.deployments) + ")"
               : std::string("-");
  });
  row("Failed runs / undos / repairs", [](const auto& m) {
    return std::to_string(m.failed_runs) + " / " + std::to_string(m.undos) + " / " +
           std::to_string(m.repairs);
  });
  row("Time to restore (median/p90/max)", [](const auto& m) {
    return stats_text(m.time_to_restore) +
           (m.unrestored ? ", " + std::to_string(m.unrestored) + " unrestored" : "");
  });
  row("Lead time (median/p90/max)", [](const auto& m) {
    return stats_text(m.lead_time) +
           (m.lead_time_unknown ? ", " + std::to_string(m.lead_time_unknown) + " not in git" : "");
  });
  row("Migration duration (median/p90/max)",
      [](const auto& m) { return stats_text(m.migration_duration); });
  return render_ascii_table(header, rows, "No environment");
}

nlohmann::json to_json(const MetricsReport& report) {
  return metrics_json(report.metrics);
}

Result<std::string> render_metrics(const MetricsResult& metrics, const std::string& format) {
  if (format == "text") return render_metrics_text(metrics);
  if (format == "json") return metrics_json(metrics).dump(2) + "\n";
  if (format == "prometheus") return render_prometheus(metrics);
  if (format == "html") return render_html_report(metrics);
  return fail(ErrorCode::Configuration,
              "Invalid metrics.format '" + format + "': use text, json, prometheus or html");
}

}  // namespace runway
