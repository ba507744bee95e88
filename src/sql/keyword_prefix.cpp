#include "sql/keyword_prefix.h"

#include <span>

namespace runway {
namespace {

// Splits off the first term of a pattern.
std::string_view first_term(std::string_view pattern, std::string_view& rest) {
  const std::size_t space = pattern.find(' ');
  if (space == std::string_view::npos) {
    rest = {};
    return pattern;
  }
  rest = pattern.substr(space + 1);
  return pattern.substr(0, space);
}

bool term_matches(std::string_view term, std::string_view word) {
  for (;;) {
    const std::size_t bar = term.find('|');
    if (term.substr(0, bar) == word) return true;
    if (bar == std::string_view::npos) return false;
    term.remove_prefix(bar + 1);
  }
}

// Whether `words` match `pattern` entirely or, when `prefix_is_enough`, up to some word.
bool words_match(std::span<const std::string> words, std::string_view pattern,
                 bool prefix_is_enough) {
  if (pattern.empty()) return words.empty() || prefix_is_enough;
  std::string_view rest;
  std::string_view term = first_term(pattern, rest);
  if (term == "*") {
    for (std::size_t skip = 0; skip <= words.size(); ++skip) {
      if (words_match(words.subspan(skip), rest, prefix_is_enough)) return true;
    }
    return false;
  }
  if (term.ends_with('?')) {
    term.remove_suffix(1);
    if (words_match(words, rest, prefix_is_enough)) return true;  // without the optional word
  }
  return !words.empty() && term_matches(term, words.front()) &&
         words_match(words.subspan(1), rest, prefix_is_enough);
}

}  // namespace

void KeywordPrefix::clear() {
  count_ = 0;
  keywords_only_ = true;
  truncated_ = false;
}

void KeywordPrefix::add_keyword(std::string_view keyword) {
  if (count_ == kMaxWords) {
    truncated_ = true;
    return;
  }
  std::string& word = words_[count_++];
  word.assign(keyword);
  for (char& c : word) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
}

bool KeywordPrefix::starts_with(std::string_view pattern) const {
  return matches(pattern, true);
}

bool KeywordPrefix::is_exactly(std::string_view pattern) const {
  return keywords_only_ && !truncated_ && matches(pattern, false);
}

bool KeywordPrefix::matches(std::string_view pattern, bool prefix_is_enough) const {
  return words_match(std::span(words_.data(), count_), pattern, prefix_is_enough);
}

}  // namespace runway
