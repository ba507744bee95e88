// Where `runway metrics` sends what it rendered: the -metrics.output file (replaced
// atomically) and the -metrics.pushgateway, or else stdout. The rendering itself lives in
// report/metrics_output.h.
#pragma once

#include "report/metrics_output.h"
#include "runway/config.h"

namespace runway {

// Renders `metrics` in -metrics.format, pushes them and writes the file when configured.
// The report's text is what stdout shows: empty when the numbers went to a file.
Result<MetricsReport> deliver_metrics(flightpath::MetricsResult metrics, const Settings& settings);

}  // namespace runway
