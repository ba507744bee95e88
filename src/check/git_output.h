// Parsing what git's plumbing prints for check.base (src/check/git_base.cpp runs the
// commands). Pure functions of the text, so that they can be tested and fuzzed without git.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "check/git_base.h"

namespace runway {

// A location as a folder of the repository.
struct RepositoryFolder {
  std::string prefix;  // path in the repository, `/`-separated, "" for the top
  std::string absolute_root;
};

// The blobs of a `git ls-tree -r -z` listing that lie in one of `folders`, outside hidden
// folders, and whose file name `wanted` accepts.
std::vector<GitFile> parse_ls_tree(std::string_view listing,
                                   const std::vector<RepositoryFolder>& folders,
                                   const std::function<bool(std::string_view)>& wanted);

// The contents of the objects `ids` (sent in this order) from `git cat-file --batch` output,
// by object id.
Result<std::map<std::string, std::string>> parse_cat_file_batch(std::string_view response,
                                                                const std::set<std::string>& ids);

}  // namespace runway
