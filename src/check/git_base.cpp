#include "check/git_base.h"

#include <filesystem>
#include <set>

#include "check/git_output.h"
#include "core/subprocess.h"

namespace runway {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFilesystemPrefix = "filesystem:";

class Git {
 public:
  explicit Git(std::string top) : top_(std::move(top)) {}

  const std::string& top() const { return top_; }

  Result<std::string> run(std::vector<std::string> args, std::string_view input = {},
                          const std::string& what = "") const {
    args.insert(args.begin(), {"git", "-C", top_});
    RUNWAY_ASSIGN(output, run_process(args, input));
    if (output.exit_code != 0) {
      std::string message = output.err;
      while (!message.empty() && (message.back() == '\n' || message.back() == '\r'))
        message.pop_back();
      return fail(ErrorCode::Error, (what.empty() ? "git " + args[3] + " failed" : what) +
                                        (message.empty() ? "" : ": " + message));
    }
    return std::move(output.out);
  }

 private:
  std::string top_;
};

std::string first_line(std::string text) {
  text.erase(std::min(text.find('\n'), text.size()));
  return text;
}

Result<std::vector<GitFile>> list_files(const Git& git, const std::string& commit,
                                        const std::vector<RepositoryFolder>& folders,
                                        const std::function<bool(std::string_view)>& wanted) {
  std::vector<std::string> args = {"ls-tree", "-r", "-z", "--full-tree", commit, "--"};
  for (const RepositoryFolder& folder : folders) {
    args.push_back(folder.prefix.empty() ? "." : folder.prefix);
  }
  RUNWAY_ASSIGN(listing, git.run(args));
  return parse_ls_tree(listing, folders, wanted);
}

Result<void> read_blobs(const Git& git, GitBase& base) {
  std::set<std::string> ids;
  for (const auto* files : {&base.base_files, &base.fork_files}) {
    for (const GitFile& file : *files) ids.insert(file.object_id);
  }
  if (ids.empty()) return {};
  std::string request;
  for (const std::string& id : ids) request += id + "\n";
  RUNWAY_ASSIGN(response, git.run({"cat-file", "--batch"}, request));
  RUNWAY_ASSIGN(blobs, parse_cat_file_batch(response, ids));
  base.blobs = std::move(blobs);
  return {};
}

}  // namespace

Result<GitBase> read_git_base(const std::vector<std::string>& locations, const std::string& base,
                              const std::function<bool(std::string_view file_name)>& wanted) {
  std::vector<fs::path> roots;
  for (const std::string& location : locations) {
    const std::string path = location.starts_with(kFilesystemPrefix)
                                 ? location.substr(kFilesystemPrefix.size())
                                 : location;
    if (path.find_first_of("*?") != std::string::npos) {
      return fail(ErrorCode::Configuration,
                  "check.base does not support wildcard locations: " + location);
    }
    std::error_code ec;
    fs::path root = fs::canonical(path, ec);
    if (!ec) roots.push_back(std::move(root));
  }
  if (roots.empty()) return GitBase{};

  RUNWAY_ASSIGN(top_output, Git(roots.front().string())
                                .run({"rev-parse", "--show-toplevel"}, {},
                                     "check.base needs the migrations in a git repository, and " +
                                         roots.front().string() + " is not in one"));
  const Git git(first_line(top_output));
  std::vector<RepositoryFolder> folders;
  for (const fs::path& root : roots) {
    const fs::path relative = root.lexically_relative(git.top());
    if (relative.empty() || relative.begin()->string() == "..") {
      return fail(ErrorCode::Configuration,
                  "check.base needs every location in one git "
                  "repository: " +
                      root.string() + " is outside " + git.top());
    }
    std::string prefix = relative.generic_string();
    if (prefix == ".") prefix.clear();
    folders.push_back(RepositoryFolder{prefix, root.string()});
  }

  GitBase result;
  RUNWAY_ASSIGN(base_commit, git.run({"rev-parse", "--verify", "--quiet", base + "^{commit}"}, {},
                                     "check.base: no commit named '" + base + "' in " + git.top()));
  result.base_commit = first_line(base_commit);
  RUNWAY_ASSIGN(fork_commit,
                git.run({"merge-base", result.base_commit, "HEAD"}, {},
                        "check.base: HEAD and '" + base + "' share no history in " + git.top() +
                            " (a shallow clone? fetch with full history, e.g. fetch-depth: 0)"));
  result.fork_commit = first_line(fork_commit);
  RUNWAY_ASSIGN(base_files, list_files(git, result.base_commit, folders, wanted));
  result.base_files = std::move(base_files);
  if (result.fork_commit == result.base_commit) {
    result.fork_files = result.base_files;
  } else {
    RUNWAY_ASSIGN(fork_files, list_files(git, result.fork_commit, folders, wanted));
    result.fork_files = std::move(fork_files);
  }
  RUNWAY_TRY(read_blobs(git, result));
  return result;
}

}  // namespace runway
