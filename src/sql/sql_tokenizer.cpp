#include "sql/sql_tokenizer.h"

#include <array>

namespace runway {
namespace {

constexpr bool is_letter(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
constexpr bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

// Bytes of non-ASCII characters count as letters, so identifiers like café stay whole.
constexpr bool is_identifier_start(unsigned char c) {
  return is_letter(c) || c == '_' || c >= 0x80;
}
constexpr bool is_identifier_part(unsigned char c) {
  return is_identifier_start(c) || is_digit(c);
}

// Words also take `$` (a$b is one identifier on both dialects); a table keeps the hot loop short.
constexpr std::array<bool, 256> kWordCharacter = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = is_identifier_part(static_cast<unsigned char>(c)) || c == '$';
  }
  return table;
}();

constexpr unsigned char kNbspLead = 0xC2;  // U+00A0 is C2 A0 in UTF-8
constexpr unsigned char kNbspTrail = 0xA0;

}  // namespace

Token SqlTokenizer::next() {
  skip_whitespace();
  if (!has(pos_)) return finish(TokenKind::EndOfText, pos_);
  switch (buffer_.at(pos_)) {
    case '\'':
      return finish(TokenKind::Quoted, end_of_quoted(pos_ + 1, '\''));
    case '"':
      return finish(TokenKind::Quoted, end_of_quoted(pos_ + 1, '"'));
    case '`':
      if (rules_.backtick_identifiers)
        return finish(TokenKind::Quoted, end_of_quoted(pos_ + 1, '`'));
      break;
    case '[':
      if (rules_.bracket_identifiers) return finish(TokenKind::Quoted, end_of_bracketed(pos_ + 1));
      break;
    case '(':
      return finish(TokenKind::OpenParen, pos_ + 1);
    case ')':
      return finish(TokenKind::CloseParen, pos_ + 1);
    case ';':
      return finish(TokenKind::Delimiter, pos_ + 1);
    case '-':
      // Ends at a line break of any style, as in Flyway: a comment in a file with lone-CR
      // line endings must not swallow the statements after it.
      if (byte_is(pos_ + 1, '-')) {
        return finish(TokenKind::Comment, buffer_.find("\n\r", pos_ + 2, token_start_));
      }
      break;
    case '/':
      if (byte_is(pos_ + 1, '*')) return finish(TokenKind::Comment, end_of_block_comment(pos_ + 2));
      break;
    case '$':
      if (rules_.dollar_quotes) return dollar_quoted_or_symbol();
      break;
    default:
      if (is_digit(buffer_.at(pos_))) return finish(TokenKind::Number, end_of_number(pos_));
      if (is_identifier_start(buffer_.at(pos_))) return word();
      break;
  }
  return finish(TokenKind::Symbol, pos_ + 1);
}

// Whitespace is anything up to the space character (as Java's String.trim sees it) and the
// non-breaking space U+00A0, which editors like to leave behind.
void SqlTokenizer::skip_whitespace() {
  for (;;) {
    token_start_ = pos_;  // nothing skipped so far needs to stay in memory
    if (!has(pos_)) return;
    const unsigned char c = buffer_.at(pos_);
    if (c <= ' ') {
      ++pos_;
    } else if (c == kNbspLead && byte_is(pos_ + 1, kNbspTrail)) {
      pos_ += 2;
    } else {
      return;
    }
  }
}

Token SqlTokenizer::finish(TokenKind kind, std::uint64_t end, bool keyword) {
  if (end == kUnterminated) {
    kind = TokenKind::Unterminated;
    end = buffer_.end();
  }
  pos_ = end;
  return Token{.kind = kind, .keyword = keyword, .begin = token_start_, .end = end};
}

