#include "check/git_output.h"

#include <charconv>
#include <optional>

namespace runway {
namespace {

constexpr std::string_view kBlob = " blob ";
constexpr std::size_t kObjectStart = 6 + kBlob.size();

// The size in a "<id> blob <size>" header, if `header` is one for `id`.
std::optional<std::size_t> blob_size(std::string_view header, const std::string& id) {
  const std::string expected = id + " blob ";
  if (!header.starts_with(expected)) return std::nullopt;
  const std::string_view digits = header.substr(expected.size());
  const char* const digits_end = digits.data() + digits.size();
  std::size_t size = 0;
  // from_chars, unlike stoull, fails on a number too large instead of throwing.
  const auto [end, error] = std::from_chars(digits.data(), digits_end, size);
  if (error != std::errc() || end != digits_end) return std::nullopt;
  return size;
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
    if (tab == std::string_view::npos) continue;
    // The mode has six digits. Checking the length first matters: substr throws past the end
    // (fuzz/corpus/git_output/short_entry).
    const std::string_view meta = entry.substr(0, tab);
    if (meta.size() <= kObjectStart || meta.substr(6, kBlob.size()) != kBlob) continue;
    const std::string_view object_id = meta.substr(kObjectStart);
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
    const std::string_view header = response.substr(pos, response.find('\n', pos) - pos);
    const std::size_t content = pos + header.size() + 1;
    // Every object asked for must be answered, as check.cpp looks each one up with at(), and
    // in full with its closing newline: a larger size would make pos run past the end.
    const std::optional<std::size_t> size = blob_size(header, id);
    if (content > response.size() || !size || *size >= response.size() - content) {
      return fail(ErrorCode::Error,
                  "git cat-file could not read object " + id + ": " + std::string(header));
    }
    blobs[id] = std::string(response.substr(content, *size));
    pos = content + *size + 1;
  }
  return blobs;
}

}  // namespace runway
