// The password of a role that must give one (the test server's runway_pw), passed every way
// runway accepts, through every command, verbose, JSON, failing: it must appear in no byte
// of stdout or stderr.
#include <gmock/gmock.h>

#include "cli/postgres_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class PostgresPasswordCliTest : public PostgresCliTest {
 protected:
  void SetUp() override {
    PostgresCliTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // The role may create objects in this database's public schema.
    ASSERT_TRUE(db().execute("ALTER SCHEMA public OWNER TO " + server().password_user));
    migration("V1__t.sql", "CREATE TABLE t (x INT);\n");
    migration("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT x FROM t;\n");
  }

  std::string user() const { return server().password_user; }
  std::string password() const { return server().password; }
  // The database URL without credentials.
  std::string bare_url() const { return database().url(false); }

  // Runs `runway <args>` with `environment` and checks that the password is nowhere in
  // what it printed. Returns the output for further checks.
  CommandOutput run_hiding_password(const std::vector<std::string>& args,
                                    const std::map<std::string, std::string>& environment = {}) {
    CommandOutput output = run_runway(args, dir_.str(), environment);
    EXPECT_EQ(output.out.find(password()), std::string::npos) << "stdout shows the password:\n"
                                                              << output.out;
    EXPECT_EQ(output.err.find(password()), std::string::npos) << "stderr shows the password:\n"
                                                              << output.err;
    return output;
  }

  // Every command, plain, verbose and as JSON, then a failing migration, then clean; each
  // must succeed (or fail where meant to) without showing the password.
  void run_every_command(const std::vector<std::string>& credentials,
                         const std::map<std::string, std::string>& environment = {}) {
    auto with = [&](std::vector<std::string> args) {
      args.insert(args.begin(), credentials.begin(), credentials.end());
      args.push_back("-locations=filesystem:sql");
      return run_hiding_password(args, environment);
    };
    auto migrated = with({"migrate", "info", "validate", "-X"});
    ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
    EXPECT_THAT(migrated.err, HasSubstr("Successfully applied 2 migrations"));
    EXPECT_EQ(value("SELECT DISTINCT installed_by FROM flyway_schema_history"), user());

    auto json_run = with({"info", "validate", "repair", "-outputType=json", "-X"});
    EXPECT_EQ(json_run.exit_code, 0) << describe(json_run);
    EXPECT_THAT(json_run.out, HasSubstr("\"individualResults\""));

    migration("V2__broken.sql", "INSERT INTO t VALUES ('not a number');\n");
    auto failed = with({"migrate", "-X"});
    EXPECT_EQ(failed.exit_code, 1) << describe(failed);
    EXPECT_THAT(failed.err, HasSubstr("SQL State  : 22P02"));
    auto failed_json = with({"migrate", "-outputType=json"});
    EXPECT_EQ(failed_json.exit_code, 1) << describe(failed_json);
    EXPECT_THAT(failed_json.out, HasSubstr("22P02"));
    std::filesystem::remove(dir_.path() / "sql/V2__broken.sql");

    auto cleaned = with({"clean", "baseline", "-cleanDisabled=false", "-X"});
    EXPECT_EQ(cleaned.exit_code, 0) << describe(cleaned);
    EXPECT_FALSE(relation_exists("public.t"));
  }

  void expect_wrong_password_refused(const std::vector<std::string>& args,
                                     const std::map<std::string, std::string>& environment = {}) {
    for (const char* mode : {"-X", "-outputType=json"}) {
      std::vector<std::string> full = args;
      full.insert(full.end(), {"info", "-locations=filesystem:sql", mode});
      CommandOutput output = run_runway(full, dir_.str(), environment);
      EXPECT_EQ(output.exit_code, 1) << describe(output);
      EXPECT_THAT(output.out + output.err, HasSubstr("password authentication failed for user"));
      EXPECT_THAT(output.out + output.err, HasSubstr("for user '" + user() + "'"));
      EXPECT_EQ((output.out + output.err).find("Wr0ng-pa55"), std::string::npos)
          << describe(output);
    }
  }
};

