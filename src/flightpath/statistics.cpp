#include "flightpath/statistics.h"

#include <algorithm>

namespace runway::flightpath {

DurationStats summarize(std::vector<std::int64_t> durations) {
  DurationStats stats;
  if (durations.empty()) return stats;
  std::sort(durations.begin(), durations.end());
  std::size_t n = durations.size();
  stats.count = static_cast<int>(n);
  stats.median = n % 2 == 1 ? durations[n / 2] : (durations[n / 2 - 1] + durations[n / 2]) / 2;
  std::size_t rank = (9 * n + 9) / 10;  // ceil(0.9 n), integer arithmetic
  stats.p90 = durations[rank - 1];
  stats.max = durations.back();
  return stats;
}

}  // namespace runway::flightpath
