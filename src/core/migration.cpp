#include <array>
#include <utility>

#include "runway/migration.h"

namespace runway {

namespace {

constexpr std::array<std::pair<MigrationType, const char*>, 12> kTypeNames{{
    {MigrationType::Sql, "SQL"},
    {MigrationType::SqlBaseline, "SQL_BASELINE"},
    {MigrationType::Baseline, "BASELINE"},
    {MigrationType::Schema, "SCHEMA"},
    {MigrationType::Delete, "DELETE"},
    {MigrationType::Jdbc, "JDBC"},
    {MigrationType::JdbcBaseline, "JDBC_BASELINE"},
    {MigrationType::Script, "SCRIPT"},
    {MigrationType::UndoSql, "UNDO_SQL"},
    {MigrationType::UndoJdbc, "UNDO_JDBC"},
    {MigrationType::UndoScript, "UNDO_SCRIPT"},
    {MigrationType::Custom, "CUSTOM"},
}};

// Names older Flyway versions wrote for the same types (spec 4.5).
constexpr std::array<std::pair<MigrationType, const char*>, 3> kLegacyTypeNames{{
    {MigrationType::Jdbc, "SPRING_JDBC"},
    {MigrationType::SqlBaseline, "SQL_STATE_SCRIPT"},
    {MigrationType::JdbcBaseline, "JDBC_STATE_SCRIPT"},
}};

}  // namespace

const char* migration_type_name(MigrationType type) {
  for (const auto& [t, name] : kTypeNames)
    if (t == type) return name;
  return "SQL";
}

std::optional<MigrationType> parse_migration_type(std::string_view name) {
  for (const auto& [t, n] : kTypeNames)
    if (name == n) return t;
  for (const auto& [t, n] : kLegacyTypeNames)
    if (name == n) return t;
  return std::nullopt;
}

bool is_synthetic(MigrationType type) {
  return type == MigrationType::Baseline || type == MigrationType::Schema ||
         type == MigrationType::Delete;
}

bool is_baseline_type(MigrationType type) {
  return type == MigrationType::Baseline || type == MigrationType::SqlBaseline ||
         type == MigrationType::JdbcBaseline;
}

bool is_undo_type(MigrationType type) {
  return type == MigrationType::UndoSql || type == MigrationType::UndoJdbc ||
         type == MigrationType::UndoScript;
}

}  // namespace runway

namespace runway {

std::string abbreviate_description(std::string_view description) {
  if (description.size() <= 200) return std::string(description);
  return std::string(description.substr(0, 197)) + "...";
}

std::string abbreviate_script(std::string_view script) {
  if (script.size() <= 1000) return std::string(script);
  return "..." + std::string(script.substr(3, 997));
}

}  // namespace runway
