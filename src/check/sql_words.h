// A statement as a list of tokens with their lines and parenthesis depths: what the risky-DDL
// rules read. It reuses the splitter's tokenizer, so quotes, dollar quotes and comments are
// understood exactly as migrate understands them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runway/sql_splitter.h"
#include "sql/sql_tokenizer.h"

namespace runway {

struct SqlWord {
  TokenKind kind = TokenKind::EndOfText;
  std::string text;  // as written
  int line = 0;
  int depth = 0;  // parentheses open before this token (a parenthesis has the outer depth)

  // A keyword equal to `upper` (an upper-case keyword), in any case.
  bool is(std::string_view upper) const;
};

// The tokens of `text`, numbering lines from `first_line`. Stops at an unterminated quote or
// comment, which the splitter reports on its own.
std::vector<SqlWord> lex_sql(std::string_view text, SqlDialect dialect, int first_line = 1);

// The tokens of one statement without its comments, on the statement's lines in the file.
std::vector<SqlWord> lex_statement(const SqlStatement& statement, SqlDialect dialect);

// An identifier as PostgreSQL folds it, without its schema: `Public.Users` -> `users`,
// `"Users"` -> `Users`.
std::string object_name(const SqlWord& word);

}  // namespace runway
