#include "check/history_rules.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/ignore_patterns.h"
#include "runway/plan.h"
#include "runway/validation.h"

namespace runway {
namespace {

using nlohmann::json;

const json* find_info_result(const json& doc) {
  if (doc.is_object() && doc.contains("migrations") && doc["migrations"].is_array()) return &doc;
  if (doc.is_object() && doc.contains("individualResults")) {
    for (const json& result : doc["individualResults"]) {
      if (const json* info = find_info_result(result)) return info;
    }
  }
  return nullptr;
}

std::string text_field(const json& entry, const char* name) {
  const auto it = entry.find(name);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "2024-05-01T10:00:00.123Z" -> "2024-05-01 10:00:00.123", as a history table returns it.
std::string installed_on_text(std::string utc) {
  if (utc.size() > 10 && utc[10] == 'T') utc[10] = ' ';
  if (!utc.empty() && utc.back() == 'Z') utc.pop_back();
  return utc;
}

std::string_view rule_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::FailedVersionedMigration:
    case ErrorCode::FailedRepeatableMigration:
      return "RW301";
    case ErrorCode::AppliedVersionedMigrationNotResolved:
    case ErrorCode::AppliedRepeatableMigrationNotResolved:
      return "RW302";
    case ErrorCode::TypeMismatch:
      return "RW304";
    case ErrorCode::ChecksumMismatch:
      return "RW305";
    case ErrorCode::DescriptionMismatch:
      return "RW306";
    default:
      return "RW303";  // resolved but not applied: ignored, out of order
  }
}

// Flyway's multi-line message: its last line says what to do.
std::pair<std::string, std::string> message_and_hint(const ValidationFailure& failure) {
  std::vector<std::string> lines;
  std::string_view rest = failure.message;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    lines.emplace_back(rest.substr(0, end));
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  std::string message = std::string(error_code_name(failure.code)) + ": " + lines.front();
  if (lines.size() < 2) return {message, {}};
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) message += "; " + lines[i];
  return {message, lines.back()};
}

// Without checksums in the export, each row takes its local file's checksum: the checksum
// comparisons cannot fail, and everything else is validated as usual.
void assume_unchanged(std::vector<AppliedMigration>& rows,
                      const std::vector<CheckedMigration>& local) {
  for (AppliedMigration& row : rows) {
    for (const CheckedMigration& m : local) {
      const bool pairs =
          row.is_versioned()
              ? m.migration.is_versioned() && m.migration.version == row.version
              : !m.migration.is_versioned() && m.migration.description == row.description;
      if (pairs) row.checksum = m.migration.checksum;
    }
  }
}

}  // namespace

Result<HistoryExport> parse_history_export(const std::string& json_text, const std::string& file) {
  const json doc = json::parse(json_text, nullptr, false);
  const json* info = doc.is_discarded() ? nullptr : find_info_result(doc);
  if (info == nullptr) {
    return fail(
        ErrorCode::Configuration,
        "check.history: " + file + " does not hold the JSON that info -outputType=json prints");
  }
  HistoryExport history;
  history.has_checksums = true;
  for (const json& entry : (*info)["migrations"]) {
    const std::string installed_on = text_field(entry, "installedOnUTC");
    if (installed_on.empty()) continue;  // pending, or only on disk
    AppliedMigration row;
    row.version_text = text_field(entry, "rawVersion");
    if (row.version_text.empty()) row.version_text = text_field(entry, "version");
    if (!row.version_text.empty()) {
      RUNWAY_ASSIGN(version, MigrationVersion::parse(row.version_text));
      row.version = version;
    }
    row.description = text_field(entry, "description");
    const auto type = parse_migration_type(text_field(entry, "type"));
    if (!type) {
      return fail(ErrorCode::Configuration, "check.history: " + file +
                                                " has a migration of "
                                                "unknown type '" +
                                                text_field(entry, "type") + "'");
    }
    row.type = *type;
    const std::string filepath = text_field(entry, "filepath");
    row.script =
        filepath.empty() ? row.description : filepath.substr(filepath.find_last_of('/') + 1);
    if (const auto checksum = entry.find("checksum"); checksum == entry.end()) {
      history.has_checksums = false;
    } else if (checksum->is_number_integer()) {
      row.checksum = checksum->get<std::int32_t>();
    }
    row.installed_on = installed_on_text(installed_on);
    row.installed_by = text_field(entry, "installedBy");
    if (const auto time = entry.find("executionTime"); time != entry.end() && time->is_number()) {
      row.execution_time = time->get<int>();
    }
    row.success = !text_field(entry, "state").starts_with("Failed");
    history.rows.push_back(std::move(row));
  }
  // The export lists rows in info order; the planner needs them in the order they ran.
  std::stable_sort(history.rows.begin(), history.rows.end(),
                   [](const AppliedMigration& a, const AppliedMigration& b) {
                     return a.installed_on < b.installed_on;
                   });
  for (std::size_t i = 0; i < history.rows.size(); ++i) {
    history.rows[i].installed_rank = static_cast<int>(i) + 1;
  }
  return history;
}

Result<std::vector<Finding>> validate_against_history(const std::vector<CheckedMigration>& local,
                                                      HistoryExport history,
                                                      const Settings& settings,
                                                      const std::string& history_path) {
  std::vector<Finding> findings;
  if (!history.has_checksums && !history.rows.empty()) {
    assume_unchanged(history.rows, local);
    findings.push_back(make_finding(
        "RW307", history_path, 0,
        "the export has no checksums: CHECKSUM_MISMATCH was not checked, and edited "
        "repeatable migrations are not seen as outdated",
        "Export the history with runway info -outputType=json: its rows carry checksums."));
  }
  std::vector<ResolvedMigration> resolved;
  for (const CheckedMigration& m : local) resolved.push_back(m.migration);
  RUNWAY_ASSIGN(target, Target::parse(settings.target));
  RUNWAY_ASSIGN(plan,
                make_plan(resolved, history.rows, PlanOptions{target, settings.out_of_order}));
  RUNWAY_ASSIGN(patterns, parse_ignore_patterns(settings.ignore_migration_patterns));
  // As migrate validates: pending migrations are what it is about to apply.
  const IgnoreRules rules = IgnoreRules(patterns).with_pending_ignored();
  for (const ValidationFailure& failure : validate_plan(plan, rules)) {
    std::string path = history_path;
    for (const CheckedMigration& m : local) {
      if (!failure.filepath.empty() && m.migration.absolute_path == failure.filepath) path = m.path;
    }
    auto [message, hint] = message_and_hint(failure);
    findings.push_back(make_finding(rule_for(failure.code), path, 0, message, hint));
  }
  return findings;
}

}  // namespace runway
