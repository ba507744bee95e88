#include "check/script_decoding.h"

#include <array>
#include <fstream>

namespace runway {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

Result<ScriptDecoding> ScriptDecoding::from(const std::string& encoding) {
  RUNWAY_ASSIGN(decoder, make_text_decoder(encoding));
  return ScriptDecoding(std::move(decoder), encoding);
}

Result<void> ScriptDecoding::decode(std::string_view bytes, std::string& out) {
  std::string window;
  if (!carried_.empty()) {
    window = std::move(carried_);
    window.append(bytes);
    bytes = window;
  }
  auto consumed = decoder_->decode(bytes, out);
  if (!consumed) {
    return fail(ErrorCode::Error, "cannot be decoded as " + encoding_ +
                                      ": invalid byte at offset " +
                                      std::to_string(decoded_ + consumed.error()));
  }
  carried_ = std::string(bytes.substr(*consumed));
  decoded_ += *consumed;
  return {};
}

Result<void> ScriptDecoding::finish() const {
  if (carried_.empty()) return {};
  return fail(ErrorCode::Error,
              "cannot be decoded as " + encoding_ + ": it ends inside a character");
}

Result<std::string> decode_script(std::string_view bytes, const std::string& encoding) {
  RUNWAY_ASSIGN(decoding, ScriptDecoding::from(encoding));
  std::string text;
  text.reserve(bytes.size());
  RUNWAY_TRY(decoding.decode(bytes, text));
  RUNWAY_TRY(decoding.finish());
  if (std::string_view(text).starts_with(kByteOrderMark)) text.erase(0, kByteOrderMark.size());
  return text;
}

std::optional<Error> why_unreadable(const std::string& path, const std::string& encoding) {
  const Error unreadable(ErrorCode::Error, "cannot be read");
  std::ifstream in(path, std::ios::binary);
  if (!in) return unreadable;
  auto decoding = ScriptDecoding::from(encoding);
  if (!decoding) return decoding.error();
  std::array<char, 64 * 1024> bytes;
  std::string text;
  while (in) {
    in.read(bytes.data(), bytes.size());
    if (in.bad()) return unreadable;
    text.clear();
    auto decoded = decoding->decode(std::string_view(bytes.data(), in.gcount()), text);
    if (!decoded) return decoded.error();
  }
  auto finished = decoding->finish();
  if (!finished) return finished.error();
  return std::nullopt;
}

}  // namespace runway
