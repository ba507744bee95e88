// Finding a string in text that arrives in chunks, where a chunk boundary may fall inside the
// string: what lets check look for placeholders and `runway:ignore` without holding a script.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace runway {

// The length of the longest end of `text` that is the start of `needle` (but not all of it):
// the bytes to carry over to the next chunk, because the needle may continue there.
std::size_t partial_match_length(std::string_view text, std::string_view needle);

// Whether `needle` occurs anywhere in the chunks fed so far.
class NeedleWatch {
 public:
  explicit NeedleWatch(std::string needle) : needle_(std::move(needle)) {}

  void feed(std::string_view chunk);
  bool found() const { return found_; }

 private:
  std::string needle_;
  std::string carried_;  // the end of the previous chunk that starts the needle
  bool found_ = false;
};

}  // namespace runway
