// The output formats of `runway metrics`: Prometheus text checked by promtool, written for
// node_exporter's textfile collector and pushed to a real Pushgateway; and the HTML report.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/sqlite_fixture.h"
#include "support/background_process.h"
#include "support/http_test_server.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class MetricsOutputTest : public SqliteCliTest {
 protected:
  void SetUp() override {
    migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
    migration("V2__b.sql", "CREATE TABLE b (id INT);\n");
    auto migrated = runway({"migrate", "-flightpath.enabled=true", "-flightpath.environment=prod"});
    ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  }
  CommandOutput metrics(std::vector<std::string> args) {
    args.insert(args.begin(), {"metrics", "-flightpath.environment=prod"});
    return runway(args);
  }
};

TEST_F(MetricsOutputTest, PrometheusTextPassesPromtool) {
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/promtool"))
      << "promtool is missing: scripts/setup installs Debian's prometheus package";
  auto result = metrics({"-metrics.format=prometheus"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("# TYPE runway_deployments gauge\n"
                                    "runway_deployments{environment=\"prod\"} 1\n"));
  EXPECT_THAT(result.out,
              HasSubstr("runway_deployment_frequency_band{environment=\"prod\",band=\"low\"} 1\n"));
  EXPECT_THAT(result.out, HasSubstr("runway_change_failure_ratio{environment=\"prod\"} 0\n"));
  EXPECT_THAT(
      result.out,
      HasSubstr("runway_migration_duration_seconds{environment=\"prod\",statistic=\"p90\"}"));
  auto checked = run_program({"/usr/bin/promtool", "check", "metrics"}, dir_.str(), {}, result.out);
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err << "\n" << result.out;
  EXPECT_EQ(checked.out + checked.err, "") << "promtool's lint found problems";
}

TEST_F(MetricsOutputTest, TextfileForNodeExporter) {
  std::string file = dir_.str() + "/runway.prom";
  auto result = metrics({"-metrics.format=prometheus", "-metrics.output=" + file});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "") << "written to the file, not stdout";
  EXPECT_THAT(read(file), HasSubstr("runway_deployments{environment=\"prod\"} 1\n"));
  EXPECT_FALSE(std::filesystem::exists(file + ".partial"));
}

// A write that fails half way (here: the file size limit, as a full disk would) must not put
// a truncated file in place of the good one.
TEST_F(MetricsOutputTest, AFailedWriteKeepsTheOldFileAndNamesIt) {
  std::string file = dir_.str() + "/report.html";
  std::ofstream(file) << "previous report";
  // Files may grow to a few KiB (room for stderr, not for the ~10 KiB report). SIGXFSZ is
  // ignored, so the write past the limit fails with EFBIG instead of killing runway.
  const std::string limited = "trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\"";
  auto result =
      run_program({"/bin/sh", "-c", limited, RUNWAY_BINARY, "metrics", "-flightpath.environment=prod",
                   "-url=jdbc:sqlite:" + db(), "-locations=filesystem:sql", "-metrics.format=html",
                   "-metrics.output=" + file},
                  dir_.str());
  EXPECT_NE(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("Could not write metrics.output " + file));
  EXPECT_THAT(result.err, HasSubstr("File too large"));
  EXPECT_EQ(read(file), "previous report");
  EXPECT_FALSE(std::filesystem::exists(file + ".partial"));
}

TEST_F(MetricsOutputTest, PushToARealPushgateway) {
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/prometheus-pushgateway"))
      << "the Pushgateway is missing: scripts/setup installs prometheus-pushgateway";
  int port = free_port();
  std::string listen = "127.0.0.1:" + std::to_string(port);
  BackgroundProcess gateway({"/usr/bin/prometheus-pushgateway", "--web.listen-address=" + listen});
  ASSERT_GT(gateway.pid(), 0);
  bool ready = false;
  for (int i = 0; i < 100 && !ready; ++i) {
    ready = http_get(port, "/-/ready").has_value();
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(ready) << "the Pushgateway did not start on " << listen;

  auto result = metrics({"-metrics.pushgateway=http://" + listen + "/"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("Deployment frequency")) << "the text table still prints";
  auto scraped = http_get(port, "/metrics");
  ASSERT_TRUE(scraped);
  EXPECT_THAT(
      *scraped,
      HasSubstr("runway_deployments{environment=\"prod\",instance=\"\",job=\"runway\"} 1\n"));
  EXPECT_THAT(*scraped, HasSubstr("runway_deployment_frequency_band{band=\"low\",environment="
                                  "\"prod\",instance=\"\",job=\"runway\"} 1\n"));
}

TEST_F(MetricsOutputTest, AnUnreachablePushgatewayIsAnError) {
  auto result =
      metrics({"-metrics.pushgateway=http://127.0.0.1:" + std::to_string(refused_port())});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("Could not push metrics to the Pushgateway"));
}

TEST_F(MetricsOutputTest, HtmlReportIsSelfContained) {
  std::string file = dir_.str() + "/report.html";
  auto result = metrics({"-metrics.format=html", "-metrics.output=" + file});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  std::string html = read(file);
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("<h2>prod <small>SQLite, from the run log"));
  for (const char* chart : {"Deployments per week", "Change failure rate, rolling 4 weeks",
                            "Time to restore per incident", "Lead time: commit to installation"}) {
    EXPECT_THAT(html, HasSubstr(chart));
  }
  std::size_t charts = 0;
  for (std::size_t at = 0; (at = html.find("<svg ", at)) != std::string::npos; ++at) ++charts;
  EXPECT_EQ(charts, 4u);
  // Nothing to fetch: no scripts, stylesheets, images or fonts from elsewhere.
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
  std::string without_svg_namespace = html;
  for (std::size_t at;
       (at = without_svg_namespace.find("http://www.w3.org/2000/svg")) != std::string::npos;) {
    without_svg_namespace.erase(at, 26);
  }
  EXPECT_THAT(without_svg_namespace, Not(HasSubstr("http")));
}

TEST_F(MetricsOutputTest, JsonFormatEqualsOutputTypeJson) {
  auto as_format = metrics({"-metrics.format=json"});
  auto as_output_type = metrics({"-outputType=json"});
  ASSERT_EQ(as_format.exit_code, 0);
  ASSERT_EQ(as_output_type.exit_code, 0);
  auto a = nlohmann::json::parse(as_format.out), b = nlohmann::json::parse(as_output_type.out);
  a.erase("generatedAt");
  b.erase("generatedAt");
  for (auto* doc : {&a, &b}) {
    (*doc)["environments"][0].erase("until");
    (*doc)["environments"][0].erase("since");
    (*doc)["environments"][0].erase("deploymentsPerWeek");
  }
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace runway::testing
