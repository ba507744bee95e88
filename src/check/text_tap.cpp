#include "check/text_tap.h"

#include <array>

namespace runway {

Result<std::size_t> TextTap::read(std::span<char> buffer) {
  RUNWAY_ASSIGN(count, inner_->read(buffer));
  const std::string_view chunk(buffer.data(), count);
  if (count > 0) {
    for (const Observer& observer : observers_) observer(chunk);
  }
  return count;
}

Result<void> TextTap::drain() {
  std::array<char, 64 * 1024> buffer;
  for (;;) {
    RUNWAY_ASSIGN(count, read(buffer));
    if (count == 0) return {};
  }
}

}  // namespace runway
