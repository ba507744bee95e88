#include "check/finding.h"

#include <algorithm>

namespace runway {
namespace {

constexpr Severity kError = Severity::Error;
constexpr Severity kWarning = Severity::Warning;
constexpr Severity kNote = Severity::Note;

constexpr CheckRule kRules[] = {
    // The folder as it is.
    {"RW101", "invalid-name", kError,
     "A SQL file whose name does not parse is silently skipped by migrate."},
    {"RW102", "duplicate-version", kError,
     "Two files with one version (1.1, 1_1 and 1.01 are equal) make every command fail."},
    {"RW103", "duplicate-repeatable", kError,
     "Two repeatable migrations with one description make every command fail."},
    {"RW104", "undefined-placeholder", kError,
     "A placeholder without a value fails migrate (and info, in a repeatable migration)."},
    {"RW105", "placeholder-needs-database", kNote,
     "This built-in placeholder's value comes from the database, which check never reads."},
    {"RW106", "unsplittable-sql", kError,
     "An unterminated quote, dollar quote or block comment fails migrate at this file."},
    {"RW107", "empty-migration", kWarning,
     "A migration without statements records a version that changed nothing."},
    {"RW108", "unreadable-file", kError,
     "A file that cannot be read or decoded has no checksum, so every command fails."},
    // Against a git base.
    {"RW201", "edited-migration", kError,
     "Every database that applied this migration fails validate: its checksum changed."},
    {"RW202", "deleted-migration", kError,
     "Every database that applied this migration fails validate: it is no longer found."},
    {"RW203", "renamed-migration", kError,
     "Every database that applied this migration fails validate under its new name."},
    {"RW204", "out-of-order-version", kError,
     "A version below one already on the base is ignored by migrate unless outOfOrder=true."},
    {"RW205", "version-added-on-base", kError,
     "The base added the same version in another file: after a merge two files claim it."},
    // Against an exported production history.
    {"RW301", "failed-migration", kError,
     "The target database holds a failed migration: migrate refuses to run until repair."},
    {"RW302", "applied-migration-missing", kError,
     "A migration applied to the target database is not found here: migrate fails validation."},
    {"RW303", "ignored-migration", kError,
     "A version below the target's current one is ignored: migrate fails validation."},
    {"RW304", "type-mismatch", kError,
     "The applied migration has another type than the file: migrate fails validation."},
    {"RW305", "checksum-mismatch", kError,
     "The file differs from what the target database applied: migrate fails validation."},
    {"RW306", "description-mismatch", kError,
     "The file's description differs from the applied one: migrate fails validation."},
    {"RW307", "history-without-checksums", kNote,
     "The export has no checksums (Flyway's info JSON has none): checksums were not compared."},
    // Team conventions.
    {"RW401", "description-pattern", kError,
     "The description does not follow the team's pattern (check.descriptionPattern)."},
    {"RW402", "version-scheme", kError,
     "The version does not follow the team's scheme (check.versionScheme)."},
    // Risky PostgreSQL DDL.
    {"PG001", "index-without-concurrently", kWarning,
     "CREATE INDEX without CONCURRENTLY blocks writes to the table while the index builds."},
    {"PG002", "concurrently-in-transaction", kError,
     "CONCURRENTLY cannot run in a transaction: migrate refuses a migration that mixes it."},
    {"PG003", "not-null-column-without-default", kWarning,
     "Adding a NOT NULL column without a default fails on a table that has rows."},
    {"PG004", "volatile-default", kWarning,
     "A volatile default (random(), nextval, clock_timestamp()) rewrites the whole table."},
    {"PG005", "column-type-change", kWarning,
     "Changing a column's type rewrites the table under an ACCESS EXCLUSIVE lock."},
    {"PG006", "constraint-without-not-valid", kWarning,
     "A FOREIGN KEY or CHECK without NOT VALID scans the table while blocking writes."},
    {"PG007", "drop-object", kWarning,
     "Dropping a table, column or index loses data and breaks code that still uses it."},
    {"PG008", "rename-object", kWarning,
     "Renaming a table or column breaks the application version still running."},
    {"PG009", "table-rewrite-or-lock", kWarning,
     "VACUUM FULL, CLUSTER and LOCK TABLE block every reader and writer of the table."},
    {"PG010", "access-exclusive-without-lock-timeout", kWarning,
     "An ACCESS EXCLUSIVE lock waiting without lock_timeout queues every query behind it."},
};

}  // namespace

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

std::span<const CheckRule> check_rules() {
  return kRules;
}

const CheckRule* find_check_rule(std::string_view id) {
  for (const CheckRule& rule : kRules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

Finding make_finding(std::string_view rule, std::string path, int line, std::string message,
                     std::string hint) {
  const CheckRule* known = find_check_rule(rule);
  return Finding{std::move(path),
                 line,
                 known ? known->severity : Severity::Error,
                 std::string(rule),
                 std::move(message),
                 std::move(hint)};
}

int CheckResult::count(Severity severity) const {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [&](const Finding& f) { return f.severity == severity; }));
}

bool CheckResult::passed() const {
  return count(Severity::Error) == 0 && (!fail_on_warnings || count(Severity::Warning) == 0);
}

}  // namespace runway
