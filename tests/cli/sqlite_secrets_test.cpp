// Secrets never reach the terminal, the JSON document or a CI log, however they were given.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class SqliteSecretsTest : public SqliteCliTest {
 protected:
  void SetUp() override { migration("V1__create_person.sql", "CREATE TABLE person (id INT);\n"); }
};

TEST_F(SqliteSecretsTest, ValueAfterASpaceIsNotEchoed) {
  auto r = runway({"-password=", "s3cret-pa55", "migrate"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("did you put a space after `=`?"));
  EXPECT_THAT(r.err + r.out, Not(HasSubstr("s3cret-pa55")));
}

TEST_F(SqliteSecretsTest, ConfigurationErrorsAreMasked) {
  // The password typed where a command belongs, given as a plain word.
  auto r = run_runway({"hunter2", "migrate"}, dir_.str(), {{"FLYWAY_PASSWORD", "hunter2"}});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("Unknown command '********'"));
  EXPECT_THAT(r.err, Not(HasSubstr("hunter2")));
  auto odd = runway({"p@ss:w0rd!", "migrate"});
  EXPECT_EQ(odd.exit_code, 1) << describe(odd);
  EXPECT_THAT(odd.err, HasSubstr("Unknown command (not shown)"));
  EXPECT_THAT(odd.err, Not(HasSubstr("p@ss")));
}

TEST_F(SqliteSecretsTest, ShortPasswordKeepsJsonValid) {
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  auto r = runway({"-password=e", "-outputType=json", "info", "validate"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  ASSERT_TRUE(json::accept(r.out)) << describe(r);
  json results = json::parse(r.out)["individualResults"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["schemaVersion"], "1");
  EXPECT_TRUE(results[0]["migrations"][0]["checksum"].is_number_integer());
  EXPECT_EQ(results[0]["allSchemasEmpty"], false);
  EXPECT_EQ(results[1]["validationSuccessful"], true);
  // Inside strings the password is still masked, even where that over-masks.
  EXPECT_EQ(results[0]["migrations"][0]["description"], "cr********at******** p********rson");
}

TEST_F(SqliteSecretsTest, RealisticPasswordMaskedInJsonStrings) {
  migration("V2__grant_s3cret-pa55.sql", "CREATE TABLE grants (id INT);\n");
  auto r = runway({"-password=s3cret-pa55", "-outputType=json", "migrate"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  ASSERT_TRUE(json::accept(r.out)) << describe(r);
  EXPECT_THAT(r.out, Not(HasSubstr("s3cret-pa55")));
  json j = json::parse(r.out);
  EXPECT_EQ(j["migrationsExecuted"], 2);
  EXPECT_EQ(j["migrations"][1]["description"], "grant ********");
}

TEST_F(SqliteSecretsTest, JdbcPropertyPasswordsAreMasked) {
  migration("V2__grant_jp-s3cret.sql", "CREATE TABLE grants (id INT);\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  auto r = runway({"-jdbcProperties.password=jp-s3cret", "info"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("grant ********"));
  EXPECT_THAT(r.out, Not(HasSubstr("jp-s3cret")));
}

TEST_F(SqliteSecretsTest, OtherEnvironmentsPasswordsAreMasked) {
  migration("V2__grant_prod-s3cret.sql", "CREATE TABLE grants (id INT);\n");
  dir_.write("flyway.toml", "[environments.dev]\nurl = \"jdbc:sqlite:" + db() +
                                "\"\n[environments.prod]\nurl = \"jdbc:sqlite:prod.db\"\n"
                                "password = \"prod-s3cret\"\n"
                                "[flyway]\nlocations = [\"filesystem:sql\"]\n");
  auto r = run_runway({"-environment=dev", "migrate"}, dir_.str());
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("grant ********"));
  EXPECT_THAT(r.err + r.out, Not(HasSubstr("prod-s3cret")));
}

}  // namespace
}  // namespace runway::testing
