// `runway metrics` output: renders the numbers in -metrics.format (text, json, prometheus,
// html), writes -metrics.output and pushes to -metrics.pushgateway.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "flightpath/metrics.h"
#include "runway/config.h"

namespace runway {

// What a metrics run produced, and what stdout shows (empty when written to a file).
struct MetricsReport {
  flightpath::MetricsResult metrics;
  std::string text;
};

Result<MetricsReport> deliver_metrics(flightpath::MetricsResult metrics, const Settings& settings);

nlohmann::json to_json(const MetricsReport& report);
std::string render_metrics_text(const flightpath::MetricsResult& metrics);

// "850 ms", "12.5 s", "42 min", "5 h 20 min", "3.5 d": for tables and charts.
std::string human_duration(std::int64_t milliseconds);
// "12.5%"
std::string percent(double fraction);

}  // namespace runway
