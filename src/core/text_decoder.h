// Strict, incremental decoding of script bytes into UTF-8 (spec 3.1: malformed input is an
// error, never replaced). Input arrives in chunks that may split a character anywhere.
#pragma once

#include <cstddef>
#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "runway/error.h"

namespace runway {

class TextDecoder {
 public:
  virtual ~TextDecoder() = default;

  // Appends the UTF-8 form of the complete characters at the front of `input` to `out` and
  // returns how many input bytes that consumed; an unconsumed tail is the start of a
  // character the caller passes again, followed by more bytes. On malformed input, the
  // error is the offset within `input` of the first byte that cannot be decoded.
  virtual std::expected<std::size_t, std::size_t> decode(std::string_view input,
                                                         std::string& out) = 0;
};

// A decoder for a charset name as Java spells it (case-insensitive): UTF-8 and ISO-8859-1 are
// built in, anything else goes through iconv. An empty name means UTF-8.
Result<std::unique_ptr<TextDecoder>> make_text_decoder(std::string_view encoding);

}  // namespace runway
