// The wall-clock time in the machine's time zone, as Flyway prints it in ${flyway:timestamp}
// and in the JSON output.
#pragma once

#include <chrono>
#include <string>

namespace runway {

// `when` in the local time zone, formatted by strftime's `format` (at most 63 characters out).
std::string format_local_time(const char* format, std::chrono::system_clock::time_point when =
                                                      std::chrono::system_clock::now());

}  // namespace runway
