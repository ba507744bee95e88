// Script files are read and decoded in fixed-size chunks, so checksumming or splitting a
// large script never holds the whole file in memory.
#include "runway/text_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <utility>

#include "core/text_decoder.h"

namespace runway {
namespace {

constexpr std::size_t kChunkSize = 64 * 1024;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// A POSIX file descriptor, closed on destruction. Plain read(2) rather than stdio: every
// command opens every migration, and stdio's per-file buffer showed in `info` profiles.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  FileDescriptor& operator=(FileDescriptor&&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// One read(2), retrying when interrupted.
ssize_t read_once(int fd, char* data, std::size_t size) {
  while (true) {
    ssize_t n = ::read(fd, data, size);
    if (n >= 0 || errno != EINTR) return n;
  }
}

// Hands out already decoded text from `pending_`, decoding the next chunk when it runs dry.
class FileTextSource final : public TextSource {
 public:
  // Small files (the usual migration) get a buffer their size rather than a full chunk:
  // `info` opens every migration, and 64 KiB per file showed up as page faults.
  FileTextSource(std::string path, FileDescriptor file, std::unique_ptr<TextDecoder> decoder,
                 std::size_t chunk_size)
      : path_(std::move(path)),
        file_(std::move(file)),
        decoder_(std::move(decoder)),
        chunk_size_(chunk_size) {
    raw_.reserve(chunk_size_);
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
    const std::size_t wanted = chunk_size_ - carried;
    ssize_t got = 0;
    // resize_and_overwrite: no zero-filling of a 64 KiB chunk per read (it showed in `info`
    // profiles, which read every migration file). A short read of a regular file means its
    // end, so a small migration costs one read(2), not three.
    if (!end_of_file_) {
      raw_.resize_and_overwrite(chunk_size_, [&](char* data, std::size_t) {
        got = read_once(file_.get(), data + carried, wanted);
        return carried + static_cast<std::size_t>(std::max<ssize_t>(got, 0));
      });
      end_of_file_ = got >= 0 && static_cast<std::size_t>(got) < wanted;
    }
    if (got <= 0) {
      if (got < 0) {
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

  // Flyway's first line, naming the file; then its path, and advice: Flyway's to enable
  // flyway.detectEncoding is not repeated, since runway refuses that key.
  Result<void> malformed_at(std::size_t offset_in_chunk) const {
    std::string file_name = path_.substr(path_.find_last_of('/') + 1);
    return fail(Error(ErrorCode::Error,
                      "Unable to calculate checksum of " + file_name + "\n(" + path_ + ")" +
                          "\nPlease ensure you have configured the correct file encoding with "
                          "-encoding=<charset> (flyway.encoding), for example "
                          "-encoding=ISO-8859-1")
                    .because("Malformed input at byte offset " +
                             std::to_string(decoded_bytes_ + offset_in_chunk)));
  }

  std::string path_;
  FileDescriptor file_;
  std::unique_ptr<TextDecoder> decoder_;
  std::size_t chunk_size_;
  std::string raw_;      // undecoded bytes: a carried-over partial character
  std::string pending_;  // decoded text not yet handed out
  std::size_t pending_offset_ = 0;
  std::uint64_t decoded_bytes_ = 0;  // file offset of raw_[0]
  bool at_start_ = true;             // a byte-order mark is dropped only at the very start
  bool end_of_file_ = false;
  bool finished_ = false;
};

class StringTextSource final : public TextSource {
 public:
  explicit StringTextSource(std::shared_ptr<const std::string> text) : text_(std::move(text)) {}

  Result<std::size_t> read(std::span<char> buffer) override {
    const std::size_t count = std::min(buffer.size(), text_->size() - offset_);
    std::memcpy(buffer.data(), text_->data() + offset_, count);
    offset_ += count;
    return count;
  }

 private:
  std::shared_ptr<const std::string> text_;
  std::size_t offset_ = 0;
};

}  // namespace

Result<std::unique_ptr<TextSource>> open_script(const std::string& path,
                                                const std::string& encoding) {
  RUNWAY_ASSIGN(decoder, make_text_decoder(encoding));
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    return fail(ErrorCode::Error, "Unable to open " + path + ": " + std::strerror(errno));
  }
  // One byte more than the file, so the first read already sees the end; at least a few
  // bytes, so a multi-byte character split at the boundary can still be carried over.
  struct stat info {};
  std::size_t chunk = kChunkSize;
  if (fstat(file.get(), &info) == 0 && info.st_size >= 0) {
    chunk = std::clamp<std::size_t>(static_cast<std::size_t>(info.st_size) + 1, 8, kChunkSize);
  }
  return std::make_unique<FileTextSource>(path, std::move(file), std::move(decoder), chunk);
}

std::unique_ptr<TextSource> text_from_string(std::string text) {
  return text_from_shared(std::make_shared<const std::string>(std::move(text)));
}

std::unique_ptr<TextSource> text_from_shared(std::shared_ptr<const std::string> text) {
  return std::make_unique<StringTextSource>(std::move(text));
}

Result<std::string> read_all(TextSource& source, std::size_t expected_size) {
  // One byte more than expected, so that the read which finds the end needs no more room.
  std::string text(expected_size + 1, '\0');
  std::size_t size = 0;
  for (;;) {
    if (size == text.size()) text.resize(std::max(2 * text.size(), kChunkSize));
    RUNWAY_ASSIGN(got, source.read(std::span<char>(text.data() + size, text.size() - size)));
    size += got;
    if (got == 0) break;
  }
  text.resize(size);
  return text;
}

}  // namespace runway
