// Where a script uses placeholders (spec 7.8), found the way the replacer finds them: every
// `${...}` in the text, comments and literals included. The text is fed in chunks and each use
// is handed over as soon as its end is seen, so a script is never held whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runway/placeholders.h"

namespace runway {

struct PlaceholderUse {
  // Between prefix and suffix, as written; only its first bytes when !name_complete.
  std::string name;
  int line = 0;
  bool terminated = true;  // false: the suffix never comes, and the name is the rest of the text
  // A name longer than the scanner keeps is cut; it is at `name_offset` of the text, in
  // `name_size` bytes, for a caller that needs it whole.
  bool name_complete = true;
  std::uint64_t name_offset = 0;
  std::uint64_t name_size = 0;
};

class PlaceholderScanner {
 public:
  using UseHandler = std::function<void(PlaceholderUse)>;
  // Enough for any real name; what bounds memory when a prefix is never closed.
  static constexpr std::size_t kLongestKeptName = 64 * 1024;

  PlaceholderScanner(PlaceholderSyntax syntax, UseHandler on_use,
                     std::size_t longest_kept_name = kLongestKeptName);

  void feed(std::string_view chunk);
  // At the end of the text: reports a placeholder that is still open.
  void finish();
  // Whether a prefix has been seen, closed or not.
  bool found_any() const { return found_any_; }

 private:
  void scan(std::string_view window);
  void add_to_name(std::string_view piece);
  void pass(std::string_view skipped);

  PlaceholderSyntax syntax_;
  UseHandler on_use_;
  std::size_t longest_kept_name_;
  std::string carried_;      // the end of the last chunk, which may start a prefix or suffix
  std::uint64_t offset_ = 0;  // of the next window's first byte in the text
  int line_ = 1;              // of the scan position
  bool open_ = false;         // inside a placeholder: use_ is being read
  PlaceholderUse use_;
  bool found_any_ = false;
};

// Every use in `text` at once, with whole names.
std::vector<PlaceholderUse> find_placeholders(std::string_view text,
                                              const PlaceholderSyntax& syntax);

}  // namespace runway
