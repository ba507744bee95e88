#include "check/ignore_comments.h"

#include <cctype>

#include "sql/dialect_rules.h"
#include "sql/script_buffer.h"
#include "sql/sql_tokenizer.h"

namespace runway {
namespace {

bool is_rule_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
}

}  // namespace

// The splitter's tokenizer over the whole text, so that a marker inside a string or a
// dollar-quoted body is not taken for a comment.
Result<IgnoreComments> IgnoreComments::read(TextSource& text, SqlDialect dialect) {
  IgnoreComments comments;
  ScriptBuffer buffer(text);
  SqlTokenizer tokenizer(buffer, rules_for(dialect).tokens);
  for (;;) {
    const Token token = tokenizer.next();
    if (token.kind == TokenKind::EndOfText || token.kind == TokenKind::Unterminated) break;
    if (token.kind != TokenKind::Comment) continue;
    const std::string_view comment = buffer.view(token.begin, token.end);
    if (comment.find(kMarker) == std::string_view::npos) continue;
    comments.add_rules_of(comment, buffer.position_of(token.begin).line);
  }
  if (buffer.read_error()) return fail(*buffer.read_error());
  return comments;
}

void IgnoreComments::add_rules_of(std::string_view comment, int line) {
  comment.remove_prefix(comment.find(kMarker) + kMarker.size());
  // Rule ids follow, separated by spaces or commas, up to the end of the comment.
  std::size_t i = 0;
  while (i < comment.size()) {
    while (i < comment.size() && (comment[i] == ' ' || comment[i] == ',' || comment[i] == '\t')) {
      ++i;
    }
    const std::size_t start = i;
    while (i < comment.size() && is_rule_character(comment[i])) ++i;
    if (i == start) break;
    std::string rule(comment.substr(start, i - start));
    for (char& c : rule) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    entries_.push_back(Entry{line, std::move(rule)});
  }
}

bool IgnoreComments::silences(std::string_view rule, int previous_last, int last) const {
  for (const Entry& entry : entries_) {
    if (entry.rule == rule && entry.line > previous_last && entry.line <= last) return true;
  }
  return false;
}

}  // namespace runway
