// The migrations of a git revision, read straight from the object database with plumbing
// (`git ls-tree`, one `git cat-file --batch` for every blob), never from a checkout.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "runway/error.h"

namespace runway {

struct GitFile {
  std::string relative_path;  // below its location, as the scanner names it
  std::string absolute_path;  // where it is, or was, in the working tree
  std::string file_name;
  std::string object_id;
};

struct GitBase {
  std::string base_commit;
  std::string fork_commit;                   // the merge base of the base and HEAD
  std::vector<GitFile> base_files;           // in the locations at the base
  std::vector<GitFile> fork_files;           // in the locations at the merge base
  std::map<std::string, std::string> blobs;  // object id -> content, for every file listed
};

// Reads the locations (`filesystem:<absolute path>`, all in one repository) at `base` and at
// its merge base with HEAD. Only files whose name `wanted` accepts are listed.
Result<GitBase> read_git_base(const std::vector<std::string>& locations, const std::string& base,
                              const std::function<bool(std::string_view file_name)>& wanted);

}  // namespace runway
