#include "core/text_decoder.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace runway {
namespace {

// Validates UTF-8 as Java's strict decoder does: no overlong forms, no surrogates, nothing
// above U+10FFFF. Valid input is copied unchanged.
class Utf8Validator final : public TextDecoder {
 public:
  std::expected<std::size_t, std::size_t> decode(std::string_view input,
                                                 std::string& out) override {
    const auto* bytes = reinterpret_cast<const unsigned char*>(input.data());
    const std::size_t size = input.size();
    std::size_t i = 0;
    while (i < size) {
      if (i + 8 <= size && is_ascii_word(bytes + i)) {
        i += 8;
        continue;
      }
      const unsigned char lead = bytes[i];
      if (lead < 0x80) {
        ++i;
        continue;
      }
      const std::size_t length = sequence_length(lead);
      if (length == 0) return std::unexpected(i);
      for (std::size_t k = 1; k < length; ++k) {
        if (i + k == size) {  // a character split by the chunk boundary: carry it over
          out.append(input.substr(0, i));
          return i;
        }
        const auto [low, high] = continuation_range(lead, k);
        if (bytes[i + k] < low || bytes[i + k] > high) return std::unexpected(i);
      }
      i += length;
    }
    out.append(input);
    return size;
  }

 private:
  static bool is_ascii_word(const unsigned char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return (word & 0x8080808080808080ULL) == 0;
  }

  // 0 for a byte that cannot start a character (continuation bytes, C0/C1 overlong leads,
  // leads of sequences beyond U+10FFFF).
  static std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
  }

  // The valid range of the k-th byte of a sequence; the second byte's range excludes
  // overlong forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
  static std::pair<unsigned char, unsigned char> continuation_range(unsigned char lead,
                                                                    std::size_t k) {
    if (k == 1) {
      switch (lead) {
        case 0xE0:
          return {0xA0, 0xBF};
        case 0xED:
          return {0x80, 0x9F};
        case 0xF0:
          return {0x90, 0xBF};
        case 0xF4:
          return {0x80, 0x8F};
        default:
          break;
      }
    }
    return {0x80, 0xBF};
  }
};

// ISO-8859-1 maps each byte to the code point of the same value, so it never fails.
class Latin1Decoder final : public TextDecoder {
 public:
  std::expected<std::size_t, std::size_t> decode(std::string_view input,
                                                 std::string& out) override {
    for (const char c : input) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x80) {
        out.push_back(c);
      } else {
        out.push_back(static_cast<char>(0xC0 | (byte >> 6)));
        out.push_back(static_cast<char>(0x80 | (byte & 0x3F)));
      }
    }
    return input.size();
  }
};

// Everything else: glibc iconv without //IGNORE or //TRANSLIT, so it is strict too.
class IconvDecoder final : public TextDecoder {
 public:
  explicit IconvDecoder(iconv_t converter) : converter_(converter) {}
  ~IconvDecoder() override { iconv_close(converter_); }
  IconvDecoder(const IconvDecoder&) = delete;
  IconvDecoder& operator=(const IconvDecoder&) = delete;

  std::expected<std::size_t, std::size_t> decode(std::string_view input,
                                                 std::string& out) override {
    char* in = const_cast<char*>(input.data());  // iconv's signature predates const
    std::size_t in_left = input.size();
    while (in_left > 0) {
      const std::size_t old_size = out.size();
      // UTF-8 needs at most 4 bytes per character and every charset spends at least one
      // byte per character, so this room is enough unless a stateful charset surprises us;
      // E2BIG below handles that case.
      out.resize(old_size + in_left * 4 + 4);
      char* out_next = out.data() + old_size;
      std::size_t out_left = out.size() - old_size;
      const std::size_t result = iconv(converter_, &in, &in_left, &out_next, &out_left);
      const int error = errno;
      out.resize(out.size() - out_left);
      if (result != static_cast<std::size_t>(-1) || error == E2BIG) continue;
      const std::size_t consumed = input.size() - in_left;
      if (error == EINVAL) return consumed;  // incomplete character at the end of the chunk
      return std::unexpected(consumed);
    }
    return input.size();
  }

 private:
  iconv_t converter_;
};

// "utf-8", "UTF8" and "utf_8" name the same charset, as they do for Java.
std::string canonical_name(std::string_view encoding) {
  std::string name;
  for (const char c : encoding) {
    if (c == '-' || c == '_') continue;
    name.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
  }
  return name;
}

}  // namespace

Result<std::unique_ptr<TextDecoder>> make_text_decoder(std::string_view encoding) {
  const std::string name = canonical_name(encoding);
  if (name.empty() || name == "UTF8") return std::make_unique<Utf8Validator>();
  if (name == "ISO88591" || name == "LATIN1") return std::make_unique<Latin1Decoder>();
  const std::string charset(encoding);
  const iconv_t converter = iconv_open("UTF-8", charset.c_str());
  if (converter == reinterpret_cast<iconv_t>(-1)) {
    // FAULT: Flyway's code for the Java exception it gets (its message is the name alone).
    return fail(ErrorCode::Fault, "Unsupported encoding: " + charset);
  }
  return std::make_unique<IconvDecoder>(converter);
}

}  // namespace runway
