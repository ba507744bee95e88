// What the PostgreSQL and SQLite splitters do differently, as data: tokenizer flags, how
// blocks nest, and which statements cannot run in a transaction (spec 8.2, 9.2, 9.3).
#pragma once

#include <span>
#include <string_view>

#include "runway/sql_splitter.h"
#include "sql/keyword_prefix.h"
#include "sql/sql_tokenizer.h"

namespace runway {

enum class BlockStyle {
  // PostgreSQL: only SQL-standard function bodies. ATOMIC right after BEGIN opens a block,
  // CASE inside one opens a nested one, END closes the innermost.
  AtomicBodies,
  // SQLite: outside parentheses BEGIN and CASE open a block and END closes one, so a trigger
  // body is part of its CREATE TRIGGER statement.
  TriggerBodies,
};

struct NonTransactionalRule {
  std::string_view pattern;  // see KeywordPrefix for the syntax
  // Matched against the whole statement (KeywordPrefix::is_exactly) rather than a prefix.
  bool whole_statement = false;
  // When set, the rule only holds for servers of a known major version below this one.
  int below_server_version = 0;
};

struct DialectRules {
  TokenizerRules tokens;
  BlockStyle blocks;
  std::span<const NonTransactionalRule> non_transactional;
  // Keyword pattern of a statement followed by inline data; empty when there is none.
  std::string_view copy_from_stdin;
  // Keyword pattern of a statement that begins or ends a transaction.
  std::string_view transaction_control;
};

const DialectRules& rules_for(SqlDialect dialect);

bool is_non_transactional(const DialectRules& rules, const KeywordPrefix& prefix,
                          const SplitterOptions& options);

}  // namespace runway
