#include "sql/script_splitter.h"

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

namespace runway {
namespace {

constexpr std::size_t kIncompleteExcerptLength = 100;  // code points of SQL in the message

// `text` is a keyword (ASCII letters and underscores); `upper` is upper-case.
bool equals_keyword(std::string_view text, std::string_view upper) {
  if (text.size() != upper.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((text[i] & ~0x20) != upper[i]) return false;
  }
  return true;
}

std::string_view trim_end(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') text.remove_suffix(1);
  return text;
}

std::string_view first_code_points(std::string_view text, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_code_point = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_code_point && seen++ == count) return text.substr(0, i);
  }
  return text;
}

// The line that ends COPY data: `\.`, perhaps with surrounding whitespace.
bool is_end_of_copy_data(std::string_view line) {
  while (!line.empty() && static_cast<unsigned char>(line.front()) <= ' ') line.remove_prefix(1);
  return trim_end(line) == "\\.";
}

Error at_position(Error error, TextPosition position) {
  SourceLocation location;
  location.line = position.line;
  location.column = position.column;
  error.at(std::move(location));
  return error;
}

}  // namespace

ScriptSplitter::ScriptSplitter(const DialectRules& rules, TextSource& source,
                               SplitterOptions options)
    : rules_(rules), options_(options), buffer_(source), tokenizer_(buffer_, rules.tokens) {}

Result<std::optional<SqlStatement>> ScriptSplitter::next() {
  if (copy_line_) {
    // The caller did not want the data of the previous COPY: skip it.
    RUNWAY_TRY(read_copy_data([](std::string_view) -> Result<void> { return {}; }));
  }
  start_statement();
  for (;;) {
    const Token token = tokenizer_.next();
    switch (token.kind) {
      case TokenKind::EndOfText:
        return at_end_of_text();
      case TokenKind::Unterminated:
        add_token(token);
        return std::unexpected(incomplete_statement());
      case TokenKind::Comment:
        add_token(token);
        break;
      case TokenKind::Delimiter:
        if (progress_.paren_depth == 0 && progress_.block_depth == 0) {
          if (progress_.has_code) return finish_statement();
          start_statement();  // comments before a lone `;` belong to no statement
          break;
        }
        RUNWAY_TRY(add_code_token(token));
        break;
      default:
        RUNWAY_TRY(add_code_token(token));
        break;
    }
  }
}

void ScriptSplitter::start_statement() {
  progress_ = Progress{};
  prefix_.clear();
  buffer_.clear_anchor();
}

void ScriptSplitter::add_token(const Token& token) {
  if (!progress_.started) {
    progress_.started = true;
    progress_.begin = token.begin;
    buffer_.set_anchor(token.begin);
  }
  progress_.end = token.end;
}

Result<void> ScriptSplitter::add_code_token(const Token& token) {
  add_token(token);
  const bool first_in_statement = !progress_.has_code;
  if (first_in_statement) {
    progress_.has_code = true;
    progress_.position = buffer_.position_of(token.begin);
  }
  if (token.kind == TokenKind::OpenParen) {
    ++progress_.paren_depth;
  } else if (token.kind == TokenKind::CloseParen) {
    --progress_.paren_depth;
  } else if (token.keyword) {
    RUNWAY_TRY(track_blocks(token, first_in_statement));
    if (progress_.paren_depth == 0) prefix_.add_keyword(buffer_.view(token.begin, token.end));
  } else if (progress_.paren_depth == 0) {
    prefix_.add_other_token();
  }
  progress_.after_begin = token.keyword && keyword_is(token, "BEGIN");
  return {};
}

Result<void> ScriptSplitter::track_blocks(const Token& token, bool first_in_statement) {
  int& depth = progress_.block_depth;
  switch (rules_.blocks) {
    case BlockStyle::AtomicBodies:
      if (progress_.after_begin && keyword_is(token, "ATOMIC")) {
        ++depth;
      } else if (depth > 0 && keyword_is(token, "CASE")) {
        ++depth;
      } else if (depth > 0 && keyword_is(token, "END")) {
        --depth;
      }
      return {};
    case BlockStyle::TriggerBodies:
      // A statement that starts with BEGIN or END is transaction control (BEGIN TRANSACTION;
      // END;), not a block. Flyway counts it as a block and then fails with "Incomplete
      // statement" or "unable to decrease block depth below 0".
      if (progress_.paren_depth != 0 || first_in_statement) return {};
      if (keyword_is(token, "BEGIN") || keyword_is(token, "CASE")) {
        ++depth;
      } else if (keyword_is(token, "END")) {
        if (depth == 0) {
          return std::unexpected(at_position(
              Error(ErrorCode::Error, "Parsing failed: unable to decrease block depth below 0"),
              buffer_.position_of(token.begin)));
        }
        --depth;
      }
      return {};
  }
  return {};
}

