#include "check/stream_search.h"

#include <algorithm>

namespace runway {

std::size_t partial_match_length(std::string_view text, std::string_view needle) {
  if (needle.empty()) return 0;
  for (std::size_t length = std::min(needle.size() - 1, text.size()); length > 0; --length) {
    if (text.substr(text.size() - length) == needle.substr(0, length)) return length;
  }
  return 0;
}

void NeedleWatch::feed(std::string_view chunk) {
  if (found_ || needle_.empty()) {
    found_ = true;
    return;
  }
  if (!carried_.empty()) {
    // Only the seam: the carried bytes and as many of the chunk as could end the needle.
    carried_.append(chunk.substr(0, needle_.size() - 1));
    if (carried_.find(needle_) != std::string::npos) {
      found_ = true;
      return;
    }
  }
  if (chunk.find(needle_) != std::string_view::npos) {
    found_ = true;
    return;
  }
  // The needle's start may lie in the chunk, or, after a chunk too short to hold a whole
  // needle, in what was carried before it (which then holds the chunk too).
  const std::string_view seen =
      chunk.size() >= needle_.size() - 1 || carried_.empty() ? chunk : std::string_view(carried_);
  carried_ = std::string(seen.substr(seen.size() - partial_match_length(seen, needle_)));
}

}  // namespace runway
