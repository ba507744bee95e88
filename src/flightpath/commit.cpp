#include "flightpath/commit.h"

#include <cstdlib>

#include "core/subprocess.h"

namespace runway::flightpath {

namespace {

// GitHub Actions, GitLab CI, Buildkite, Jenkins, CircleCI, Travis CI, Bitbucket Pipelines,
// Drone, Azure Pipelines, AWS CodeBuild (Woodpecker also sets CI_COMMIT_SHA).
constexpr const char* kCommitVariables[] = {
    "GITHUB_SHA",          "CI_COMMIT_SHA",
    "BUILDKITE_COMMIT",    "GIT_COMMIT",
    "CIRCLE_SHA1",         "TRAVIS_COMMIT",
    "BITBUCKET_COMMIT",    "DRONE_COMMIT_SHA",
    "BUILD_SOURCEVERSION", "CODEBUILD_RESOLVED_SOURCE_VERSION",
};

}  // namespace

std::string deployed_commit(const std::string& working_directory) {
  for (const char* name : kCommitVariables) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return value;
  }
  auto git = run_process({"git", "rev-parse", "HEAD"}, {}, working_directory);
  if (!git || git->exit_code != 0) return "";
  std::string head = std::move(git->out);
  while (!head.empty() && (head.back() == '\n' || head.back() == '\r')) head.pop_back();
  return head;
}

}  // namespace runway::flightpath
