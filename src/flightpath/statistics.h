// Summaries of durations (milliseconds): count, median, 90th percentile, maximum.
#pragma once

#include <cstdint>
#include <vector>

namespace runway::flightpath {

struct DurationStats {
  int count = 0;
  std::int64_t median = 0;  // mean of the two middle values when count is even
  std::int64_t p90 = 0;     // nearest rank: the value at rank ceil(0.9 * count)
  std::int64_t max = 0;
};

DurationStats summarize(std::vector<std::int64_t> durations);

}  // namespace runway::flightpath
