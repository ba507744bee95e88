// The Prometheus text exposition format (0.0.4) of `runway metrics`: for node_exporter's
// textfile collector (-metrics.output=FILE.prom) and for a Pushgateway.
#pragma once

#include <string>

#include "flightpath/metrics.h"

namespace runway {

std::string render_prometheus(const flightpath::MetricsResult& metrics);

}  // namespace runway
