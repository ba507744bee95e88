// `runway metrics` output: renders the numbers in -metrics.format (text, json, prometheus,
// html). Sending them somewhere is cli/metrics_delivery.h's job.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "flightpath/metrics.h"
#include "runway/error.h"

namespace runway {

// What a metrics run produced, and what stdout shows (empty when written to a file).
struct MetricsReport {
  flightpath::MetricsResult metrics;
  std::string text;
};

// `metrics` in -metrics.format: text, json, prometheus or html.
Result<std::string> render_metrics(const flightpath::MetricsResult& metrics,
                                   const std::string& format);

nlohmann::json to_json(const MetricsReport& report);
std::string render_metrics_text(const flightpath::MetricsResult& metrics);

// "850 ms", "12.5 s", "42 min", "5 h 20 min", "3.5 d": for tables and charts.
std::string human_duration(std::int64_t milliseconds);
// "12.5%"
std::string percent(double fraction);

}  // namespace runway
