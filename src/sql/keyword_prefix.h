// The keyword prefix of a statement (spec 8.2): its first ten upper-cased keywords outside
// parentheses. Whether a statement may run in a transaction, and whether it is a COPY ... FROM
// STDIN, is decided by matching this prefix against word patterns.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace runway {

// Patterns are words separated by single spaces. A word may list alternatives (`CREATE|DROP`)
// or be optional (`UNIQUE?`); `*` stands for any number of words.
class KeywordPrefix {
 public:
  static constexpr std::size_t kMaxWords = 10;

  void clear();
  // Appends a keyword (made of ASCII letters and underscores), upper-casing it.
  void add_keyword(std::string_view keyword);
  // Notes a token outside parentheses that is not a keyword: an identifier, literal, symbol.
  void add_other_token() { keywords_only_ = false; }

  // Whether some prefix of the keywords matches `pattern` entirely, as Flyway tests the
  // pattern after each added keyword.
  bool starts_with(std::string_view pattern) const;
  // Whether the statement, outside parentheses, consists of exactly the keywords `pattern`
  // matches and nothing else.
  bool is_exactly(std::string_view pattern) const;

 private:
  bool matches(std::string_view pattern, bool prefix_is_enough) const;

  std::array<std::string, kMaxWords> words_;  // reused between statements: no allocations
  std::size_t count_ = 0;
  bool keywords_only_ = true;
  bool truncated_ = false;  // there were more than kMaxWords keywords
};

}  // namespace runway
