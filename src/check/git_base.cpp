#include "check/git_base.h"

#include <filesystem>
#include <set>

#include "core/subprocess.h"

namespace runway {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFilesystemPrefix = "filesystem:";

// A location as a folder of the repository.
struct RepositoryFolder {
  std::string prefix;  // path in the repository, `/`-separated, "" for the top
  std::string absolute_root;
};

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

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string first_line(std::string text) {
  text.erase(std::min(text.find('\n'), text.size()));
  return text;
}

// `git ls-tree -r -z`: "<mode> <type> <object>\t<path>\0" per entry.
Result<std::vector<GitFile>> list_files(const Git& git, const std::string& commit,
                                        const std::vector<RepositoryFolder>& folders,
                                        const std::function<bool(std::string_view)>& wanted) {
  std::vector<std::string> args = {"ls-tree", "-r", "-z", "--full-tree", commit, "--"};
  for (const RepositoryFolder& folder : folders) {
    args.push_back(folder.prefix.empty() ? "." : folder.prefix);
  }
  RUNWAY_ASSIGN(listing, git.run(args));
  std::vector<GitFile> files;
  std::string_view rest = listing;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\0');
    std::string_view entry = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    const std::size_t tab = entry.find('\t');
    if (tab == std::string_view::npos || entry.substr(7, 5) != "blob ") continue;
    const std::string_view object_id = entry.substr(12, tab - 12);
    const std::string_view path = entry.substr(tab + 1);
    for (const RepositoryFolder& folder : folders) {
      const std::string prefix = folder.prefix.empty() ? "" : folder.prefix + "/";
      if (!path.starts_with(prefix)) continue;
      const std::string relative(path.substr(prefix.size()));
      // The scanner does not descend into hidden folders (spec 1.2).
      const std::size_t slash = relative.rfind('/');
      const std::string file_name = relative.substr(slash == std::string::npos ? 0 : slash + 1);
      const bool hidden =
          relative.starts_with('.') ? slash != std::string::npos : relative.find("/.") < slash;
      if (hidden || !wanted(file_name)) break;
      files.push_back(GitFile{relative, folder.absolute_root + "/" + relative, file_name,
                              std::string(object_id)});
      break;
    }
  }
  return files;
}

// `git cat-file --batch`: for each object id sent, "<id> <type> <size>\n<content>\n".
Result<void> read_blobs(const Git& git, GitBase& base) {
  std::set<std::string> ids;
  for (const auto* files : {&base.base_files, &base.fork_files}) {
    for (const GitFile& file : *files) ids.insert(file.object_id);
  }
  if (ids.empty()) return {};
  std::string request;
  for (const std::string& id : ids) request += id + "\n";
  RUNWAY_ASSIGN(response, git.run({"cat-file", "--batch"}, request));
  std::size_t pos = 0;
  for (const std::string& id : ids) {
    const std::size_t header_end = response.find('\n', pos);
    if (header_end == std::string::npos) break;
    const std::string header = response.substr(pos, header_end - pos);
    const std::string expected = id + " blob ";
    if (!header.starts_with(expected) || !all_digits(header.substr(expected.size()))) {
      return fail(ErrorCode::Error, "git cat-file could not read object " + id + ": " + header);
    }
    const std::size_t size = std::stoull(header.substr(expected.size()));
    base.blobs[id] = response.substr(header_end + 1, size);
    pos = header_end + 1 + size + 1;
  }
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
