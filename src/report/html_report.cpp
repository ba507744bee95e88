#include "report/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "report/metrics_output.h"

namespace runway {

namespace {

using flightpath::EnvironmentMetrics;

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// SVG coordinates.
std::string num(double value) {
  return fmt::format("{:.1f}", value);
}

// Axis labels: 0, 0.25, 12, 1.5e+03.
std::string compact(double value) {
  return fmt::format("{:.3g}", value);
}

// A bar; `alert` is the part of `value` drawn in the alert colour (failed deployments).
struct Bar {
  std::string label;
  double value = 0;
  double alert = 0;
  std::string tooltip;
};

// The smallest of 1, 2, 5 x 10^n that is at least `value`, so axes end on round numbers.
double nice_ceiling(double value) {
  if (value <= 0) return 1;
  double magnitude = std::pow(10, std::floor(std::log10(value)));
  for (double step : {1.0, 2.0, 5.0, 10.0}) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

std::string bar_chart(const std::string& title, const std::vector<Bar>& bars,
                      const std::function<std::string(double)>& axis_label) {
  constexpr double kWidth = 560, kHeight = 260, kLeft = 64, kRight = 12, kTop = 34, kBottom = 46;
  double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  double top = 0;
  for (const Bar& b : bars) top = std::max(top, b.value);
  top = nice_ceiling(top);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(kWidth) + " " +
                    num(kHeight) + "\" role=\"img\" aria-label=\"" + escape(title) +
                    "\"><text x=\"" + num(kLeft) + "\" y=\"20\" class=\"title\">" + escape(title) +
                    "</text>";
  for (int i = 0; i <= 4; ++i) {
    double y = kTop + plot_h - plot_h * i / 4;
    svg += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kWidth - kRight) + "\" y1=\"" + num(y) +
           "\" y2=\"" + num(y) + "\" class=\"grid\"/><text x=\"" + num(kLeft - 6) + "\" y=\"" +
           num(y + 4) + "\" class=\"axis\" text-anchor=\"end\">" + escape(axis_label(top * i / 4)) +
           "</text>";
  }
  if (bars.empty()) {
    svg += "<text x=\"" + num(kLeft + plot_w / 2) + "\" y=\"" + num(kTop + plot_h / 2) +
           "\" class=\"empty\" text-anchor=\"middle\">no data in this window</text>";
  }
  double slot = bars.empty() ? 0 : plot_w / bars.size();
  std::size_t label_every = std::max<std::size_t>(1, (bars.size() + 9) / 10);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    double x = kLeft + slot * i + slot * 0.15, w = std::max(1.0, slot * 0.7);
    double h = plot_h * b.value / top, alert_h = plot_h * b.alert / top;
    double base = kTop + plot_h;
    svg += "<g><title>" + escape(b.tooltip) + "</title>";
    svg += "<rect x=\"" + num(x) + "\" y=\"" + num(base - h) + "\" width=\"" + num(w) +
           "\" height=\"" + num(h) + "\" class=\"bar\"/>";
    if (alert_h > 0) {
      svg += "<rect x=\"" + num(x) + "\" y=\"" + num(base - alert_h) + "\" width=\"" + num(w) +
             "\" height=\"" + num(alert_h) + "\" class=\"alert\"/>";
    }
    svg += "</g>";
    if (i % label_every == 0) {
      svg += "<text x=\"" + num(x + w / 2) + "\" y=\"" + num(base + 16) +
             "\" class=\"axis\" text-anchor=\"middle\">" + escape(b.label) + "</text>";
    }
  }
  return svg + "</svg>";
}

std::string short_date(flightpath::UnixMs instant) {
  return flightpath::format_date(instant).substr(5);
}

std::string deployments_chart(const EnvironmentMetrics& m) {
  std::vector<Bar> bars;
  for (const auto& w : m.weeks) {
    bars.push_back(Bar{
        short_date(w.week_start), static_cast<double>(w.deployments), static_cast<double>(w.failed),
        "week of " + flightpath::format_date(w.week_start) + ": " + std::to_string(w.deployments) +
            " deployments, " + std::to_string(w.failed) + " failed"});
  }
  return bar_chart("Deployments per week (red: failed)", bars, compact);
}

// Change failure rate over the last four weeks, at each week: one bad week stays visible
// without a single deployment swinging the line between 0% and 100%.
std::string failure_rate_chart(const EnvironmentMetrics& m) {
  std::vector<Bar> bars;
  for (std::size_t i = 0; i < m.weeks.size(); ++i) {
    int deployed = 0, failed = 0;
    for (std::size_t j = i >= 3 ? i - 3 : 0; j <= i; ++j) {
      deployed += m.weeks[j].deployments;
      failed += m.weeks[j].failed;
    }
    double rate = deployed ? static_cast<double>(failed) / deployed : 0;
    bars.push_back(Bar{short_date(m.weeks[i].week_start), rate, rate,
                       "4 weeks to " + flightpath::format_date(m.weeks[i].week_start) + ": " +
                           std::to_string(failed) + "/" + std::to_string(deployed) + " failed"});
  }
  return bar_chart("Change failure rate, rolling 4 weeks", bars,
                   [](double v) { return percent(v); });
}

std::string restore_chart(const EnvironmentMetrics& m) {
  std::vector<Bar> bars;
  for (const auto& incident : m.incidents) {
    if (!incident.restored_at) continue;
    double hours = (*incident.restored_at - incident.failed_at) / 3600000.0;
    bars.push_back(Bar{short_date(incident.failed_at), hours, 0,
                       flightpath::format_date(incident.failed_at) + " (" +
                           flightpath::failure_cause_name(incident.cause) + "): restored after " +
                           human_duration(*incident.restored_at - incident.failed_at)});
  }
  return bar_chart("Time to restore per incident (hours)", bars, compact);
}

std::string lead_time_chart(const EnvironmentMetrics& m) {
  std::vector<Bar> bars;
  for (const auto& b : m.lead_time_distribution) {
    bars.push_back(Bar{b.label, static_cast<double>(b.count), 0,
                       std::to_string(b.count) + " migrations: " + b.label});
  }
  return bar_chart("Lead time: commit to installation (migrations)", bars, compact);
}

std::string card(const std::string& label, const std::string& value, const std::string& detail) {
  return "<div class=\"card\"><div class=\"label\">" + escape(label) +
         "</div><div class=\"value\">" + escape(value) + "</div><div class=\"detail\">" +
         escape(detail) + "</div></div>";
}

std::string section(const EnvironmentMetrics& m) {
  std::string html = "<section><h2>" + escape(m.environment) + " <small>" +
                     escape(m.database_type) + ", from the " +
                     (m.source == "run_log" ? "run log" : "history table") + ", " +
                     flightpath::format_date(m.since) + " to " + flightpath::format_date(m.until) +
                     "</small></h2><div class=\"cards\">";
  html += card(
      "Deployment frequency", num(m.deployments_per_week) + " / week",
      std::to_string(m.deployments) + " deployments, DORA band: " + flightpath::band_name(m.band));
  html += card("Change failure rate", m.change_failure_rate ? percent(*m.change_failure_rate) : "-",
               std::to_string(m.failed_runs) + " failed runs, " + std::to_string(m.undos) +
                   " undos, " + std::to_string(m.repairs) + " repairs");
  html += card("Time to restore",
               m.time_to_restore.count ? human_duration(m.time_to_restore.median) : "-",
               "median of " + std::to_string(m.time_to_restore.count) + " incidents" +
                   (m.unrestored ? ", " + std::to_string(m.unrestored) + " open" : ""));
  html += card("Lead time", m.lead_time.count ? human_duration(m.lead_time.median) : "-",
               "median, p90 " + (m.lead_time.count ? human_duration(m.lead_time.p90) : "-"));
  html += card("Migration duration",
               m.migration_duration.count ? human_duration(m.migration_duration.p90) : "-",
               "p90 of " + std::to_string(m.migration_duration.count) + ", max " +
                   (m.migration_duration.count ? human_duration(m.migration_duration.max) : "-"));
  html += "</div><div class=\"charts\">";
  for (const std::string& chart :
       {deployments_chart(m), failure_rate_chart(m), restore_chart(m), lead_time_chart(m)}) {
    html += "<figure>" + chart + "</figure>";
  }
  return html + "</div></section>";
}

constexpr const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2933;background:#f5f7fa}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 12px}h2 small{font-weight:normal;color:#616e7c;font-size:13px}
p.meta{color:#616e7c;margin:0 0 8px;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px}
.card{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card .label{font-size:12px;color:#616e7c;text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:24px;font-weight:600;margin:4px 0}.card .detail{font-size:12px;color:#52606d}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-top:12px}
figure{margin:0;background:#fff;border-radius:8px;padding:8px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
svg{width:100%;height:auto}.title{font-size:14px;font-weight:600;fill:#1f2933}
.axis{font-size:10px;fill:#616e7c}.grid{stroke:#e4e7eb;stroke-width:1}.empty{font-size:13px;fill:#9aa5b1}
.bar{fill:#3e7bfa}.alert{fill:#e12d39}
)";

}  // namespace

std::string render_html_report(const flightpath::MetricsResult& metrics) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>runway "
      "flightpath report</title><style>" +
      std::string(kStyle) + "</style></head><body><h1>runway flightpath: deployment metrics</h1>" +
      "<p class=\"meta\">Generated " + flightpath::format_iso(metrics.generated_at) +
      " by runway " RUNWAY_VERSION ". Definitions: docs/flightpath.md.</p>";
  for (const auto& m : metrics.environments) html += section(m);
  return html + "</body></html>\n";
}

}  // namespace runway
