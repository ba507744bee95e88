// run_process: real programs (sh, cat, pwd), no shell in between.
#include "core/subprocess.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/temp_dir.h"

namespace runway {
namespace {

TEST(Subprocess, CapturesOutputErrorAndExitCode) {
  auto run = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->out, "out\n");
  EXPECT_EQ(run->err, "err\n");
  EXPECT_EQ(run->exit_code, 3);
}

TEST(Subprocess, FeedsInputThenEndOfFile) {
  std::string input(256 * 1024, 'x');  // more than a pipe holds: input and output interleave
  auto run = run_process({"cat"}, input);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->out, input);
  EXPECT_EQ(run->exit_code, 0);
}

TEST(Subprocess, RunsInTheGivenDirectory) {
  testing::TempDir dir;
  auto run = run_process({"pwd", "-P"}, {}, dir.str());
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->out, std::filesystem::canonical(dir.path()).string() + "\n");
}

TEST(Subprocess, FailsWhenTheProgramCannotStart) {
  auto missing = run_process({"runway-no-such-program"});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("runway-no-such-program"), std::string::npos);

  testing::TempDir dir;
  EXPECT_FALSE(run_process({"pwd"}, {}, (dir.path() / "missing").string()));
  EXPECT_FALSE(run_process({}));
}

}  // namespace
}  // namespace runway