bool ScriptSplitter::keyword_is(const Token& token, std::string_view keyword) const {
  return equals_keyword(buffer_.view(token.begin, token.end), keyword);
}

Result<std::optional<SqlStatement>> ScriptSplitter::finish_statement() {
  SqlStatement statement{
      .text = std::string(buffer_.view(progress_.begin, progress_.end)),
      .line = progress_.position.line,
      .column = progress_.position.column,
      .non_transactional = is_non_transactional(rules_, prefix_, options_),
      .copy_from_stdin =
          !rules_.copy_from_stdin.empty() && prefix_.starts_with(rules_.copy_from_stdin),
      .controls_transaction = prefix_.starts_with(rules_.transaction_control),
  };
  if (statement.copy_from_stdin) copy_line_ = statement.line;
  start_statement();
  return statement;
}

Result<std::optional<SqlStatement>> ScriptSplitter::at_end_of_text() {
  if (buffer_.read_error()) return std::unexpected(*buffer_.read_error());
  if (!progress_.has_code) {  // nothing, or only comments, after the last statement
    start_statement();
    return std::nullopt;
  }
  if (progress_.paren_depth != 0 || progress_.block_depth != 0) {
    return std::unexpected(incomplete_statement());
  }
  return finish_statement();
}

Error ScriptSplitter::incomplete_statement() {
  if (buffer_.read_error()) return *buffer_.read_error();
  const TextPosition position =
      progress_.has_code ? progress_.position : buffer_.position_of(progress_.begin);
  const std::string_view sql = trim_end(buffer_.view(progress_.begin, buffer_.end()));
  return at_position(
      Error(ErrorCode::Error,
            fmt::format("Incomplete statement at line {} col {}: {}", position.line,
                        position.column, first_code_points(sql, kIncompleteExcerptLength))),
      position);
}

// Hands the data over in chunks of whole lines: each time the next line does not fit in
// the bytes in memory, the complete lines before it are passed on and dropped.
Result<void> ScriptSplitter::read_copy_data(const CopySink& sink) {
  if (!copy_line_) {
    return fail(ErrorCode::Fault, "read_copy_data called without a COPY ... FROM STDIN statement");
  }
  const int copy_line = *copy_line_;
  copy_line_.reset();
  const auto missing_end = [&] {
    if (buffer_.read_error()) return std::unexpected(*buffer_.read_error());
    return std::unexpected(at_position(
        Error(ErrorCode::Error,
              fmt::format("Missing end of COPY data (a line containing only \\.) for the COPY "
                          "statement at line {}",
                          copy_line)),
        TextPosition{.line = copy_line, .column = 1}));
  };
  const auto pass_on = [&](std::uint64_t begin, std::uint64_t end) -> Result<void> {
    if (begin == end) return {};
    return sink(buffer_.view(begin, end));
  };

  // The rest of the COPY statement's line is not data.
  const std::uint64_t statement_line_end =
      buffer_.find('\n', tokenizer_.position(), tokenizer_.position());
  if (!buffer_.fill(statement_line_end, statement_line_end + 1)) return missing_end();

  std::uint64_t chunk_begin = statement_line_end + 1;
  std::uint64_t line_begin = chunk_begin;
  for (;;) {
    if (const auto line_end = buffer_.find_in_memory('\n', line_begin)) {
      if (is_end_of_copy_data(buffer_.view(line_begin, *line_end))) {
        RUNWAY_TRY(pass_on(chunk_begin, line_begin));
        tokenizer_.seek(*line_end + 1);
        return {};
      }
      line_begin = *line_end + 1;
      continue;
    }
    RUNWAY_TRY(pass_on(chunk_begin, line_begin));
    chunk_begin = line_begin;
    if (!buffer_.fill(line_begin, buffer_.end() + 1)) {
      // The text ends without a line break after the last line.
      if (buffer_.read_error() || !is_end_of_copy_data(buffer_.view(line_begin, buffer_.end()))) {
        return missing_end();
      }
      tokenizer_.seek(buffer_.end());
      return {};
    }
  }
}

std::unique_ptr<StatementSplitter> make_splitter(SqlDialect dialect, TextSource& source,
                                                 SplitterOptions options) {
  return std::make_unique<ScriptSplitter>(rules_for(dialect), source, options);
}

}  // namespace runway
