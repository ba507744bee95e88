// `-metrics.since`: where the reporting window starts.
#pragma once

#include <string_view>

#include "flightpath/clock.h"
#include "runway/error.h"

namespace runway::flightpath {

// "90d" (days), "12w" (weeks), "6m" (calendar months) before `now`, or an ISO date or
// date-time ("2024-01-31", "2024-01-31T08:00:00Z"), read as UTC.
Result<UnixMs> parse_since(std::string_view text, UnixMs now);

}  // namespace runway::flightpath
