#include "runway/checksum.h"

#include <zlib.h>

#include <array>

namespace runway {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::uint32_t crc_of_bom_prefix(std::size_t length) {
  return static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(kBom.data()), static_cast<uInt>(length)));
}

// How many BOM bytes a start-of-text CRC covers; the CRCs of 0, 1 and 2 BOM bytes differ.
std::size_t bom_prefix_length(std::uint32_t crc) {
  std::size_t length = 0;
  while (length < kBom.size() - 1 && crc != crc_of_bom_prefix(length)) ++length;
  return length;
}

}  // namespace

void ChecksumCalculator::update(std::string_view utf8) {
  // A leading BOM is dropped (spec 3.1 step 3), even when chunks split it. While at_start_,
  // every byte seen so far is a prefix of the BOM and crc_ is already the CRC of that prefix,
  // so how much of the BOM has been seen is recovered from crc_ itself; if the text turns out
  // not to start with a BOM, those bytes are correctly hashed already.
  while (at_start_ && !utf8.empty()) {
    std::size_t seen = bom_prefix_length(crc_);
    if (utf8.front() != kBom[seen]) {
      at_start_ = false;
      break;
    }
    utf8.remove_prefix(1);
    if (seen + 1 == kBom.size()) {
      crc_ = 0;
      at_start_ = false;
    } else {
      crc_ = crc_of_bom_prefix(seen + 1);
    }
  }
  // Flyway hashes line by line without terminators, so the result equals a CRC over the
  // text with every CR and LF removed; blank lines and line endings are invisible.
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
