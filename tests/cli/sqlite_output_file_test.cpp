// -outputFile gets the same lines as the console (spec 10.1): the log and the results.
#include <gmock/gmock.h>

#include <fstream>
#include <sstream>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;

class SqliteOutputFileTest : public SqliteCliTest {
 protected:
  void SetUp() override { migration("V1__create_person.sql", "CREATE TABLE person (id INT);\n"); }
  std::string output_file() const { return dir_.str() + "/run.log"; }
  std::string written() const {
    std::ifstream in(output_file());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
};

TEST_F(SqliteOutputFileTest, InfoTableAndLogBothReachTheFile) {
  auto r = runway({"-outputFile=" + output_file(), "migrate", "info"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  std::string file = written();
  EXPECT_THAT(file, HasSubstr("Successfully applied 1 migration"));
  EXPECT_THAT(file, HasSubstr(r.out)) << "the info table, as printed on stdout";
  EXPECT_THAT(r.out, HasSubstr("create person"));
}

TEST_F(SqliteOutputFileTest, MigrationIdsReachTheFile) {
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  auto r = runway({"-outputFile=" + output_file(), "-migrationIds", "info"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.out, "1\n");
  EXPECT_THAT(written(), HasSubstr("1\n"));
}

TEST_F(SqliteOutputFileTest, CheckOutputReachesTheFile) {
  auto r = runway({"-outputFile=" + output_file(), "check"});
  ASSERT_FALSE(r.out.empty()) << describe(r);
  EXPECT_THAT(written(), HasSubstr(r.out));
}

TEST_F(SqliteOutputFileTest, JsonDocumentReachesTheFile) {
  auto r = runway({"-outputFile=" + output_file(), "-outputType=json", "migrate"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(written(), r.out);
}

TEST_F(SqliteOutputFileTest, UnwritableFileIsAnErrorNamingIt) {
  std::string missing = dir_.str() + "/no-such-dir/run.log";
  for (std::string type : {"", "json"}) {
    auto r = runway({"-outputFile=" + missing, "-outputType=" + type, "migrate"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    // With JSON output the error is Flyway's JSON document on stdout, not a line on stderr.
    EXPECT_THAT(type == "json" ? r.out : r.err,
                HasSubstr("Unable to open the output file " + missing));
    EXPECT_FALSE(table_exists("person")) << "nothing runs when the output cannot be kept";
  }
}

}  // namespace
}  // namespace runway::testing
