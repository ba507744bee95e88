// Script files are read and decoded in fixed-size chunks, so checksumming or splitting a
// large script never holds the whole file in memory.
#include "runway/text_source.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <utility>

#include "core/text_decoder.h"

namespace runway {
namespace {

constexpr std::size_t kChunkSize = 64 * 1024;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// Hands out already decoded text from `pending_`, decoding the next chunk when it runs dry.
class FileTextSource final : public TextSource {
 public:
  FileTextSource(std::string path, FilePtr file, std::unique_ptr<TextDecoder> decoder)
      : path_(std::move(path)), file_(std::move(file)), decoder_(std::move(decoder)) {
    raw_.reserve(kChunkSize);
  }

  Result<std::size_t> read(std::span<char> buffer) override {
    while (pending_offset_ == pending_.size()) {
      if (finished_) return 0;
      pending_.clear();
      pending_offset_ = 0;
      RUNWAY_TRY(decode_next_chunk());
    }
    const std::size_t count = std::min(buffer.size(), pending_.size() - pending_offset_);
    std::memcpy(buffer.data(), pending_.data() + pending_offset_, count);
    pending_offset_ += count;
    return count;
  }

 private:
  // Reads one chunk after the bytes carried over from the previous one (a character split
  // by the chunk boundary) and decodes what it can.
  Result<void> decode_next_chunk() {
    const std::size_t carried = raw_.size();
    raw_.resize(kChunkSize);
    const std::size_t got = std::fread(raw_.data() + carried, 1, kChunkSize - carried, file_.get());
    raw_.resize(carried + got);
    if (got == 0) {
      if (std::ferror(file_.get())) {
        return fail(ErrorCode::Error, "Unable to read " + path_ + ": " + std::strerror(errno));
      }
      finished_ = true;
      if (carried > 0) return malformed_at(0);  // the file ends inside a character
      return {};
    }
    auto consumed = decoder_->decode(raw_, pending_);
    if (!consumed) return malformed_at(consumed.error());
    raw_.erase(0, *consumed);
    decoded_bytes_ += *consumed;
    if (at_start_ && !pending_.empty()) {
      at_start_ = false;
      if (pending_.starts_with(kByteOrderMark)) pending_offset_ = kByteOrderMark.size();
    }
    return {};
  }

  Result<void> malformed_at(std::size_t offset_in_chunk) const {
    return fail(Error(ErrorCode::Error,
                      "Unable to calculate checksum of " + path_ +
                          "\nPlease ensure you have configured the correct file encoding with "
                          "'flyway.encoding' or enable 'flyway.detectEncoding' to let Flyway "
                          "detect it for you")
                    .because("Malformed input at byte offset " +
                             std::to_string(decoded_bytes_ + offset_in_chunk)));
  }

  std::string path_;
  FilePtr file_;
  std::unique_ptr<TextDecoder> decoder_;
  std::string raw_;      // undecoded bytes: a carried-over partial character
  std::string pending_;  // decoded text not yet handed out
  std::size_t pending_offset_ = 0;
  std::uint64_t decoded_bytes_ = 0;  // file offset of raw_[0]
  bool at_start_ = true;             // a byte-order mark is dropped only at the very start
  bool finished_ = false;
};

class StringTextSource final : public TextSource {
 public:
  explicit StringTextSource(std::string text) : text_(std::move(text)) {}

  Result<std::size_t> read(std::span<char> buffer) override {
    const std::size_t count = std::min(buffer.size(), text_.size() - offset_);
    std::memcpy(buffer.data(), text_.data() + offset_, count);
    offset_ += count;
    return count;
  }

 private:
  std::string text_;
  std::size_t offset_ = 0;
};

}  // namespace

Result<std::unique_ptr<TextSource>> open_script(const std::string& path,
                                                const std::string& encoding) {
  RUNWAY_ASSIGN(decoder, make_text_decoder(encoding));
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    return fail(ErrorCode::Error, "Unable to open " + path + ": " + std::strerror(errno));
  }
  return std::make_unique<FileTextSource>(path, std::move(file), std::move(decoder));
}

std::unique_ptr<TextSource> text_from_string(std::string text) {
  return std::make_unique<StringTextSource>(std::move(text));
}

Result<std::string> read_all(TextSource& source) {
  std::string text;
  std::size_t size = 0;
  for (;;) {
    text.resize(size + kChunkSize);
    RUNWAY_ASSIGN(got, source.read(std::span<char>(text.data() + size, kChunkSize)));
    size += got;
    if (got == 0) break;
  }
  text.resize(size);
  return text;
}

}  // namespace runway
