// Hand-built migration files and history rows for the planner and validation tests:
// V("1.1", "add table"), R("views"), B("5"), row(rank, "1.1", "add table"), ...
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "runway/migration.h"
#include "runway/plan.h"

namespace runway::test {

using Checksum = std::optional<std::int32_t>;
constexpr std::int32_t kChecksum = 1000;  // what files and rows hold unless a test says otherwise
inline const std::string kBaselineDescription = "<< Flyway Baseline >>";

inline MigrationVersion version(std::string_view text) {
  auto parsed = MigrationVersion::parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed ? *parsed : MigrationVersion();
}

inline std::string underscored(std::string text) {
  std::replace(text.begin(), text.end(), ' ', '_');
  return text;
}

// The file name Flyway would have read the migration from, e.g. `V1_1__add_table.sql`.
inline std::string file_name_of(std::string_view prefix, std::string_view version_text,
                                const std::string& description) {
  return std::string(prefix) + underscored(std::string(version_text)) + "__" +
         underscored(description) + ".sql";
}

inline ResolvedMigration file(MigrationKind kind, std::string_view prefix,
                              std::string_view version_text, std::string description,
                              Checksum checksum) {
  ResolvedMigration m;
  m.kind = kind;
  if (!version_text.empty()) m.version = version(version_text);
  m.file_name = file_name_of(prefix, version_text, description);
  m.script = m.file_name;
  m.absolute_path = "/project/sql/" + m.file_name;
  m.description = std::move(description);
  m.checksum = checksum;
  return m;
}

inline ResolvedMigration V(std::string_view v, std::string description = "",
                           Checksum checksum = kChecksum) {
  return file(MigrationKind::Versioned, "V", v, std::move(description), checksum);
}

inline ResolvedMigration B(std::string_view v, std::string description = "",
                           Checksum checksum = kChecksum) {
  return file(MigrationKind::BaselineMigration, "B", v, std::move(description), checksum);
}

inline ResolvedMigration U(std::string_view v, std::string description = "",
                           Checksum checksum = kChecksum) {
  return file(MigrationKind::Undo, "U", v, std::move(description), checksum);
}

inline ResolvedMigration R(std::string description, Checksum checksum = kChecksum) {
  return file(MigrationKind::Repeatable, "R", "", std::move(description), checksum);
}

// One history row. `v` empty means a NULL version (repeatables, schema marker).
inline AppliedMigration row(int rank, std::string_view v, std::string description,
                            MigrationType type = MigrationType::Sql, Checksum checksum = kChecksum,
                            bool success = true) {
  AppliedMigration a;
  a.installed_rank = rank;
  if (!v.empty()) {
    a.version = version(v);
    a.version_text = a.version.text();
  }
  switch (type) {
    case MigrationType::Baseline:
      a.script = description;
      break;
    case MigrationType::Schema:
      a.script = "\"app\"";
      break;
    case MigrationType::SqlBaseline:
      a.script = file_name_of("B", v, description);
      break;
    case MigrationType::UndoSql:
      a.script = file_name_of("U", v, description);
      break;
    default:
      a.script = file_name_of(v.empty() ? "R" : "V", v, description);
      break;
  }
  a.description = std::move(description);
  a.type = type;
  a.checksum = checksum;
  a.installed_on = "2024-01-02 03:04:05";
  a.installed_by = "tester";
  a.success = success;
  return a;
}

inline AppliedMigration failed_row(int rank, std::string_view v, std::string description,
                                   MigrationType type = MigrationType::Sql) {
  return row(rank, v, std::move(description), type, kChecksum, false);
}

inline AppliedMigration baseline_marker(int rank, std::string_view v) {
  return row(rank, v, kBaselineDescription, MigrationType::Baseline, std::nullopt);
}

inline AppliedMigration schema_marker(int rank) {
  return row(rank, "", "<< Flyway Schema Creation >>", MigrationType::Schema, std::nullopt);
}

// What `repair` writes for a missing migration (spec 4.6).
inline AppliedMigration delete_row(int rank, const AppliedMigration& deleted) {
  AppliedMigration a = deleted;
  a.installed_rank = rank;
  a.type = MigrationType::Delete;
  return a;
}

// How an entry is named in expectations: `V1.1`, `B5`, `R views`, `baseline 3`, `schema`,
// `delete R views`, `undo 2`.
inline std::string label(const MigrationInfo& m) {
  std::string id = m.is_versioned() ? m.version_text() : "R " + m.description();
  if (!m.applied) {
    if (!m.is_versioned()) return id;
    switch (m.resolved->kind) {
      case MigrationKind::BaselineMigration: return "B" + id;
      case MigrationKind::Undo: return "U" + id;
      default: return "V" + id;
    }
  }
  switch (m.applied->type) {
    case MigrationType::Baseline:
      return "baseline " + id;
    case MigrationType::Schema:
      return "schema";
    case MigrationType::Delete:
      return "delete " + id;
    case MigrationType::SqlBaseline:
      return "B" + id;
    case MigrationType::UndoSql:
      return "undo " + id;
    default:
      return m.is_versioned() ? "V" + id : id;
  }
}

// `label: State` for every entry, in plan order.
inline std::vector<std::string> states(const Plan& plan) {
  std::vector<std::string> out;
  for (const MigrationInfo& m : plan.entries)
    out.push_back(label(m) + ": " + state_display_name(m.state));
  return out;
}

inline std::vector<std::string> labels(const std::vector<const MigrationInfo*>& entries) {
  std::vector<std::string> out;
  for (const MigrationInfo* m : entries) out.push_back(label(*m));
  return out;
}

inline PlanOptions with_target(const std::string& target) {
  PlanOptions options;
  auto parsed = Target::parse(target);
  EXPECT_TRUE(parsed.has_value()) << target;
  if (parsed) options.target = *parsed;
  return options;
}

// A plan points at the files it was made from (MigrationInfo::resolved): a test's file list,
// often a temporary, is kept here for as long as the test binary runs.
inline const std::vector<ResolvedMigration>& kept(std::vector<ResolvedMigration> resolved) {
  static std::deque<std::vector<ResolvedMigration>> lists;
  return lists.emplace_back(std::move(resolved));
}

inline Plan plan_of(const std::vector<ResolvedMigration>& resolved,
                    const std::vector<AppliedMigration>& applied,
                    const PlanOptions& options = PlanOptions{}) {
  auto plan = make_plan(kept(resolved), applied, options);
  EXPECT_TRUE(plan.has_value()) << plan.error().message;
  return plan ? *plan : Plan{};
}

}  // namespace runway::test