Token SqlTokenizer::word() {
  // Prefixed strings. Flyway only knows the upper-case prefixes; PostgreSQL accepts both.
  switch (buffer_.at(pos_) | 0x20) {
    case 'e':
    case 'b':
    case 'x':
      if (byte_is(pos_ + 1, '\''))
        return finish(TokenKind::Quoted, end_of_escaped_string(pos_ + 2));
      break;
    case 'u':
      if (byte_is(pos_ + 1, '&') && byte_is(pos_ + 2, '\'')) {
        return finish(TokenKind::Quoted, end_of_quoted(pos_ + 3, '\''));
      }
      break;
    default:
      break;
  }
  bool keyword = true;
  std::uint64_t end = end_of_word_characters(pos_, keyword);
  // A qualified name (schema.table, t."Column") is one identifier, never a keyword.
  while (byte_is(end, '.')) {
    keyword = false;
    ++end;
    if (byte_is(end, '"')) {
      end = end_of_quoted(end + 1, '"');
      if (end == kUnterminated) break;
    } else {
      end = end_of_word_characters(end, keyword);
    }
  }
  return finish(TokenKind::Word, end, keyword);
}

// PostgreSQL dollar quotes: $$ or $tag$ where the tag is an identifier. `$` followed by a digit
// is a parameter ($1) and anything else that is not a tag is a plain symbol; Flyway takes any
// text up to the next `$` as a tag and swallows what follows.
Token SqlTokenizer::dollar_quoted_or_symbol() {
  std::uint64_t tag_end = pos_ + 1;
  if (has(tag_end) && is_identifier_start(buffer_.at(tag_end))) {
    while (has(tag_end) && is_identifier_part(buffer_.at(tag_end))) ++tag_end;
  }
  if (!byte_is(tag_end, '$')) return finish(TokenKind::Symbol, pos_ + 1);
  dollar_tag_.assign(buffer_.view(pos_, tag_end + 1));
  for (std::uint64_t p = find(tag_end + 1, '$'); has(p); p = find(p + 1, '$')) {
    if (has(p + dollar_tag_.size() - 1) && buffer_.view(p, p + dollar_tag_.size()) == dollar_tag_) {
      return finish(TokenKind::Quoted, p + dollar_tag_.size());
    }
  }
  return finish(TokenKind::Quoted, kUnterminated);
}

std::uint64_t SqlTokenizer::end_of_word_characters(std::uint64_t from, bool& letters_only) {
  std::uint64_t p = from;
  while (has(p)) {
    const unsigned char c = buffer_.at(p);
    if (!kWordCharacter[c] || (c == kNbspLead && byte_is(p + 1, kNbspTrail))) break;
    if (!is_letter(c) && c != '_') letters_only = false;
    ++p;
  }
  return p;
}

// A doubled closing character stands for itself: 'it''s', "say ""hi""".
std::uint64_t SqlTokenizer::end_of_quoted(std::uint64_t body, char close) {
  for (std::uint64_t p = find(body, close); has(p); p = find(p + 2, close)) {
    if (!byte_is(p + 1, static_cast<unsigned char>(close))) return p + 1;
  }
  return kUnterminated;
}

// E'..', B'..', X'..': a backslash escapes the next character, and '' is still a quote.
std::uint64_t SqlTokenizer::end_of_escaped_string(std::uint64_t body) {
  std::uint64_t p = body;
  while (has(p)) {
    const unsigned char c = buffer_.at(p);
    if (c == '\\') {
      p += 2;
    } else if (c == '\'') {
      if (!byte_is(p + 1, '\'')) return p + 1;
      p += 2;
    } else {
      ++p;
    }
  }
  return kUnterminated;
}

// SQLite [identifier]: no escapes, the first `]` closes it.
std::uint64_t SqlTokenizer::end_of_bracketed(std::uint64_t body) {
  const std::uint64_t close = find(body, ']');
  return has(close) ? close + 1 : kUnterminated;
}

// Block comments nest on both dialects: /* a /* b */ c */ is one comment.
std::uint64_t SqlTokenizer::end_of_block_comment(std::uint64_t body) {
  int depth = 1;
  std::uint64_t p = body;
  while (has(p)) {
    const unsigned char c = buffer_.at(p);
    if (c == '*' && byte_is(p + 1, '/')) {
      p += 2;
      if (--depth == 0) return p;
    } else if (c == '/' && byte_is(p + 1, '*')) {
      p += 2;
      ++depth;
    } else {
      ++p;
    }
  }
  return kUnterminated;
}

std::uint64_t SqlTokenizer::end_of_number(std::uint64_t from) {
  std::uint64_t p = from;
  while (has(p) && is_digit(buffer_.at(p))) ++p;
  return p;
}

}  // namespace runway
