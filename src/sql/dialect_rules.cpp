#include "sql/dialect_rules.h"

#include <algorithm>
#include <array>

namespace runway {
namespace {

constexpr std::array kPostgresNonTransactional = {
    // Flyway's PostgreSQLParser patterns.
    NonTransactionalRule{.pattern = "CREATE|DROP DATABASE|TABLESPACE|SUBSCRIPTION"},
    NonTransactionalRule{.pattern = "ALTER SYSTEM"},
    NonTransactionalRule{.pattern = "CREATE|DROP UNIQUE? INDEX CONCURRENTLY"},
    NonTransactionalRule{.pattern = "REINDEX VERBOSE? SCHEMA|DATABASE|SYSTEM"},
    NonTransactionalRule{.pattern = "VACUUM"},
    NonTransactionalRule{.pattern = "DISCARD ALL"},
    // PostgreSQL 12 allows adding enum values in a transaction.
    NonTransactionalRule{.pattern = "ALTER TYPE * ADD VALUE", .below_server_version = 12},
    // Statements PostgreSQL refuses in a transaction that Flyway does not detect.
    NonTransactionalRule{.pattern = "REINDEX * CONCURRENTLY"},
    NonTransactionalRule{.pattern = "ALTER TABLE * DETACH PARTITION * CONCURRENTLY"},
    NonTransactionalRule{.pattern = "ALTER DATABASE * SET TABLESPACE"},
    // CLUSTER without a table reclusters the whole database; with one it is transactional.
    NonTransactionalRule{.pattern = "CLUSTER VERBOSE?", .whole_statement = true},
};

constexpr std::array kSqliteNonTransactional = {
    // SQLite ignores the pragma inside a transaction.
    NonTransactionalRule{.pattern = "PRAGMA FOREIGN_KEYS"},
};

constexpr DialectRules kPostgres{
    .tokens = {.dollar_quotes = true},
    .blocks = BlockStyle::AtomicBodies,
    .non_transactional = kPostgresNonTransactional,
    .copy_from_stdin = "COPY * FROM STDIN",
    .transaction_control = "BEGIN|START|COMMIT|END|ROLLBACK|ABORT|PREPARE",
};

constexpr DialectRules kSqlite{
    .tokens = {.backtick_identifiers = true, .bracket_identifiers = true},
    .blocks = BlockStyle::TriggerBodies,
    .non_transactional = kSqliteNonTransactional,
    .copy_from_stdin = {},
    .transaction_control = "BEGIN|COMMIT|END|ROLLBACK",
};

bool applies(const NonTransactionalRule& rule, const KeywordPrefix& prefix,
             const SplitterOptions& options) {
  if (rule.below_server_version != 0) {
    const int version = options.server_major_version;
    if (version <= 0 || version >= rule.below_server_version) return false;
  }
  return rule.whole_statement ? prefix.is_exactly(rule.pattern) : prefix.starts_with(rule.pattern);
}

}  // namespace

const DialectRules& rules_for(SqlDialect dialect) {
  return dialect == SqlDialect::Postgres ? kPostgres : kSqlite;
}

bool is_non_transactional(const DialectRules& rules, const KeywordPrefix& prefix,
                          const SplitterOptions& options) {
  return std::ranges::any_of(rules.non_transactional, [&](const NonTransactionalRule& rule) {
    return applies(rule, prefix, options);
  });
}

}  // namespace runway
