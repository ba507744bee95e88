#include "check/git_output.h"

namespace runway {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

// Each entry is "<mode> <type> <object>\t<path>\0".
std::vector<GitFile> parse_ls_tree(std::string_view listing,
                                   const std::vector<RepositoryFolder>& folders,
                                   const std::function<bool(std::string_view)>& wanted) {
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

// For each object id sent: "<id> <type> <size>\n<content>\n".
Result<std::map<std::string, std::string>> parse_cat_file_batch(std::string_view response,
                                                                const std::set<std::string>& ids) {
  std::map<std::string, std::string> blobs;
  std::size_t pos = 0;
  for (const std::string& id : ids) {
    const std::size_t header_end = response.find('\n', pos);
    if (header_end == std::string::npos) break;
    const std::string header(response.substr(pos, header_end - pos));
    const std::string expected = id + " blob ";
    if (!header.starts_with(expected) || !all_digits(header.substr(expected.size()))) {
      return fail(ErrorCode::Error, "git cat-file could not read object " + id + ": " + header);
    }
    const std::size_t size = std::stoull(header.substr(expected.size()));
    blobs[id] = std::string(response.substr(header_end + 1, size));
    pos = header_end + 1 + size + 1;
  }
  return blobs;
}

}  // namespace runway
