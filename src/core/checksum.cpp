#include "runway/checksum.h"

#include <zlib.h>

#include <array>

namespace runway {

void ChecksumCalculator::update(std::string_view utf8) {
  // Flyway hashes line by line without terminators, so the result equals a CRC over the
  // text with every CR and LF removed; blank lines and line endings are invisible.
  if (at_start_ && !utf8.empty()) {
    at_start_ = false;
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (utf8.starts_with(kBom)) utf8.remove_prefix(kBom.size());
  }
  std::size_t run_start = 0;
  auto feed = [&](std::size_t end) {
    if (end > run_start) {
      crc_ = static_cast<std::uint32_t>(
          crc32(crc_, reinterpret_cast<const Bytef*>(utf8.data() + run_start),
                static_cast<uInt>(end - run_start)));
    }
  };
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (utf8[i] == '\n' || utf8[i] == '\r') {
      feed(i);
      run_start = i + 1;
    }
  }
  feed(utf8.size());
}

std::int32_t checksum_of(std::string_view utf8_text) {
  ChecksumCalculator calculator;
  calculator.update(utf8_text);
  return calculator.value();
}

Result<std::int32_t> checksum_of(TextSource& source) {
  ChecksumCalculator calculator;
  std::array<char, 64 * 1024> buffer;
  while (true) {
    RUNWAY_ASSIGN(n, source.read(buffer));
    if (n == 0) break;
    calculator.update(std::string_view(buffer.data(), n));
  }
  return calculator.value();
}

}  // namespace runway
