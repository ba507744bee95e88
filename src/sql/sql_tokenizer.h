// The tokenizer shared by every dialect (spec 9.2). It only finds token boundaries: enough to
// know where a statement ends and which keywords it starts with. Dialect differences are the
// flags in TokenizerRules.
#pragma once

#include <cstdint>
#include <string>

#include "sql/script_buffer.h"

namespace runway {

struct TokenizerRules {
  bool dollar_quotes = false;         // PostgreSQL $$...$$ and $tag$...$tag$
  bool backtick_identifiers = false;  // SQLite `name`
  bool bracket_identifiers = false;   // SQLite [name]
};

enum class TokenKind {
  Word,    // a keyword or an unquoted identifier, with any .qualified parts
  Quoted,  // a string literal, dollar-quoted body or quoted identifier
  Number,
  OpenParen,
  CloseParen,
  Delimiter,  // ;
  Symbol,     // any other single character
  Comment,
  Unterminated,  // a quote or comment still open at the end of the text
  EndOfText,
};

struct Token {
  TokenKind kind = TokenKind::EndOfText;
  // A word made only of ASCII letters and underscores: what keyword matching looks at.
  bool keyword = false;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
};

class SqlTokenizer {
 public:
  SqlTokenizer(ScriptBuffer& buffer, TokenizerRules rules) : buffer_(buffer), rules_(rules) {}

  // Skips whitespace and returns the next token.
  Token next();

  std::uint64_t position() const { return pos_; }
  // Continues at `offset` (after COPY data, which is not SQL).
  void seek(std::uint64_t offset) { pos_ = token_start_ = offset; }

 private:
  // The end offset helpers below return this for a quote or comment left open.
  static constexpr std::uint64_t kUnterminated = UINT64_MAX;

  // Whether the byte at `offset` can be read, reading more text if needed. Only the current
  // token must stay in memory meanwhile.
  bool has(std::uint64_t offset) { return buffer_.fill(token_start_, offset + 1); }
  bool byte_is(std::uint64_t offset, unsigned char c) {
    return has(offset) && buffer_.at(offset) == c;
  }

  void skip_whitespace();
  Token finish(TokenKind kind, std::uint64_t end, bool keyword = false);
  Token word();
  Token dollar_quoted_or_symbol();

  std::uint64_t end_of_word_characters(std::uint64_t from, bool& letters_only);
  std::uint64_t end_of_quoted(std::uint64_t body, char close);
  std::uint64_t end_of_escaped_string(std::uint64_t body);
  std::uint64_t end_of_bracketed(std::uint64_t body);
  std::uint64_t end_of_block_comment(std::uint64_t body);
  std::uint64_t end_of_number(std::uint64_t from);
  std::uint64_t find(std::uint64_t from, char c) { return buffer_.find(c, from, token_start_); }

  ScriptBuffer& buffer_;
  TokenizerRules rules_;
  std::uint64_t pos_ = 0;
  std::uint64_t token_start_ = 0;
  std::string dollar_tag_;  // reused so that dollar quotes cost no allocation
};

}  // namespace runway
