// A script's bytes as text, in check's words when they are not (RW108): the decoding of a
// script held in memory (a blob from git), and why a script file cannot be read.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/text_decoder.h"
#include "runway/error.h"

namespace runway {

// Strict decoding from `encoding` (spec 3.1), fed in chunks that may split a character.
class ScriptDecoding {
 public:
  static Result<ScriptDecoding> from(const std::string& encoding);

  // Appends the UTF-8 text of the complete characters fed so far to `out`. The error names
  // the offset of the first byte that does not decode.
  Result<void> decode(std::string_view bytes, std::string& out);
  // At the end of the bytes: fails when they end inside a character.
  Result<void> finish() const;

 private:
  ScriptDecoding(std::unique_ptr<TextDecoder> decoder, std::string encoding)
      : decoder_(std::move(decoder)), encoding_(std::move(encoding)) {}

  std::unique_ptr<TextDecoder> decoder_;
  std::string encoding_;
  std::string carried_;         // the start of a character split by the chunk boundary
  std::uint64_t decoded_ = 0;  // bytes consumed: the offset of carried_ in the input
};

// The bytes of a script as UTF-8 text, a leading byte-order mark dropped.
Result<std::string> decode_script(std::string_view bytes, const std::string& encoding);

// Why the file at `path` cannot be read as text in `encoding` ("cannot be read", "cannot be
// decoded as UTF-8: invalid byte at offset 12", ...), reading it in chunks; nullopt when it
// can.
std::optional<Error> why_unreadable(const std::string& path, const std::string& encoding);

}  // namespace runway
