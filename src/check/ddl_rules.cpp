#include "check/ddl_rules.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>

namespace runway {
namespace {

using Words = std::vector<SqlWord>;

// Functions whose value changes per row: a default calling one is evaluated for every
// existing row, which rewrites the table (PostgreSQL 11+ stores other defaults cheaply).
constexpr std::array<std::string_view, 11> kVolatileFunctions = {
    "random",           "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
    "uuid_generate_v4", "uuidv4",          "uuidv7",           "clock_timestamp",
    "timeofday",        "nextval",         "txid_current"};

// serial types are integers with a nextval() default.
constexpr std::array<std::string_view, 6> kSerialTypes = {"serial",  "bigserial", "smallserial",
                                                          "serial2", "serial4",   "serial8"};

bool at(const Words& w, std::size_t i, std::string_view keyword) {
  return i < w.size() && w[i].is(keyword);
}

bool at_all(const Words& w, std::size_t i, std::initializer_list<std::string_view> keywords) {
  for (std::string_view keyword : keywords) {
    if (!at(w, i++, keyword)) return false;
  }
  return true;
}

// Skips `IF EXISTS` / `IF NOT EXISTS`.
std::size_t skip_if_exists(const Words& w, std::size_t i) {
  if (at_all(w, i, {"IF", "EXISTS"})) return i + 2;
  if (at_all(w, i, {"IF", "NOT", "EXISTS"})) return i + 3;
  return i;
}

bool is_symbol(const Words& w, std::size_t i, char c) {
  return i < w.size() && w[i].kind == TokenKind::Symbol && w[i].text.size() == 1 &&
         w[i].text[0] == c;
}

std::string name_at(const Words& w, std::size_t i) {
  return i < w.size() ? object_name(w[i]) : std::string();
}

// Whether `first`..`last` holds the keywords `a b` next to each other at `depth`.
bool has_pair(const Words& w, std::size_t first, std::size_t last, std::string_view a,
              std::string_view b, int depth) {
  for (std::size_t i = first; i + 1 < last; ++i) {
    if (w[i].depth == depth && w[i].is(a) && w[i + 1].is(b)) return true;
  }
  return false;
}

bool has_keyword(const Words& w, std::size_t first, std::size_t last, std::string_view keyword,
                 int depth) {
  for (std::size_t i = first; i < last; ++i) {
    if (w[i].depth == depth && w[i].is(keyword)) return true;
  }
  return false;
}

template <std::size_t N>
bool named_in(const SqlWord& word, const std::array<std::string_view, N>& names) {
  if (word.kind != TokenKind::Word) return false;
  return std::find(names.begin(), names.end(), object_name(word)) != names.end();
}

// A volatile function called in the DEFAULT clause of a column definition.
const SqlWord* volatile_default(const Words& w, std::size_t first, std::size_t last, int depth) {
  bool in_default = false;
  for (std::size_t i = first; i < last; ++i) {
    if (w[i].depth == depth && w[i].kind == TokenKind::Word) {
      if (w[i].is("DEFAULT")) {
        in_default = true;
        continue;
      }
      for (std::string_view ends : {"NOT", "NULL", "CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY",
                                    "REFERENCES", "GENERATED", "COLLATE"}) {
        if (w[i].is(ends)) in_default = false;
      }
    }
    if (in_default && named_in(w[i], kVolatileFunctions)) return &w[i];
  }
  return nullptr;
}

// `SET lock_timeout = 0` (or '0s') switches the timeout off rather than setting one.
bool is_zero_setting(const SqlWord& value) {
  std::string_view text = value.text;
  if (value.kind == TokenKind::Quoted && text.size() >= 2) text = text.substr(1, text.size() - 2);
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  return digits > 0 && text.substr(0, digits).find_first_not_of('0') == std::string_view::npos;
}

// The first words of a statement, for messages: `CREATE INDEX CONCURRENTLY`.
std::string leading_keywords(const Words& w) {
  std::string out;
  for (std::size_t i = 0; i < w.size() && i < 4 && w[i].kind == TokenKind::Word; ++i) {
    std::string word = w[i].text;
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

constexpr std::string_view kConcurrentlyHint =
    "Build it with CREATE INDEX CONCURRENTLY, in a migration of its own.";
constexpr std::string_view kNotNullHint =
    "Add a DEFAULT, or add the column as nullable, backfill it, then SET NOT NULL.";
constexpr std::string_view kVolatileHint =
    "Add the column without a default, set the default afterwards and backfill in batches.";
constexpr std::string_view kTypeHint =
    "Add a column of the new type, backfill it and switch over, or plan a maintenance window.";
constexpr std::string_view kNotValidHint =
    "Add it with NOT VALID, then VALIDATE CONSTRAINT in a later migration (no write lock).";
constexpr std::string_view kDropHint =
    "Drop it only once no running code uses it, in a release after the code stopped.";
constexpr std::string_view kRenameHint =
    "Add the new name next to the old one (a view or a copied column); drop the old later.";
constexpr std::string_view kMaintenanceHint =
    "Run it outside migrations, in a maintenance window (pg_repack rebuilds tables online).";
constexpr std::string_view kLockTimeoutHint =
    "Start the migration with SET lock_timeout = '5s'; so a blocked statement fails fast.";
constexpr std::string_view kMixedHint =
    "Move it to a migration of its own: runway runs such a migration without a transaction.";

}  // namespace

void DdlReview::add(const SqlStatement& statement) {
  const Words w = lex_statement(statement, SqlDialect::Postgres);
  lines_.previous_last = lines_.last;
  lines_.last = w.empty() ? statement.line : w.back().line;
  if (statement.non_transactional) {
    non_transactional_.push_back({lines_, statement.line, leading_keywords(w)});
  } else {
    has_transactional_ = true;
  }
  if (!w.empty()) {
    if (w[0].is("CREATE")) {
      review_create(w);
    } else if (at_all(w, 0, {"ALTER", "TABLE"})) {
      review_alter_table(w);
    } else if (w[0].is("DROP")) {
      review_drop(w);
    } else if (w[0].is("SET") || w[0].is("SELECT")) {
      note_lock_timeout(w);
    } else {
      review_maintenance(w);
    }
  }
}

std::vector<DdlFinding> DdlReview::finish() {
  // Spec 8.2 / 6.9: with mixed=false migrate refuses a migration that holds statements that
  // cannot run in a transaction next to statements that can.
  if (options_.execute_in_transaction && !options_.mixed && has_transactional_) {
    for (const NonTransactional& statement : non_transactional_) {
      findings_.push_back(DdlFinding{
          "PG002", statement.line, statement.lines,
          statement.keywords + " cannot run inside a transaction, and this migration has other "
                               "statements: migrate refuses it (mixed=false)",
          std::string(kMixedHint)});
    }
  }
  return std::move(findings_);
}

void DdlReview::report(std::string_view rule, int line, std::string message,
                       std::string_view hint) {
  findings_.push_back(DdlFinding{rule, line, lines_, std::move(message), std::string(hint)});
}

void DdlReview::review_create(const Words& w) {
  std::size_t i = 1;
  if (at(w, i, "UNIQUE")) ++i;
  if (at(w, i, "INDEX")) {
    const bool concurrently = at(w, ++i, "CONCURRENTLY");
    while (i < w.size() && !(w[i].depth == 0 && w[i].is("ON"))) ++i;
    if (at(w, ++i, "ONLY")) ++i;
    const std::string table = name_at(w, i);
    if (!concurrently && !table.empty() && !is_new(table)) {
      report("PG001", w[0].line,
             "CREATE INDEX on existing table " + table +
                 " without CONCURRENTLY blocks writes to it while the index builds",
             kConcurrentlyHint);
    }
    return;
  }
  for (std::string_view modifier : {"GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED"}) {
    if (at(w, i, modifier)) ++i;
  }
  if (at(w, i, "TABLE")) created_tables_.insert(name_at(w, skip_if_exists(w, i + 1)));
}

void DdlReview::review_alter_table(const Words& w) {
  std::size_t i = skip_if_exists(w, 2);
  if (at(w, i, "ONLY")) ++i;
  const std::string table = name_at(w, i++);
  if (is_new(table)) return;
  if (is_symbol(w, i, '*')) ++i;

  if (at(w, i, "RENAME")) {
    if (at(w, i + 1, "TO")) {
      report("PG008", w[0].line, "renames table " + table, kRenameHint);
    } else if (!at(w, i + 1, "CONSTRAINT")) {
      const std::size_t column = at(w, i + 1, "COLUMN") ? i + 2 : i + 1;
      report("PG008", w[0].line, "renames column " + name_at(w, column) + " of table " + table,
             kRenameHint);
    }
    exclusive_lock(table, w[0].line);
    return;
  }

  // Actions are separated by commas outside parentheses; the lock is the strongest of theirs.
  bool takes_exclusive_lock = false;
  std::size_t begin = i;
  for (std::size_t end = i; end <= w.size(); ++end) {
    if (end == w.size() || (w[end].depth == 0 && is_symbol(w, end, ','))) {
      if (begin < end) review_alter_action(table, w, begin, end, takes_exclusive_lock);
      begin = end + 1;
    }
  }
  if (takes_exclusive_lock) exclusive_lock(table, w[0].line);
}

void DdlReview::review_alter_action(const std::string& table, const Words& w, std::size_t a,
                                    std::size_t end, bool& takes_exclusive_lock) {
  const int line = w[a].line;
  if (at(w, a, "ADD")) {
    ++a;
    const bool named_constraint = at(w, a, "CONSTRAINT");
    const std::size_t kind = named_constraint ? a + 2 : a;
    const bool foreign_key = at(w, kind, "FOREIGN");
    if (foreign_key || at(w, kind, "CHECK")) {
      if (!has_pair(w, kind, end, "NOT", "VALID", 0)) {
        report("PG006", line,
               std::string(foreign_key ? "FOREIGN KEY" : "CHECK") + " constraint on table " +
                   table + " without NOT VALID scans every row while blocking writes",
               kNotValidHint);
      }
      // A foreign key takes SHARE ROW EXCLUSIVE; a CHECK, ACCESS EXCLUSIVE.
      takes_exclusive_lock = takes_exclusive_lock || !foreign_key;
      return;
    }
    takes_exclusive_lock = true;
    if (named_constraint || at(w, kind, "PRIMARY") || at(w, kind, "UNIQUE") ||
        at(w, kind, "EXCLUDE")) {
      return;
    }
    if (at(w, a, "COLUMN")) ++a;
    a = skip_if_exists(w, a);
    const std::string column = name_at(w, a++);
    if (a < end && named_in(w[a], kSerialTypes)) {
      report("PG004", line,
             "adds column " + column + " of type " + w[a].text + " to table " + table +
                 ": its nextval() default is computed for every row, rewriting the table",
             kVolatileHint);
    } else if (const SqlWord* call = volatile_default(w, a, end, 0)) {
      report("PG004", line,
             "adds column " + column + " to table " + table + " with the volatile default " +
                 call->text + "(), which rewrites the table",
             kVolatileHint);
    } else if (has_pair(w, a, end, "NOT", "NULL", 0) && !has_keyword(w, a, end, "DEFAULT", 0) &&
               !has_keyword(w, a, end, "GENERATED", 0)) {
      report("PG003", line,
             "adds NOT NULL column " + column + " without a default to table " + table +
                 ": this fails when the table has rows",
             kNotNullHint);
    }
    return;
  }
  if (at(w, a, "ALTER")) {
    if (at(w, ++a, "COLUMN")) ++a;
    const std::string column = name_at(w, a++);
    if (at(w, a, "TYPE") || at_all(w, a, {"SET", "DATA", "TYPE"})) {
      report("PG005", line,
             "changes the type of column " + column + " of table " + table +
                 ", which rewrites the table under an ACCESS EXCLUSIVE lock",
             kTypeHint);
    }
    // Statistics and attribute options take a weaker lock than every other column change.
    const bool weak = at_all(w, a, {"SET", "STATISTICS"}) || at(w, a, "RESET") ||
                      (at(w, a, "SET") && a + 1 < end && w[a + 1].kind == TokenKind::OpenParen);
    takes_exclusive_lock = takes_exclusive_lock || !weak;
    return;
  }
  if (at(w, a, "DROP")) {
    takes_exclusive_lock = true;
    if (at(w, ++a, "CONSTRAINT")) return;
    if (at(w, a, "COLUMN")) ++a;
    a = skip_if_exists(w, a);
    report("PG007", line, "drops column " + name_at(w, a) + " of table " + table, kDropHint);
    return;
  }
  // VALIDATE CONSTRAINT, CLUSTER ON, SET WITHOUT CLUSTER, triggers, ATTACH PARTITION and
  // DETACH PARTITION CONCURRENTLY do not take ACCESS EXCLUSIVE; every other action does.
  const bool weak =
      at(w, a, "VALIDATE") || at(w, a, "CLUSTER") || at_all(w, a, {"SET", "WITHOUT", "CLUSTER"}) ||
      at(w, a, "ENABLE") || at(w, a, "DISABLE") || at_all(w, a, {"ATTACH", "PARTITION"}) ||
      (at_all(w, a, {"DETACH", "PARTITION"}) && has_keyword(w, a, end, "CONCURRENTLY", 0));
  takes_exclusive_lock = takes_exclusive_lock || !weak;
}

void DdlReview::review_drop(const Words& w) {
  const bool table = at(w, 1, "TABLE");
  if (!table && !at(w, 1, "INDEX")) return;
  const bool concurrently = at(w, 2, "CONCURRENTLY");
  std::size_t i = skip_if_exists(w, concurrently ? 3 : 2);
  for (; i < w.size() && !w[i].is("CASCADE") && !w[i].is("RESTRICT"); ++i) {
    if (is_symbol(w, i, ',')) continue;
    const std::string name = object_name(w[i]);
    if (table && is_new(name)) continue;
    report("PG007", w[0].line, std::string(table ? "drops table " : "drops index ") + name,
           kDropHint);
    if (!concurrently) exclusive_lock(table ? name : std::string(), w[0].line);
  }
}

void DdlReview::review_maintenance(const Words& w) {
  if (w[0].is("VACUUM")) {
    // VACUUM FULL t, or VACUUM (FULL, ANALYZE) t.
    const bool options = w.size() > 1 && w[1].kind == TokenKind::OpenParen;
    bool full = at(w, 1, "FULL");
    for (std::size_t i = 2; options && i < w.size() && w[i].depth > 0; ++i) {
      full = full || (w[i].is("FULL") && !at(w, i + 1, "FALSE") && !at(w, i + 1, "OFF"));
    }
    if (full) {
      report("PG009", w[0].line, "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock",
             kMaintenanceHint);
      exclusive_lock({}, w[0].line);
    }
  } else if (w[0].is("CLUSTER")) {
    report("PG009", w[0].line, "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock",
           kMaintenanceHint);
    exclusive_lock({}, w[0].line);
  } else if (w[0].is("LOCK")) {
    std::size_t mode = 1;
    while (mode < w.size() && !w[mode].is("IN")) ++mode;
    const bool exclusive = mode == w.size() || at_all(w, mode + 1, {"ACCESS", "EXCLUSIVE"});
    report("PG009", w[0].line, "LOCK TABLE blocks other sessions until the migration commits",
           kMaintenanceHint);
    const std::size_t name = at(w, 1, "TABLE") ? 2 : 1;
    if (exclusive) exclusive_lock(name_at(w, at(w, name, "ONLY") ? name + 1 : name), w[0].line);
  } else if (w[0].is("TRUNCATE")) {
    std::size_t name = at(w, 1, "TABLE") ? 2 : 1;
    exclusive_lock(name_at(w, at(w, name, "ONLY") ? name + 1 : name), w[0].line);
  } else if (at_all(w, 0, {"REFRESH", "MATERIALIZED", "VIEW"}) && !at(w, 3, "CONCURRENTLY")) {
    exclusive_lock({}, w[0].line);
  }
}

void DdlReview::note_lock_timeout(const Words& w) {
  if (w[0].is("SET")) {
    std::size_t i = 1;
    if (at(w, i, "SESSION") || at(w, i, "LOCAL")) ++i;
    if (!at(w, i++, "LOCK_TIMEOUT")) return;
    if (at(w, i, "TO") || is_symbol(w, i, '=')) ++i;
    if (i < w.size() && !w[i].is("DEFAULT")) lock_timeout_set_ = !is_zero_setting(w[i]);
    return;
  }
  // SELECT set_config('lock_timeout', '5s', false)
  for (std::size_t i = 0; i + 2 < w.size(); ++i) {
    if (object_name(w[i]) == "set_config" && w[i + 1].kind == TokenKind::OpenParen &&
        w[i + 2].kind == TokenKind::Quoted && w[i + 2].text == "'lock_timeout'") {
      lock_timeout_set_ = i + 4 >= w.size() || !is_zero_setting(w[i + 4]);
    }
  }
}

void DdlReview::exclusive_lock(const std::string& table, int line) {
  if (lock_timeout_set_ || (!table.empty() && is_new(table))) return;
  report("PG010", line,
         "takes an ACCESS EXCLUSIVE lock" + (table.empty() ? std::string() : " on " + table) +
             " with no lock_timeout set: while it waits, every query on the table queues",
         kLockTimeoutHint);
}

}  // namespace runway
