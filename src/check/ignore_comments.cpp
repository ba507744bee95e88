#include "check/ignore_comments.h"

#include <cctype>

#include "check/sql_words.h"

namespace runway {
namespace {

constexpr std::string_view kMarker = "runway:ignore";

bool is_rule_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
}

}  // namespace

IgnoreComments IgnoreComments::in(std::string_view text, SqlDialect dialect) {
  IgnoreComments comments;
  if (text.find(kMarker) == std::string_view::npos) return comments;  // the usual case: fast
  for (const SqlWord& word : lex_sql(text, dialect)) {
    if (word.kind != TokenKind::Comment) continue;
    std::string_view body = word.text;
    const std::size_t marker = body.find(kMarker);
    if (marker == std::string_view::npos) continue;
    body.remove_prefix(marker + kMarker.size());
    // Rule ids follow, separated by spaces or commas, up to the end of the comment.
    std::size_t i = 0;
    while (i < body.size()) {
      while (i < body.size() && (body[i] == ' ' || body[i] == ',' || body[i] == '\t')) ++i;
      const std::size_t start = i;
      while (i < body.size() && is_rule_character(body[i])) ++i;
      if (i == start) break;
      std::string rule(body.substr(start, i - start));
      for (char& c : rule) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      comments.entries_.push_back(Entry{word.line, std::move(rule)});
    }
  }
  return comments;
}

bool IgnoreComments::silences(std::string_view rule, int previous_last, int last) const {
  for (const Entry& entry : entries_) {
    if (entry.rule == rule && entry.line > previous_last && entry.line <= last) return true;
  }
  return false;
}

}  // namespace runway
