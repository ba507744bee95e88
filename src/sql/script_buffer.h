// A sliding window over a TextSource, addressed by offsets into the whole text. Bytes that
// nobody needs any more are dropped when room is needed, so memory is bounded by the longest
// statement (or COPY data line) rather than by the script.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "runway/error.h"
#include "runway/text_source.h"

namespace runway {

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in code points
};

class ScriptBuffer {
 public:
  explicit ScriptBuffer(TextSource& source);

  // Offset one past the last byte read so far.
  std::uint64_t end() const { return base_ + size_; }

  // Reads until the bytes before `until` are in memory. Bytes before `keep` (and before the
  // anchor, when one is set) may be dropped to make room. False when the text ends first or
  // reading fails (see read_error).
  bool fill(std::uint64_t keep, std::uint64_t until) {
    return until <= end() || refill(keep, until);
  }

  // The byte at `offset`, which must be in memory.
  unsigned char at(std::uint64_t offset) const {
    return static_cast<unsigned char>(data_[offset - base_]);
  }
  const char* pointer(std::uint64_t offset) const { return data_.get() + (offset - base_); }
  std::string_view view(std::uint64_t begin, std::uint64_t end) const {
    return {pointer(begin), static_cast<std::size_t>(end - begin)};
  }

  // The offset of the first `c` (or of any byte of `any_of`) at or after `from` among the
  // bytes in memory, if any.
  std::optional<std::uint64_t> find_in_memory(char c, std::uint64_t from) const {
    return find_in_memory(std::string_view(&c, 1), from);
  }
  std::optional<std::uint64_t> find_in_memory(std::string_view any_of, std::uint64_t from) const;
  // The offset of the first `c` (or of any byte of `any_of`) at or after `from`, reading more
  // text as needed (bytes before `keep` may be dropped meanwhile); the end of the text when
  // there is none.
  std::uint64_t find(char c, std::uint64_t from, std::uint64_t keep) {
    return find(std::string_view(&c, 1), from, keep);
  }
  std::uint64_t find(std::string_view any_of, std::uint64_t from, std::uint64_t keep);

  // While an anchor is set, nothing from it on is dropped: the statement being assembled.
  void set_anchor(std::uint64_t offset) { anchor_ = offset; }
  void clear_anchor() { anchor_.reset(); }

  // The line and column of `offset`. Offsets must be asked for in increasing order and
  // must not be before the last keep point.
  TextPosition position_of(std::uint64_t offset);

  // The failure of the underlying source, once fill has returned false because of one.
  const std::optional<Error>& read_error() const { return read_error_; }

  std::size_t capacity() const { return capacity_; }

 private:
  bool refill(std::uint64_t keep, std::uint64_t until);
  void make_room(std::uint64_t keep);
  void count_lines_until(std::uint64_t offset);

  TextSource& source_;
  std::unique_ptr<char[]> data_;
  std::size_t capacity_;
  std::size_t size_ = 0;
  std::uint64_t base_ = 0;  // offset of data_[0] in the text
  std::optional<std::uint64_t> anchor_;
  bool at_end_ = false;
  std::optional<Error> read_error_;

  // Line counting has reached this offset, which is at counted_position_.
  std::uint64_t counted_until_ = 0;
  TextPosition counted_position_;
};

}  // namespace runway
