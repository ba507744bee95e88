#include "report/info_text.h"

#include <filesystem>

#include "core/config_text.h"
#include "core/ascii_table.h"

namespace runway {

std::string category_of(const MigrationInfo& m) {
  if (m.applied && is_synthetic(m.applied->type)) return "";
  MigrationType type = m.type();
  if (is_undo_type(type)) return "Undo";
  if (type == MigrationType::SqlBaseline || type == MigrationType::JdbcBaseline) return "Baseline";
  return m.is_versioned() ? "Versioned" : "Repeatable";
}

// Flyway says "No" for every versioned entry it cannot undo, markers and deleted rows
// included; repeatables (and the undo rows of Flyway Teams) have no value.
std::string undoable_of(const MigrationInfo& m, bool has_undo_file) {
  if (!m.is_versioned() || is_undo_type(m.type()) || m.state == MigrationState::Undone) return "";
  bool undoable = has_undo_file && !m.is_synthetic() && m.state != MigrationState::Deleted &&
                  !is_failed_state(m.state);
  return undoable ? "Yes" : "No";
}

namespace {

std::string render_naming_settings(const Settings& s) {
  std::string working_directory = s.working_directory;
  if (working_directory.empty()) working_directory = std::filesystem::current_path().string();
  return render_markdown_table({"Setting", "Value"},
                               {{"locations", join(s.location_labels, ", ")},
                                {"callbackLocations", join(s.callback_location_labels, ", ")},
                                {"workingDirectory", working_directory},
                                {"repeatableSqlMigrationPrefix", s.repeatable_sql_migration_prefix},
                                {"sqlMigrationPrefix", s.sql_migration_prefix},
                                {"baselineMigrationPrefix", s.baseline_migration_prefix},
                                {"sqlMigrationSeparator", s.sql_migration_separator},
                                {"sqlMigrationSuffixes", join(s.sql_migration_suffixes, ", ")}});
}

}  // namespace

std::string render_info_text(const InfoResult& result, const Settings& settings) {
  std::string out = "Schema version: " + result.schema_version.display() + "\n\n";
  if (result.no_local_migrations) {
    out += "No migrations found on disk.\nHere are some relevant configuration settings.\n\n" +
           render_naming_settings(settings) + "\n";
  }
  std::vector<std::vector<SqlValue>> rows;
  for (std::size_t i = 0; i < result.migrations.size(); ++i) {
    const MigrationInfo& m = result.migrations[i];
    std::string installed_on = m.applied ? m.applied->installed_on.substr(0, 19) : "";
    rows.push_back({category_of(m), m.is_versioned() ? m.version_text() : "", m.description(),
                    std::string(migration_type_name(m.type())), installed_on,
                    std::string(state_display_name(m.state)),
                    undoable_of(m, !result.undo_paths.at(i).empty())});
  }
  out += render_ascii_table(
      {"Category", "Version", "Description", "Type", "Installed On", "State", "Undoable"}, rows,
      "No migrations found");
  return out + "\n";
}

std::string render_migration_ids(const InfoResult& result) {
  std::string out;
  for (const MigrationInfo& m : result.migrations) {
    if (m.is_synthetic() || is_undo_type(m.type())) continue;
    if (!out.empty()) out += ",";
    out += m.is_versioned() ? m.version_text() : m.description();
  }
  return out + "\n";
}

}  // namespace runway
