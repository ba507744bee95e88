// The event posted to flightpath.url after each recorded run: the run log row as JSON, which
// holds no SQL text, URLs, host, schema or user names.
#pragma once

#include <string>

#include "flightpath/run_log.h"

namespace runway::flightpath {

std::string run_event_json(const RunRecord& record);

// Posts the event with a 2 s total timeout; a slow or failing endpoint only logs a warning.
void post_run_event(const std::string& url, const RunRecord& record);

}  // namespace runway::flightpath
