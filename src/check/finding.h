// What `runway check` reports: findings, each tied to a file and line, and the catalogue of
// rules they come from. The catalogue is data so that the docs, SARIF's rule list and the
// tests all read the same ids and reasons.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace runway {

enum class Severity { Error, Warning, Note };

const char* severity_name(Severity severity);  // "error", "warning", "note"

struct CheckRule {
  std::string_view id;      // "RW102", "PG001"
  std::string_view name;    // "duplicate-version"
  Severity severity;        // the usual severity; a finding may differ (outOfOrder)
  std::string_view reason;  // one line: why it matters
};

// Every rule, folder rules first, then git base, history, conventions and PostgreSQL DDL.
std::span<const CheckRule> check_rules();
const CheckRule* find_check_rule(std::string_view id);

struct Finding {
  std::string path;  // relative to the current directory when below it, else absolute
  int line = 0;      // 1-based; 0 when the finding is about the whole file
  Severity severity = Severity::Error;
  std::string rule;
  std::string message;
  std::string hint;  // what to do about it; may be empty
};

// Builds a finding of `rule` at its usual severity.
Finding make_finding(std::string_view rule, std::string path, int line, std::string message,
                     std::string hint = {});

struct CheckResult {
  std::vector<Finding> findings;  // sorted by path, line, rule
  int migrations_checked = 0;
  std::string base;          // the git revision compared with, if any
  std::string history_file;  // the history export validated against, if any
  bool fail_on_warnings = false;

  int count(Severity severity) const;
  bool passed() const;
};

}  // namespace runway
