// Flyway's migration checksum (spec 3): CRC-32 of the UTF-8 text with line terminators
// removed and a leading BOM dropped, reinterpreted as a signed 32-bit integer.
#pragma once

#include <cstdint>
#include <string_view>

#include "runway/error.h"
#include "runway/text_source.h"

namespace runway {

class ChecksumCalculator {
 public:
  // Feeds UTF-8 text. Chunks may split lines and multi-byte characters anywhere.
  void update(std::string_view utf8);
  std::int32_t value() const { return static_cast<std::int32_t>(crc_); }

 private:
  std::uint32_t crc_ = 0;
  bool at_start_ = true;  // a BOM is dropped only at the very start of the text
};

std::int32_t checksum_of(std::string_view utf8_text);
Result<std::int32_t> checksum_of(TextSource& source);

}  // namespace runway
