#include "check/sql_words.h"

#include <algorithm>

#include "sql/dialect_rules.h"
#include "sql/script_buffer.h"

namespace runway {

bool SqlWord::is(std::string_view upper) const {
  if (kind != TokenKind::Word || text.size() != upper.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return true;
}

std::vector<SqlWord> lex_sql(std::string_view text, SqlDialect dialect, int first_line) {
  auto source = text_from_string(std::string(text));
  ScriptBuffer buffer(*source);
  SqlTokenizer tokenizer(buffer, rules_for(dialect).tokens);
  std::vector<SqlWord> words;
  int line = first_line;
  int depth = 0;
  std::uint64_t counted = 0;  // newlines are counted up to this offset
  for (;;) {
    const Token token = tokenizer.next();
    if (token.kind == TokenKind::EndOfText || token.kind == TokenKind::Unterminated) break;
    line +=
        static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                                    text.begin() + static_cast<std::ptrdiff_t>(token.begin), '\n'));
    counted = token.begin;
    if (token.kind == TokenKind::CloseParen && depth > 0) --depth;
    words.push_back(SqlWord{
        token.kind, std::string(text.substr(token.begin, token.end - token.begin)), line, depth});
    if (token.kind == TokenKind::OpenParen) ++depth;
  }
  return words;
}

std::vector<SqlWord> lex_statement(const SqlStatement& statement, SqlDialect dialect) {
  std::vector<SqlWord> words = lex_sql(statement.text, dialect);
  std::erase_if(words, [](const SqlWord& w) { return w.kind == TokenKind::Comment; });
  // The text starts at its leading comments; the statement's line is its first code token's.
  const int shift = words.empty() ? 0 : statement.line - words.front().line;
  for (SqlWord& word : words) word.line += shift;
  return words;
}

std::string object_name(const SqlWord& word) {
  std::string_view text = word.text;
  if (word.kind == TokenKind::Quoted && text.size() >= 2 && text.front() == '"') {
    return std::string(text.substr(1, text.size() - 2));
  }
  if (std::size_t dot = text.rfind('.'); dot != std::string_view::npos) text.remove_prefix(dot + 1);
  std::string name(text);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return name;
}

}  // namespace runway
