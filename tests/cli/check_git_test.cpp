// `runway check -check.base=...` on real git repositories: a base branch, and feature
// branches with each kind of problem, plus a clean one that passes.
#include <gmock/gmock.h>

#include <filesystem>
#include <functional>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CheckGitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    git({"init", "-q", "-b", "main"});
    write("db/migration/V1__create_users.sql", "CREATE TABLE users (id int);\n");
    write("db/migration/V2__add_name.sql", "ALTER TABLE users ADD COLUMN name text;\n");
    write("db/migration/R__user_view.sql",
          "CREATE OR REPLACE VIEW user_names AS SELECT name FROM users;\n");
    commit("base");
    git({"checkout", "-q", "-b", "feature"});
  }

  // Runs git in the repository with a private, predictable configuration.
  std::string git(std::vector<std::string> args) {
    args.insert(args.begin(), {"/usr/bin/git", "-C", repo_.str()});
    CommandOutput r = run_program(args, repo_.str(), git_environment());
    EXPECT_EQ(r.exit_code, 0) << "git failed: " << describe(r);
    return r.out;
  }
  std::map<std::string, std::string> git_environment() const {
    return {{"HOME", repo_.str()},         {"GIT_CONFIG_NOSYSTEM", "1"},
            {"GIT_AUTHOR_NAME", "dev"},    {"GIT_AUTHOR_EMAIL", "dev@example.com"},
            {"GIT_COMMITTER_NAME", "dev"}, {"GIT_COMMITTER_EMAIL", "dev@example.com"}};
  }
  void write(const std::string& path, const std::string& content) { repo_.write(path, content); }
  void remove(const std::string& path) { std::filesystem::remove(repo_.path() / path); }
  void commit(const std::string& message) {
    git({"add", "-A"});
    git({"commit", "-q", "-m", message});
  }
  // A commit on main made after `feature` branched off, as another pull request would.
  void on_main(const std::function<void()>& change) {
    git({"checkout", "-q", "main"});
    change();
    commit("meanwhile on main");
    git({"checkout", "-q", "feature"});
  }

  CommandOutput check(std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"check", "-locations=filesystem:db/migration", "-check.base=main",
                               "-url=jdbc:sqlite:x.db"});
    return run_runway(args, repo_.str(), git_environment());
  }

  TempDir repo_;
};

TEST_F(CheckGitTest, CleanFeatureBranchPasses) {
  write("db/migration/V3__add_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  write("db/migration/R__user_view.sql",
        "CREATE OR REPLACE VIEW user_names AS SELECT name, email FROM users;\n");
  commit("feature");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("runway check passed: 4 scripts, 0 errors, 0 warnings, 0 notes; "
                               "compared with main"));
}

TEST_F(CheckGitTest, CloneComparedWithOriginMainPasses) {
  write("db/migration/V3__add_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  commit("feature");
  TempDir clone;
  CommandOutput cloned = run_program(
      {"/usr/bin/git", "clone", "-q", "--branch", "feature", repo_.str(), clone.str() + "/app"},
      clone.str(), git_environment());
  ASSERT_EQ(cloned.exit_code, 0) << describe(cloned);
  CommandOutput r =
      run_runway({"check", "-locations=filesystem:db/migration", "-check.base=origin/main"},
                 clone.str() + "/app", git_environment());
  EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST_F(CheckGitTest, EditedMigrationIsAnError) {
  write("db/migration/V1__create_users.sql", "CREATE TABLE users (id bigint);\n");
  commit("edit an applied migration");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("db/migration/V1__create_users.sql: error [RW201] "
                               "V1__create_users.sql is on main and was edited: checksum"));
}

TEST_F(CheckGitTest, UncommittedEditsCountToo) {
  write("db/migration/V2__add_name.sql", "ALTER TABLE users ADD COLUMN name varchar(20);\n");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("[RW201]"));
}

TEST_F(CheckGitTest, BlankLineEditsKeepTheChecksum) {
  // Flyway's checksum ignores line breaks (spec 3.1): such an edit is harmless.
  write("db/migration/V1__create_users.sql", "CREATE TABLE users (id int);\r\n\r\n");
  commit("line endings");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST_F(CheckGitTest, DeletedMigrationIsAnError) {
  remove("db/migration/V2__add_name.sql");
  commit("delete");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("db/migration/V2__add_name.sql: error [RW202] V2__add_name.sql "
                               "(version 2) is on main but was deleted"));
}

