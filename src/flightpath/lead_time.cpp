#include "flightpath/lead_time.h"

#include <charconv>
#include <filesystem>
#include <set>
#include <sstream>

#include "core/subprocess.h"

namespace runway::flightpath {

namespace {

namespace fs = std::filesystem;

std::optional<std::string> work_tree_of(const fs::path& directory) {
  auto git = run_process({"git", "rev-parse", "--show-toplevel"}, {}, directory.string());
  if (!git || git->exit_code != 0) return std::nullopt;
  std::string top = std::move(git->out);
  while (!top.empty() && top.back() == '\n') top.pop_back();
  std::error_code ec;
  fs::path canonical = fs::canonical(top, ec);
  return ec ? top : canonical.string();
}

// `git log` prints "\x01<unix seconds>" for each commit, then the paths it touched
// (relative to the work tree), newest commit first.
void read_log(const std::string& top, const std::set<std::string>& folders,
              std::map<std::string, std::vector<UnixMs>>& times) {
  std::vector<std::string> argv = {
      "git",          "-c", "core.quotepath=off", "log", "--format=%x01%ct", "--name-only",
      "--no-renames", "--"};
  argv.insert(argv.end(), folders.begin(), folders.end());
  auto log = run_process(argv, {}, top);
  if (!log || log->exit_code != 0) return;
  std::istringstream lines(log->out);
  std::string line;
  UnixMs commit_time = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    if (line[0] == '\x01') {
      long long seconds = 0;
      std::from_chars(line.data() + 1, line.data() + line.size(), seconds);
      commit_time = seconds * 1000;
    } else {
      times[(fs::path(top) / line).string()].push_back(commit_time);
    }
  }
}

}  // namespace

std::map<std::string, std::vector<UnixMs>> commit_times(const std::vector<std::string>& files) {
  // Folders grouped by work tree, with canonical paths so git's relative names line up.
  std::map<std::string, std::set<std::string>> folders_by_tree;
  std::map<std::string, std::string> canonical_of;
  std::map<std::string, std::optional<std::string>> tree_of_folder;
  for (const std::string& file : files) {
    std::error_code ec;
    fs::path canonical = fs::canonical(file, ec);
    if (ec) continue;
    std::string folder = canonical.parent_path().string();
    if (!tree_of_folder.contains(folder)) tree_of_folder[folder] = work_tree_of(folder);
    if (!tree_of_folder[folder]) continue;
    folders_by_tree[*tree_of_folder[folder]].insert(folder);
    canonical_of[file] = canonical.string();
  }
  std::map<std::string, std::vector<UnixMs>> by_canonical;
  for (const auto& [top, folders] : folders_by_tree) read_log(top, folders, by_canonical);

  std::map<std::string, std::vector<UnixMs>> result;
  for (const auto& [file, canonical] : canonical_of) {
    auto found = by_canonical.find(canonical);
    if (found != by_canonical.end()) result[file] = found->second;
  }
  return result;
}

std::optional<UnixMs> commit_deployed(const std::vector<UnixMs>& newest_first, UnixMs deployed_at) {
  for (UnixMs time : newest_first) {
    if (time <= deployed_at) return time;
  }
  return std::nullopt;
}

}  // namespace runway::flightpath
