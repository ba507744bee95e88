#include "cli/metrics_delivery.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "flightpath/http.h"
#include "report/prometheus.h"

namespace runway {

namespace {

Result<void> push_to_gateway(const flightpath::MetricsResult& metrics, std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  // PUT replaces every metric of the group, so a metric that disappears does not linger.
  auto pushed =
      flightpath::send_http(flightpath::HttpRequest{.method = "PUT",
                                                    .url = url + "/metrics/job/runway",
                                                    .body = render_prometheus(metrics),
                                                    .content_type = "text/plain; version=0.0.4",
                                                    .timeout = std::chrono::seconds(10)});
  if (!pushed) {
    return fail(ErrorCode::Error,
                "Could not push metrics to the Pushgateway: " + pushed.error().message);
  }
  spdlog::info("Pushed metrics to the Pushgateway (job=runway)");
  return {};
}

// Writes `text` aside and renames it over `path`, so node_exporter's textfile collector reads
// the old file or the whole new one, never half of it. The rename happens only once every
// byte is written and synced: a full disk leaves the old file in place.
Result<void> replace_file(const std::string& path, std::string_view text) {
  const std::string partial = path + ".partial";
  auto failed = [&](const char* step, int error) {
    std::remove(partial.c_str());
    return fail(ErrorCode::Error, "Could not write metrics.output " + path + " (" + step + " " +
                                      partial + ": " + std::strerror(error) + ")");
  };
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return failed("open", errno);
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) {
      const int error = errno;
      ::close(fd);
      return failed("write", error);
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    return failed("fsync", error);
  }
  if (::close(fd) != 0) return failed("close", errno);
  if (std::rename(partial.c_str(), path.c_str()) != 0) return failed("rename", errno);
  return {};
}

}  // namespace

Result<MetricsReport> deliver_metrics(flightpath::MetricsResult metrics, const Settings& settings) {
  RUNWAY_ASSIGN(text, render_metrics(metrics, settings.metrics_format));
  if (!settings.metrics_pushgateway.empty()) {
    RUNWAY_TRY(push_to_gateway(metrics, settings.metrics_pushgateway));
  }
  if (!settings.metrics_output.empty()) {
    RUNWAY_TRY(replace_file(settings.metrics_output, text));
    spdlog::info("Wrote {} metrics to {}", settings.metrics_format, settings.metrics_output);
    text.clear();
  }
  return MetricsReport{std::move(metrics), std::move(text)};
}

}  // namespace runway
