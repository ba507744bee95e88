// One self-contained HTML page for `runway metrics -metrics.format=html`: summary cards and
// four charts per environment, drawn as inline SVG. No scripts, fonts or images from the
// network, so the file opens offline in any browser.
#pragma once

#include <string>

#include "flightpath/metrics.h"

namespace runway {

std::string render_html_report(const flightpath::MetricsResult& metrics);

}  // namespace runway
