// The splitter holds the statement being assembled, not the script: feeding it tens of
// megabytes must not grow its buffer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "runway/text_source.h"
#include "sql/dialect_rules.h"
#include "sql/script_splitter.h"

namespace runway::testing {
namespace {

constexpr std::size_t kMegabyte = 1024 * 1024;
constexpr std::size_t kBoundedCapacity = 128 * 1024;

// Produces a header once, then `line` over and over until `size` bytes have been produced,
// then a trailer, without ever holding more than one line.
class GeneratedSource final : public TextSource {
 public:
  GeneratedSource(std::string header, std::string line, std::size_t size, std::string trailer)
      : header_(std::move(header)),
        line_(std::move(line)),
        trailer_(std::move(trailer)),
        size_(size) {}

  Result<std::size_t> read(std::span<char> buffer) override {
    std::size_t written = 0;
    while (written < buffer.size()) {
      const std::string_view rest = current().substr(offset_);
      if (rest.empty()) {
        if (!advance()) break;
        continue;
      }
      const std::size_t count = std::min(rest.size(), buffer.size() - written);
      std::memcpy(buffer.data() + written, rest.data(), count);
      written += count;
      offset_ += count;
    }
    return written;
  }

  std::size_t lines_produced() const { return lines_; }

 private:
  enum class Part { Header, Lines, Trailer, Done };

  std::string_view current() const {
    switch (part_) {
      case Part::Header:
        return header_;
      case Part::Lines:
        return line_;
      case Part::Trailer:
        return trailer_;
      case Part::Done:
        break;
    }
    return {};
  }

  // Moves to the next piece of text; false at the end.
  bool advance() {
    offset_ = 0;
    switch (part_) {
      case Part::Header:
        part_ = Part::Lines;
        [[fallthrough]];
      case Part::Lines:
        if (produced_ < size_) {
          produced_ += line_.size();
          ++lines_;
          return true;
        }
        part_ = Part::Trailer;
        return true;
      case Part::Trailer:
      case Part::Done:
        part_ = Part::Done;
        return false;
    }
    return false;
  }

  std::string header_, line_, trailer_;
  std::size_t size_;
  Part part_ = Part::Header;
  std::size_t offset_ = 0;
  std::size_t produced_ = 0;
  std::size_t lines_ = 0;
};

TEST(SplitterMemory, FiftyMegabytesOfStatementsInASmallBuffer) {
  GeneratedSource source("", "INSERT INTO t VALUES (42, 'text; with a delimiter');\n",
                         50 * kMegabyte, "SELECT 'last';");
  ScriptSplitter splitter(rules_for(SqlDialect::Postgres), source, {});
  std::size_t statements = 0;
  for (;;) {
    auto statement = splitter.next();
    ASSERT_TRUE(statement) << statement.error().message;
    if (!*statement) break;
    ++statements;
  }
  EXPECT_EQ(statements, source.lines_produced() + 1);
  EXPECT_LE(splitter.buffer_capacity(), kBoundedCapacity);
}

TEST(SplitterMemory, CopyDataIsStreamedInBoundedChunksOfWholeLines) {
  GeneratedSource source("COPY t (a, b) FROM STDIN;\n", "42\tsome \\N data; -- $$ '\n",
                         20 * kMegabyte, "\\.\nSELECT 'after';\n");
  ScriptSplitter splitter(rules_for(SqlDialect::Postgres), source, {});
  auto copy = splitter.next();
  ASSERT_TRUE(copy && *copy && (*copy)->copy_from_stdin);
  std::size_t data_bytes = 0;
  std::size_t largest_chunk = 0;
  auto copied = splitter.read_copy_data([&](std::string_view chunk) -> Result<void> {
    EXPECT_TRUE(chunk.ends_with('\n'));
    data_bytes += chunk.size();
    largest_chunk = std::max(largest_chunk, chunk.size());
    return {};
  });
  ASSERT_TRUE(copied) << copied.error().message;
  EXPECT_EQ(data_bytes, source.lines_produced() * std::strlen("42\tsome \\N data; -- $$ '\n"));
  EXPECT_LE(largest_chunk, kBoundedCapacity);
  EXPECT_LE(splitter.buffer_capacity(), kBoundedCapacity);
  auto after = splitter.next();
  ASSERT_TRUE(after && *after);
  EXPECT_EQ((*after)->text, "SELECT 'after'");
}

TEST(SplitterMemory, BufferGrowsOnlyForALongStatement) {
  GeneratedSource source("SELECT '", "a long literal; ", 4 * kMegabyte, "';\nSELECT 2;");
  ScriptSplitter splitter(rules_for(SqlDialect::Sqlite), source, {});
  auto long_statement = splitter.next();
  ASSERT_TRUE(long_statement && *long_statement);
  EXPECT_GE((*long_statement)->text.size(), 4 * kMegabyte);
  EXPECT_LE(splitter.buffer_capacity(), 4 * (4 * kMegabyte));
}

}  // namespace
}  // namespace runway::testing
