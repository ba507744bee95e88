#include "flightpath/run_event.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "flightpath/http.h"

namespace runway::flightpath {

std::string run_event_json(const RunRecord& r) {
  auto or_null = [](const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
  };
  nlohmann::json event = {
      {"event", "runway.run"},
      {"runId", r.run_id},
      {"command", r.command},
      {"outcome", outcome_name(r.outcome)},
      {"startedAt", format_iso(r.started_at)},
      {"finishedAt", format_iso(r.finished_at)},
      {"durationMs", r.finished_at - r.started_at},
      {"migrationsApplied", r.migrations_applied},
      {"failedRowsRemoved", r.failed_rows_removed},
      {"versionBefore", or_null(r.version_before)},
      {"versionAfter", or_null(r.version_after)},
      {"errorCode", or_null(r.error_code)},
      {"runwayVersion", r.runway_version},
      {"environment", or_null(r.environment)},
      {"commit", or_null(r.commit)},
  };
  return event.dump();
}

void post_run_event(const std::string& url, const RunRecord& record) {
  auto sent = send_http(
      HttpRequest{.url = url, .body = run_event_json(record), .content_type = "application/json"});
  if (!sent) spdlog::warn("Flightpath: the run event was not delivered: {}", sent.error().message);
}

}  // namespace runway::flightpath