TEST_F(CheckGitTest, RenamedMigrationsAreErrors) {
  git({"mv", "db/migration/V2__add_name.sql", "db/migration/V2__add_user_name.sql"});
  git({"mv", "db/migration/R__user_view.sql", "db/migration/R__user_names.sql"});
  commit("rename");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("V2__add_user_name.sql: error [RW203] V2__add_name.sql was "
                               "renamed to V2__add_user_name.sql: description 'add name' "
                               "became 'add user name'"));
  EXPECT_THAT(r.out, HasSubstr("R__user_names.sql: error [RW203] R__user_view.sql was renamed to "
                               "R__user_names.sql (repeatable 'user view' becomes repeatable "
                               "'user names')"));
  EXPECT_THAT(r.out, Not(HasSubstr("RW202")));
}

TEST_F(CheckGitTest, MovingToASubfolderIsHarmless) {
  std::filesystem::create_directories(repo_.path() / "db/migration/2024");
  git({"mv", "db/migration/V1__create_users.sql", "db/migration/2024/V1__create_users.sql"});
  commit("move");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST_F(CheckGitTest, NewVersionBelowTheBaseIsOutOfOrder) {
  write("db/migration/V3__mine.sql", "SELECT 3;\n");
  commit("feature");
  on_main([&] { write("db/migration/V4__theirs.sql", "SELECT 4;\n"); });
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("V3__mine.sql: error [RW204] new version 3 is below 4, the highest "
                               "on main"));
  EXPECT_THAT(r.out, Not(HasSubstr("V4__theirs"))) << "the base's own additions are not deletions";

  CommandOutput allowed = check({"-outOfOrder=true"});
  EXPECT_EQ(allowed.exit_code, 0) << describe(allowed);
  EXPECT_THAT(allowed.out, HasSubstr("warning [RW204]"));
  CommandOutput strict = check({"-outOfOrder=true", "-check.failOnWarnings=true"});
  EXPECT_EQ(strict.exit_code, 1) << describe(strict);
}

TEST_F(CheckGitTest, SameVersionAddedOnBothBranches) {
  write("db/migration/V3__mine.sql", "SELECT 'mine';\n");
  commit("feature");
  on_main([&] { write("db/migration/V3__theirs.sql", "SELECT 'theirs';\n"); });
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("V3__mine.sql: error [RW205] version 3 was also added on main by "
                               "V3__theirs.sql"));
}

TEST_F(CheckGitTest, SameNewVersionAddedTwice) {
  write("db/migration/V3__one.sql", "SELECT 1;\n");
  write("db/migration/V3_0__two.sql", "SELECT 2;\n");
  commit("feature");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("V3__one.sql: error [RW102] version 3 is also the version of "
                               "db/migration/V3_0__two.sql"));
}

TEST_F(CheckGitTest, ConventionsApplyToNewMigrationsOnly) {
  write("db/migration/V3__PROJ-7_add_email.sql", "SELECT 1;\n");
  write("db/migration/V4__add_phone.sql", "SELECT 1;\n");
  commit("feature");
  CommandOutput r = check({"-check.descriptionPattern=[A-Z]+-[0-9]+_.*"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("V4__add_phone.sql: error [RW401]"));
  EXPECT_THAT(r.out, Not(HasSubstr("V1__create_users.sql")));
}

TEST_F(CheckGitTest, UnknownBaseIsAClearError) {
  CommandOutput r = check({"-check.base=origin/nope"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("check.base: no commit named 'origin/nope'"));
}

TEST_F(CheckGitTest, LocationOutsideAnyRepositoryIsAClearError) {
  TempDir elsewhere;
  elsewhere.write("sql/V1__x.sql", "SELECT 1;\n");
  CommandOutput r = run_runway({"check", "-locations=filesystem:sql", "-check.base=main"},
                               elsewhere.str(), git_environment());
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("check.base needs the migrations in a git repository"));
}

}  // namespace
}  // namespace runway::testing
