// Splitting a script into a comparable outcome, free of gtest so that the splitter fuzzers
// (fuzz/) check the same property as the unit tests: a source that hands out 1 to 7 bytes per
// read must give the same statements, COPY data and errors as a plain in-memory one.
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runway/sql_splitter.h"
#include "runway/text_source.h"

namespace runway::testing {

// Returns the text in reads of 1 to 7 bytes, in a fixed irregular rhythm.
class TrickleSource final : public TextSource {
 public:
  explicit TrickleSource(std::string text) : text_(text_from_string(std::move(text))) {}

  Result<std::size_t> read(std::span<char> buffer) override {
    static constexpr std::size_t kSizes[] = {3, 1, 7, 2, 5, 1, 4, 6, 2};
    const std::size_t size = kSizes[reads_++ % std::size(kSizes)];
    return text_->read(buffer.first(std::min(size, buffer.size())));
  }

 private:
  std::unique_ptr<TextSource> text_;
  std::size_t reads_ = 0;
};

struct SplitOutcome {
  std::vector<SqlStatement> statements;
  std::vector<std::string> copy_data;  // one entry per statement, empty unless COPY
  std::optional<Error> error;          // the first failure, which ends the split

  std::vector<std::string> texts() const {
    std::vector<std::string> result;
    for (const SqlStatement& statement : statements) result.push_back(statement.text);
    return result;
  }

  // Everything in one string, so that two outcomes compare with one EXPECT_EQ.
  std::string describe() const {
    std::string out;
    for (std::size_t i = 0; i < statements.size(); ++i) {
      const SqlStatement& s = statements[i];
      out += std::to_string(s.line) + ":" + std::to_string(s.column) +
             (s.non_transactional ? " non-transactional" : "") +
             (s.copy_from_stdin ? " copy" : "") + " [" + s.text + "] data [" + copy_data[i] + "]\n";
    }
    if (error) {
      out += "error: " + error->message;
      if (error->location) {
        out += " @" + std::to_string(error->location->line) + ":" +
               std::to_string(error->location->column);
      }
    }
    return out;
  }
};

inline SplitOutcome split_source(SqlDialect dialect, TextSource& source, SplitterOptions options) {
  SplitOutcome outcome;
  auto splitter = make_splitter(dialect, source, options);
  for (;;) {
    auto statement = splitter->next();
    if (!statement) {
      outcome.error = statement.error();
      return outcome;
    }
    if (!*statement) return outcome;
    std::string data;
    if ((*statement)->copy_from_stdin) {
      auto copied = splitter->read_copy_data([&](std::string_view chunk) -> Result<void> {
        data += chunk;
        return {};
      });
      if (!copied) {
        outcome.error = copied.error();
        return outcome;
      }
    }
    outcome.statements.push_back(std::move(**statement));
    outcome.copy_data.push_back(std::move(data));
  }
}

}  // namespace runway::testing
