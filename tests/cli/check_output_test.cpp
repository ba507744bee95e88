// `runway check` as CI runs it: exit codes, the four output formats, and the check.* keys in
// every spelling. No database is ever contacted.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

const std::string kSarifSchema =
    std::string(RUNWAY_SOURCE_DIR) + "/tests/data/check-sarif-schema-2.1.0.json";

class CheckOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("sql/V1__create.sql", "CREATE TABLE users (id int, name text);\n");
    // One warning (PG001) and, unless lock_timeout is set, PG010 too.
    dir_.write("sql/V2__index.sql",
               "SET lock_timeout = '2s';\nCREATE INDEX users_name ON users (name);\n");
  }
  void add_error() { dir_.write("sql/V2_0__duplicate.sql", "SELECT 1;\n"); }

  // A PostgreSQL url that nothing listens on: check must never try it.
  CommandOutput check(std::vector<std::string> args = {},
                      const std::map<std::string, std::string>& environment = {}) {
    args.insert(args.begin(), {"check", "-locations=filesystem:sql",
                               "-url=jdbc:postgresql://127.0.0.1:1/nothing"});
    return run_runway(args, dir_.str(), environment);
  }

  TempDir dir_;
};

TEST_F(CheckOutputTest, TextNamesFileLineSeverityRuleAndHint) {
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 0) << "warnings alone pass\n" << describe(r);
  EXPECT_THAT(r.out,
              HasSubstr("sql/V2__index.sql:2: warning [PG001] CREATE INDEX on existing table "
                        "users without CONCURRENTLY blocks writes to it while the index "
                        "builds\n    hint: Build it with CREATE INDEX CONCURRENTLY"));
  EXPECT_THAT(r.out, HasSubstr("runway check passed: 2 scripts, 0 errors, 1 warning, 0 notes\n"));
}

TEST_F(CheckOutputTest, ErrorsExitOne) {
  add_error();
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("sql/V2__index.sql: error [RW102] version 2 is also the version of "
                               "sql/V2_0__duplicate.sql"));
  EXPECT_THAT(r.out, HasSubstr("runway check failed"));
}

TEST_F(CheckOutputTest, FailOnWarningsInEverySpelling) {
  EXPECT_EQ(check({"-check.failOnWarnings=true"}).exit_code, 1);
  EXPECT_EQ(check({}, {{"FLYWAY_CHECK_FAIL_ON_WARNINGS", "true"}}).exit_code, 1);
  dir_.write("flyway.conf", "flyway.check.failOnWarnings=true\n");
  EXPECT_EQ(check({"-configFiles=flyway.conf"}).exit_code, 1);
  dir_.write("flyway.toml", "[flyway.check]\nfailOnWarnings = true\n");
  EXPECT_EQ(check({"-configFiles=flyway.toml"}).exit_code, 1);
  dir_.write("flyway.toml", "[flyway.check]\nfailOnWarnings = false\n");
  EXPECT_EQ(check({"-configFiles=flyway.toml"}).exit_code, 0);
}

TEST_F(CheckOutputTest, JsonThroughOutputTypeOrFormat) {
  add_error();
  for (const char* option : {"-outputType=json", "-check.format=json"}) {
    CommandOutput r = check({option});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    ASSERT_TRUE(json::accept(r.out)) << describe(r);
    json j = json::parse(r.out);
    EXPECT_EQ(j["operation"], "check");
    EXPECT_EQ(j["success"], false);
    EXPECT_EQ(j["errorCount"], 1);
    EXPECT_EQ(j["warningCount"], 1);
    EXPECT_EQ(j["scriptsChecked"], 3);
    ASSERT_EQ(j["findings"].size(), 2u);
    EXPECT_EQ(j["findings"][0],
              (json{{"path", "sql/V2__index.sql"},
                    {"line", 0},
                    {"severity", "error"},
                    {"rule", "RW102"},
                    {"name", "duplicate-version"},
                    {"message", "version 2 is also the version of sql/V2_0__duplicate.sql"},
                    {"hint", "Give one of them the next free version."}}));
  }
}

TEST_F(CheckOutputTest, GithubAnnotations) {
  add_error();
  dir_.write("sql/V3__a,b.sql", "SELECT 'x';\nALTER TABLE users ADD COLUMN x int;\n");
  CommandOutput r = check({"-check.format=github"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("::error file=sql/V2__index.sql,title=RW102 duplicate-version::"
                               "version 2 is also the version of sql/V2_0__duplicate.sql%0A"
                               "Give one of them the next free version.\n"));
  EXPECT_THAT(r.out, HasSubstr("::warning file=sql/V3__a%2Cb.sql,line=2,title=PG010 "
                               "access-exclusive-without-lock-timeout::"));
}

TEST_F(CheckOutputTest, SarifHasTheRequiredStructure) {
  add_error();
  CommandOutput r = check({"-check.format=sarif"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  ASSERT_TRUE(json::accept(r.out)) << describe(r);
  json sarif = json::parse(r.out);
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_EQ(sarif["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_EQ(sarif["runs"].size(), 1u);
  const json& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "runway");
  const json& rules = run["tool"]["driver"]["rules"];
  ASSERT_GT(rules.size(), 20u);
  ASSERT_EQ(run["results"].size(), 2u);
  const json& warning = run["results"][1];
  EXPECT_EQ(warning["ruleId"], "PG001");
  EXPECT_EQ(warning["level"], "warning");
  EXPECT_EQ(rules[warning["ruleIndex"].get<int>()]["id"], "PG001");
  const json& location = warning["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "sql/V2__index.sql");
  EXPECT_EQ(location["region"]["startLine"], 2);
  EXPECT_FALSE(run["results"][0]["locations"][0]["physicalLocation"].contains("region"))
      << "a finding about a whole file has no region";
}

TEST_F(CheckOutputTest, SarifValidatesAgainstTheSchema) {
  add_error();
  dir_.write("sql/V4__placeholder.sql", "SELECT '${flyway:database}';\n");
  CommandOutput r = check({"-check.format=sarif"});
  dir_.write("out.sarif", r.out);
  const std::string script =
      "import json, sys, jsonschema\n"
      "schema = json.load(open(sys.argv[1]))\n"
      "jsonschema.Draft4Validator(schema).validate(json.load(open(sys.argv[2])))\n"
      "print('valid')\n";
  CommandOutput valid =
      run_program({"/usr/bin/python3", "-c", script, kSarifSchema, "out.sarif"}, dir_.str());
  EXPECT_EQ(valid.exit_code, 0) << describe(valid);
  EXPECT_EQ(valid.out, "valid\n");

  // The validator does reject what breaks the schema.
  json broken = json::parse(r.out);
  broken["runs"][0]["results"][0]["level"] = "fatal";
  dir_.write("broken.sarif", broken.dump());
  CommandOutput invalid =
      run_program({"/usr/bin/python3", "-c", script, kSarifSchema, "broken.sarif"}, dir_.str());
  EXPECT_NE(invalid.exit_code, 0) << describe(invalid);
}

TEST_F(CheckOutputTest, UnknownFormatOrTwoFormatsAreRejected) {
  CommandOutput r = check({"-check.format=xml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("check.format must be text, json, github or sarif, not 'xml'"));
  r = check({"-check.format=sarif", "-outputType=json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("both choose the output"));
}

}  // namespace
}  // namespace runway::testing
