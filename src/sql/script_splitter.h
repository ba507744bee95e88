// Statement assembly (spec 9.3, 9.4): groups tokens into statements at delimiters outside
// parentheses and blocks, classifies each, and streams COPY ... FROM STDIN data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "runway/sql_splitter.h"
#include "sql/dialect_rules.h"
#include "sql/keyword_prefix.h"
#include "sql/script_buffer.h"
#include "sql/sql_tokenizer.h"

namespace runway {

class ScriptSplitter final : public StatementSplitter {
 public:
  ScriptSplitter(const DialectRules& rules, TextSource& source, SplitterOptions options);

  Result<std::optional<SqlStatement>> next() override;
  Result<void> read_copy_data(const CopySink& sink) override;
  bool read_failed() const override { return buffer_.read_error().has_value(); }

  // Bytes of script text held in memory, for tests that check it stays bounded.
  std::size_t buffer_capacity() const { return buffer_.capacity(); }

 private:
  // The statement being assembled.
  struct Progress {
    bool started = false;     // a token (maybe only a comment) has been seen
    bool has_code = false;    // a token other than a comment has been seen
    std::uint64_t begin = 0;  // the first token, comments included
    std::uint64_t end = 0;    // end of the last token
    TextPosition position;    // of the first token that is not a comment
    int paren_depth = 0;
    int block_depth = 0;
    bool after_begin = false;  // the previous token was the keyword BEGIN
  };

  void start_statement();
  void add_token(const Token& token);
  Result<void> add_code_token(const Token& token);
  Result<void> track_blocks(const Token& token, bool first_in_statement);
  bool keyword_is(const Token& token, std::string_view keyword) const;
  Result<std::optional<SqlStatement>> finish_statement();
  Result<std::optional<SqlStatement>> at_end_of_text();
  Error incomplete_statement();

  const DialectRules& rules_;
  SplitterOptions options_;
  ScriptBuffer buffer_;
  SqlTokenizer tokenizer_;
  Progress progress_;
  KeywordPrefix prefix_;
  // Set after a COPY ... FROM STDIN statement until its data has been read.
  std::optional<int> copy_line_;
};

}  // namespace runway