TEST_F(PostgresPasswordCliTest, PasswordOption) {
  run_every_command({"-url=" + bare_url(), "-user=" + user(), "-password=" + password()});
  expect_wrong_password_refused({"-url=" + bare_url(), "-user=" + user(), "-password=Wr0ng-pa55"});
}

TEST_F(PostgresPasswordCliTest, PasswordInTheUrl) {
  run_every_command({"-url=" + bare_url() + "?user=" + user() + "&password=" + password()});
  expect_wrong_password_refused(
      {"-url=" + bare_url() + "?user=" + user() + "&password=Wr0ng-pa55"});
}

TEST_F(PostgresPasswordCliTest, PasswordInFlywayConf) {
  dir_.write("flyway.conf", "flyway.url=" + bare_url() + "\nflyway.user=" + user() +
                                "\nflyway.password=" + password() + "\n");
  run_every_command({"-configFiles=flyway.conf"});
  dir_.write("wrong.conf", "flyway.url=" + bare_url() + "\nflyway.user=" + user() +
                               "\nflyway.password=Wr0ng-pa55\n");
  expect_wrong_password_refused({"-configFiles=wrong.conf"});
}

TEST_F(PostgresPasswordCliTest, PasswordInFlywayPasswordVariable) {
  run_every_command({"-url=" + bare_url(), "-user=" + user()}, {{"FLYWAY_PASSWORD", password()}});
  expect_wrong_password_refused({"-url=" + bare_url(), "-user=" + user()},
                                {{"FLYWAY_PASSWORD", "Wr0ng-pa55"}});
}

TEST_F(PostgresPasswordCliTest, PasswordFromLibpqEnvironment) {
  run_every_command({"-url=" + bare_url(), "-user=" + user()}, {{"PGPASSWORD", password()}});
  expect_wrong_password_refused({"-url=" + bare_url(), "-user=" + user()},
                                {{"PGPASSWORD", "Wr0ng-pa55"}});
}

// Issue 11: pgjdbc has no `user:password@` before the host, and libpq took it for a host name
// and echoed it. runway refuses the URL, in every output mode, without showing the password.
TEST_F(PostgresPasswordCliTest, CredentialsBeforeTheHostAreRefused) {
  std::string url = bare_url();
  url.insert(url.find("//") + 2, user() + ":" + password() + "@");
  for (const char* mode : {"-X", "-outputType=json"}) {
    CommandOutput output =
        run_hiding_password({"-url=" + url, "info", "-locations=filesystem:sql", mode});
    EXPECT_EQ(output.exit_code, 1) << describe(output);
    EXPECT_THAT(output.out + output.err, HasSubstr("-user and -password")) << describe(output);
    EXPECT_THAT(output.out + output.err, Not(HasSubstr("could not translate host name")));
  }
  // The dry run's header names the URL before runway connects.
  CommandOutput dry_run = run_hiding_password(
      {"-url=" + url, "migrate", "-locations=filesystem:sql", "-dryRunOutput=-"});
  EXPECT_EQ(dry_run.exit_code, 1) << describe(dry_run);
  EXPECT_THAT(dry_run.out, HasSubstr("-- runway dry run of migrate on jdbc:postgresql://"));
}

// Issue 11: a masked `password=` at the end of the URL keeps the `)` that closes it.
TEST_F(PostgresPasswordCliTest, MaskingAWrongUrlPasswordKeepsTheTextAfterIt) {
  for (const char* mode : {"-X", "-outputType=json"}) {
    CommandOutput output =
        run_hiding_password({"-url=" + bare_url() + "?user=" + user() + "&password=Wr0ng-pa55",
                             "info", "-locations=filesystem:sql", mode});
    EXPECT_EQ(output.exit_code, 1) << describe(output);
    EXPECT_THAT(output.out + output.err,
                HasSubstr("&password=********) for user '" + user() + "'"));
  }
}

}  // namespace
}  // namespace runway::testing
