// Streaming access to a script's text, decoded to UTF-8. Checksums, placeholder replacement
// and statement splitting all read through this, so memory never grows with file size.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>

#include "runway/error.h"

namespace runway {

class TextSource {
 public:
  virtual ~TextSource() = default;
  // Fills up to buffer.size() bytes of UTF-8 text; returns 0 at the end of the text.
  virtual Result<std::size_t> read(std::span<char> buffer) = 0;
};

// Opens a script file and decodes it strictly from `encoding` (UTF-8, ISO-8859-1, or any
// charset iconv knows) into UTF-8. A leading byte-order mark is dropped (spec 3.1, 9.1).
// Malformed input fails with Flyway's "Unable to calculate checksum" message naming the file.
Result<std::unique_ptr<TextSource>> open_script(const std::string& path,
                                                const std::string& encoding);

// A source over text already in memory (tests, callbacks built from strings).
std::unique_ptr<TextSource> text_from_string(std::string text);
// The same over text that several sources may read at once, each from its start.
std::unique_ptr<TextSource> text_from_shared(std::shared_ptr<const std::string> text);

// Reads a whole source into a string. For small inputs only (config files, tests, small
// scripts); `expected_size`, when known, saves growing the string.
Result<std::string> read_all(TextSource& source, std::size_t expected_size = 0);

}  // namespace runway
