#include "check/placeholder_scan.h"

#include <algorithm>

#include "check/stream_search.h"

namespace runway {

PlaceholderScanner::PlaceholderScanner(PlaceholderSyntax syntax, UseHandler on_use,
                                       std::size_t longest_kept_name)
    : syntax_(std::move(syntax)),
      on_use_(std::move(on_use)),
      longest_kept_name_(longest_kept_name) {}

void PlaceholderScanner::feed(std::string_view chunk) {
  if (carried_.empty()) {
    scan(chunk);  // the usual case: no copy
    return;
  }
  // The last chunk ended with what may start a prefix or suffix: a few bytes.
  std::string window = std::move(carried_);
  carried_.clear();
  window.append(chunk);
  scan(window);
}

// Looks for a prefix, then for the suffix that closes it, and so on; what may be the start of
// the one looked for at the end of the window is carried over to the next.
void PlaceholderScanner::scan(std::string_view window) {
  std::size_t pos = 0;
  for (;;) {
    const std::string& needle = open_ ? syntax_.suffix : syntax_.prefix;
    const std::size_t hit = window.find(needle, pos);
    if (hit == std::string_view::npos) {
      const std::size_t keep = partial_match_length(window.substr(pos), needle);
      const std::string_view passed = window.substr(pos, window.size() - keep - pos);
      if (open_) add_to_name(passed);
      pass(passed);
      carried_ = std::string(window.substr(window.size() - keep));
      break;
    }
    const std::string_view before = window.substr(pos, hit - pos);
    pass(before);
    if (open_) {
      add_to_name(before);
      open_ = false;
      on_use_(std::move(use_));
    } else {
      found_any_ = true;
      open_ = true;
      use_ = PlaceholderUse{};
      use_.line = line_;
      use_.name_offset = offset_ + hit + needle.size();
    }
    pass(window.substr(hit, needle.size()));
    pos = hit + needle.size();
  }
  offset_ += window.size() - carried_.size();
}

void PlaceholderScanner::add_to_name(std::string_view piece) {
  use_.name_size += piece.size();
  if (use_.name.size() < longest_kept_name_) {
    use_.name.append(piece.substr(0, longest_kept_name_ - use_.name.size()));
  }
  use_.name_complete = use_.name_size <= longest_kept_name_;
}

void PlaceholderScanner::pass(std::string_view skipped) {
  line_ += static_cast<int>(std::count(skipped.begin(), skipped.end(), '\n'));
}

void PlaceholderScanner::finish() {
  if (!open_) return;
  add_to_name(carried_);  // the start of a suffix that never came is part of the name
  carried_.clear();
  open_ = false;
  use_.terminated = false;
  on_use_(std::move(use_));
}

std::vector<PlaceholderUse> find_placeholders(std::string_view text,
                                              const PlaceholderSyntax& syntax) {
  std::vector<PlaceholderUse> uses;
  // The text is in memory already: names are kept whole, however long.
  PlaceholderScanner scanner(
      syntax, [&](PlaceholderUse use) { uses.push_back(std::move(use)); }, text.size());
  scanner.feed(text);
  scanner.finish();
  return uses;
}

}  // namespace runway
