#include "sql/script_buffer.h"

#include <algorithm>
#include <cstring>
#include <span>

namespace runway {
namespace {

constexpr std::size_t kInitialCapacity = 64 * 1024;

int count_code_points(const char* begin, const char* end) {
  // Every byte except UTF-8 continuation bytes starts a code point.
  return static_cast<int>(std::count_if(
      begin, end, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

ScriptBuffer::ScriptBuffer(TextSource& source)
    : source_(source), data_(new char[kInitialCapacity]), capacity_(kInitialCapacity) {}

bool ScriptBuffer::refill(std::uint64_t keep, std::uint64_t until) {
  while (end() < until) {
    if (at_end_) return false;
    if (size_ == capacity_) make_room(keep);
    auto got = source_.read(std::span<char>(data_.get() + size_, capacity_ - size_));
    if (!got) {
      read_error_ = std::move(got).error();
      at_end_ = true;
      return false;
    }
    if (*got == 0) {
      at_end_ = true;
      return false;
    }
    size_ += *got;
  }
  return true;
}

// Drops what is no longer needed and, when what remains fills more than three quarters of the
// buffer, doubles it. Either way at least a quarter of the buffer is free afterwards, so each
// byte is moved a bounded number of times however small the source's reads are.
void ScriptBuffer::make_room(std::uint64_t keep) {
  if (anchor_) keep = std::min(keep, *anchor_);
  if (keep > base_) {
    count_lines_until(keep);
    const auto dropped = static_cast<std::size_t>(keep - base_);
    std::memmove(data_.get(), data_.get() + dropped, size_ - dropped);
    size_ -= dropped;
    base_ = keep;
  }
  if (size_ > capacity_ - capacity_ / 4) {
    std::unique_ptr<char[]> bigger(new char[capacity_ * 2]);
    std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ *= 2;
  }
}

std::optional<std::uint64_t> ScriptBuffer::find_in_memory(std::string_view any_of,
                                                          std::uint64_t from) const {
  if (from >= end()) return std::nullopt;
  const char* start = pointer(from);
  const char* stop = pointer(end());
  // memchr is several times faster than a byte loop on long lines: keep it for one byte.
  const char* hit = any_of.size() == 1
                        ? static_cast<const char*>(std::memchr(start, any_of[0], stop - start))
                        : std::find_first_of(start, stop, any_of.begin(), any_of.end());
  if (hit == nullptr || hit == stop) return std::nullopt;
  return from + static_cast<std::uint64_t>(hit - start);
}

std::uint64_t ScriptBuffer::find(std::string_view any_of, std::uint64_t from, std::uint64_t keep) {
  std::uint64_t p = from;
  while (fill(keep, p + 1)) {
    if (auto hit = find_in_memory(any_of, p)) return *hit;
    p = end();
  }
  return p;
}

TextPosition ScriptBuffer::position_of(std::uint64_t offset) {
  count_lines_until(offset);
  return counted_position_;
}

void ScriptBuffer::count_lines_until(std::uint64_t offset) {
  if (offset <= counted_until_) return;
  const char* from = pointer(counted_until_);
  const char* to = pointer(offset);
  const char* line_start = nullptr;
  for (const char* p = from; p < to; ++p) {
    p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(to - p)));
    if (p == nullptr) break;
    ++counted_position_.line;
    line_start = p + 1;
  }
  if (line_start != nullptr) {
    counted_position_.column = 1 + count_code_points(line_start, to);
  } else {
    counted_position_.column += count_code_points(from, to);
  }
  counted_until_ = offset;
}

}  // namespace runway
