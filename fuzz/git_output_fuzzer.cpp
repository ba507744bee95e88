// Reads the input as the output of git's plumbing for check.base: up to the first line that
// is exactly "--", a `git ls-tree -r -z` listing; after it, the `git cat-file --batch`
// response for the objects that listing named.
#include "check/git_output.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = runway::fuzz::as_text(data, size);
  const std::size_t split = text.find("\n--\n");
  const std::string_view listing = std::string_view(text).substr(0, split);
  const std::string_view response =
      split == std::string::npos ? std::string_view() : std::string_view(text).substr(split + 4);
  const std::vector<runway::RepositoryFolder> folders = {{"db/migration", "/repo/db/migration"},
                                                         {"", "/repo"}};
  const auto files = runway::parse_ls_tree(
      listing, folders, [](std::string_view name) { return name.ends_with(".sql"); });
  std::set<std::string> ids;
  for (const runway::GitFile& file : files) ids.insert(file.object_id);
  (void)runway::parse_cat_file_batch(response, ids);
  return 0;
}
