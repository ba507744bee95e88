// Configuration reaching the binary the ways users supply it: files, environment, flags.
#include <gmock/gmock.h>

#include <fstream>
#include <sstream>

#include "cli/commands_table.h"
#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SqliteConfigTest : public SqliteCliTest {
 protected:
  void SetUp() override { migration("V1__create_person.sql", "CREATE TABLE person (id INT);\n"); }
};

TEST_F(SqliteConfigTest, FlywayConfInTheWorkingDirectory) {
  dir_.write("flyway.conf", "flyway.url=jdbc:sqlite:" + db() + "\nflyway.locations=filesystem:sql\n");
  auto r = run_runway({"migrate"}, dir_.str());
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(table_exists("person"));
}

TEST_F(SqliteConfigTest, FlywayTomlEnvironmentSelectedOnTheCommandLine) {
  dir_.write("flyway.toml",
             "[environments.ci]\nurl = \"jdbc:sqlite:" + db() + "\"\n\n"
             "[environments.other]\nurl = \"jdbc:sqlite:" + dir_.str() + "/other.db\"\n\n"
             "[flyway]\nlocations = [\"filesystem:sql\"]\n");
  auto r = run_runway({"-environment=ci", "migrate"}, dir_.str());
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(table_exists("person"));
  EXPECT_FALSE(std::filesystem::exists(dir_.str() + "/other.db"));
}

// Issue 11: an environment that is not selected may name a variable this shell does not set;
// the selected one fails naming the file and the key (Flyway: the variable only).
TEST_F(SqliteConfigTest, FlywayTomlEnvReferencesOfOtherEnvironmentsAreNotResolved) {
  const std::string toml =
      dir_.write("flyway.toml", "[environments.default]\nurl = \"jdbc:sqlite:" + db() +
                                    "\"\n\n"
                                    "[environments.prod]\nurl = \"jdbc:sqlite:prod.db\"\n"
                                    "password = \"${env.PROD_PW}\"\n\n"
                                    "[flyway]\nlocations = [\"filesystem:sql\"]\n");
  auto r = run_runway({"migrate"}, dir_.str());
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(table_exists("person"));

  auto prod = run_runway({"-environment=prod", "info"}, dir_.str());
  EXPECT_EQ(prod.exit_code, 1) << describe(prod);
  EXPECT_THAT(prod.err, HasSubstr("Unable to resolve environment variable: 'PROD_PW' "
                                  "(environments.prod.password in " +
                                  toml + ")"));
}

TEST_F(SqliteConfigTest, CommandLineBeatsEnvironmentBeatsFile) {
  dir_.write("flyway.conf", "flyway.url=jdbc:sqlite:" + dir_.str() + "/from-file.db\nflyway.locations=filesystem:sql\n");
  auto from_env = run_runway({"migrate"}, dir_.str(), {{"FLYWAY_URL", "jdbc:sqlite:" + dir_.str() + "/from-env.db"}});
  ASSERT_EQ(from_env.exit_code, 0) << describe(from_env);
  EXPECT_TRUE(std::filesystem::exists(dir_.str() + "/from-env.db"));
  EXPECT_FALSE(std::filesystem::exists(dir_.str() + "/from-file.db"));

  auto from_cli = run_runway({"-url=jdbc:sqlite:" + dir_.str() + "/from-cli.db", "migrate"}, dir_.str(),
                             {{"FLYWAY_URL", "jdbc:sqlite:" + dir_.str() + "/from-env2.db"}});
  ASSERT_EQ(from_cli.exit_code, 0) << describe(from_cli);
  EXPECT_TRUE(std::filesystem::exists(dir_.str() + "/from-cli.db"));
  EXPECT_FALSE(std::filesystem::exists(dir_.str() + "/from-env2.db"));
}

TEST_F(SqliteConfigTest, WorkingDirectoryRebasesLocationsAndConfigFiles) {
  TempDir elsewhere;
  dir_.write("conf/extra.conf", "flyway.locations=filesystem:sql\n");
  auto r = run_runway({"-workingDirectory=" + dir_.str(), "-configFiles=conf/extra.conf",
                       "-url=jdbc:sqlite:" + db(), "migrate"},
                      elsewhere.str());
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(table_exists("person"));
}

TEST_F(SqliteConfigTest, QuietShowsOnlyWarningsAndDebugShowsMore) {
  auto quiet = runway({"-q", "migrate"});
  ASSERT_EQ(quiet.exit_code, 0) << describe(quiet);
  EXPECT_EQ(quiet.err, "");
  auto debug = runway({"-X", "info"});
  ASSERT_EQ(debug.exit_code, 0) << describe(debug);
  EXPECT_THAT(debug.err, HasSubstr("DEBUG: "));
}

TEST_F(SqliteConfigTest, OutputFileReceivesTheLog) {
  auto r = runway({"-outputFile=" + dir_.str() + "/run.log", "migrate"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  std::ifstream in(dir_.str() + "/run.log");
  std::stringstream log;
  log << in.rdbuf();
  EXPECT_THAT(log.str(), HasSubstr("Successfully applied 1 migration to schema \"main\""));
}

TEST_F(SqliteConfigTest, HelpAndVersionNeedNoDatabase) {
  auto help = run_runway({"--help"}, dir_.str());
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("Usage: runway [options] <command>"));
  EXPECT_THAT(help.out, HasSubstr("-url="));
  EXPECT_THAT(help.out, HasSubstr("migrate"));
  auto version = run_runway({"-v"}, dir_.str());
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_THAT(version.out, HasSubstr("runway "));
}

TEST_F(SqliteConfigTest, BadInputFailsWithAClearMessage) {
  auto no_url = run_runway({"migrate"}, dir_.str());
  EXPECT_EQ(no_url.exit_code, 1);
  EXPECT_THAT(no_url.err, HasSubstr("Unable to connect to the database. Configure the url"));
  auto bad_flag = runway({"-outOfOrder=maybe", "migrate"});
  EXPECT_EQ(bad_flag.exit_code, 1);
  EXPECT_THAT(bad_flag.err, HasSubstr("outOfOrder"));
  auto typo = runway({"migrat"});
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_THAT(typo.err, HasSubstr("Unknown command 'migrat'"));
  EXPECT_THAT(runway({"-password=hunter2", "-url=jdbc:mysql://x/y", "info"}).err, Not(HasSubstr("hunter2")));
}

TEST_F(SqliteConfigTest, EveryCommandOfTheTableRuns) {
  for (const CommandInfo& command : command_table()) {
    std::string name(command.name);
    // Some fail here (undo has no U file, baseline finds history): they still ran.
    auto r = runway({"-cleanDisabled=false", name});
    EXPECT_THAT(r.out + r.err, Not(HasSubstr("not available"))) << name;
  }
}

TEST_F(SqliteConfigTest, HelpPromisesOnlyTheExitCodesRunwayUses) {
  auto help = runway({"--help"});
  ASSERT_EQ(help.exit_code, 0) << describe(help);
  EXPECT_THAT(help.out, HasSubstr("Exit codes: 0 success, 1 error"));
  EXPECT_THAT(help.out, Not(HasSubstr("35 unsupported")));
  auto license = runway({"-licenseKey=FL01-KEY", "info"});
  EXPECT_EQ(license.exit_code, 1) << describe(license);
}

}  // namespace
}  // namespace runway::testing
