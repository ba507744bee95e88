// From files to resolved migrations: names, checksums, order, duplicates.
#include "runway/scan.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <map>

#include "core/script_config.h"
#include "runway/checksum.h"

namespace runway {

namespace {

// Passes text through unchanged while checksumming it, so a repeatable's raw checksum and
// its placeholder-replaced checksum come from one read of the file.
class ChecksummingSource : public TextSource {
 public:
  ChecksummingSource(std::unique_ptr<TextSource> inner, ChecksumCalculator& calculator)
      : inner_(std::move(inner)), calculator_(calculator) {}
  Result<std::size_t> read(std::span<char> buffer) override {
    RUNWAY_ASSIGN(n, inner_->read(buffer));
    calculator_.update(std::string_view(buffer.data(), n));
    return n;
  }

 private:
  std::unique_ptr<TextSource> inner_;
  ChecksumCalculator& calculator_;
};

bool placeholders_enabled(const ScriptConfig& config, const Settings& settings) {
  return config.placeholder_replacement.value_or(settings.placeholder_replacement);
}

Result<void> compute_checksums(ResolvedMigration& migration, const Settings& settings,
                               const PlaceholderValues& placeholders) {
  const std::string& encoding =
      migration.config.encoding ? *migration.config.encoding : settings.encoding;
  RUNWAY_ASSIGN(raw, open_script(migration.absolute_path, encoding));
  if (migration.kind != MigrationKind::Repeatable ||
      !placeholders_enabled(migration.config, settings)) {
    RUNWAY_ASSIGN(checksum, checksum_of(*raw));
    migration.checksum = checksum;
    return {};
  }
  ChecksumCalculator raw_checksum;
  PlaceholderValues script_values =
      placeholders.for_script(migration.file_name, settings.placeholder_separator);
  auto replaced = replace_placeholders(
      std::make_unique<ChecksummingSource>(std::move(raw), raw_checksum), script_values,
      PlaceholderSyntax::from(settings), migration.absolute_path);
  RUNWAY_ASSIGN(checksum, checksum_of(*replaced));
  migration.checksum = checksum;
  migration.equivalent_checksum = raw_checksum.value();
  return {};
}

MigrationKind kind_of(ParsedName::Kind kind) {
  switch (kind) {
    case ParsedName::Kind::Repeatable:
      return MigrationKind::Repeatable;
    case ParsedName::Kind::BaselineMigration:
      return MigrationKind::BaselineMigration;
    case ParsedName::Kind::Undo:
      return MigrationKind::Undo;
    default:
      return MigrationKind::Versioned;
  }
}

// Versioned before repeatables; versions ascending, B after V at the same version;
// repeatables by description, compared as code units (spec 1.6).
bool resolved_before(const ResolvedMigration& a, const ResolvedMigration& b) {
  if (a.is_versioned() != b.is_versioned()) return a.is_versioned();
  if (!a.is_versioned()) return a.description < b.description;
  if (auto order = a.version <=> b.version; order != 0) return order < 0;
  return a.kind == MigrationKind::Versioned && b.kind != MigrationKind::Versioned;
}

bool same_resource(const ResolvedMigration& a, const ResolvedMigration& b) {
  return a.script == b.script && a.checksum == b.checksum && a.kind == b.kind &&
         a.version == b.version && a.description == b.description;
}

Error duplicate_error(const ResolvedMigration& a, const ResolvedMigration& b) {
  bool versioned = a.is_versioned();
  std::string message =
      versioned ? "Found more than one migration with version " + a.version.text()
                : "Found more than one repeatable migration with description " + a.description;
  message += "\nOffenders:\n-> " + a.absolute_path + " (" + migration_type_name(a.type()) +
             ")\n-> " + b.absolute_path + " (" + migration_type_name(b.type()) + ")";
  return Error(versioned ? (a.kind == MigrationKind::Undo ? ErrorCode::DuplicateUndoMigration
                                                          : ErrorCode::DuplicateVersionedMigration)
                         : ErrorCode::DuplicateRepeatableMigration,
               message);
}

// Sorts, collapses the same file found through two locations, and rejects two different
// files that claim one version (V and B files may share a version) or one description.
Result<void> order_and_check(std::vector<ResolvedMigration>& migrations) {
  std::stable_sort(migrations.begin(), migrations.end(), resolved_before);
  migrations.erase(std::unique(migrations.begin(), migrations.end(), same_resource),
                   migrations.end());
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    const ResolvedMigration& a = migrations[i - 1];
    const ResolvedMigration& b = migrations[i];
    bool clash = a.is_versioned() ? b.is_versioned() && a.version == b.version && a.kind == b.kind
                                  : !b.is_versioned() && a.description == b.description;
    if (clash) return fail(duplicate_error(a, b));
  }
  return {};
}

Result<void> check_callback_duplicates(std::vector<CallbackScript>& callbacks,
                                       const std::string& separator) {
  std::stable_sort(callbacks.begin(), callbacks.end(), [](const auto& a, const auto& b) {
    return std::tie(a.event, a.description) < std::tie(b.event, b.description);
  });
  for (std::size_t i = 1; i < callbacks.size(); ++i) {
    const CallbackScript& a = callbacks[i - 1];
    const CallbackScript& b = callbacks[i];
    if (a.event == b.event && a.description == b.description && a.script != b.script) {
      std::string name = a.event + (a.description.empty() ? "" : separator + a.description);
      return fail(ErrorCode::Error, "Found more than 1 SQL callback script called " + name +
                                        "!\nOffenders:\n-> " + a.absolute_path + "\n-> " +
                                        b.absolute_path);
    }
  }
  return {};
}

}  // namespace

Result<ResolvedSet> resolve_migrations(const Settings& settings,
                                       const PlaceholderValues& placeholders) {
  NamingConventions naming = NamingConventions::from(settings);
  RUNWAY_ASSIGN(files, list_script_files(settings.locations, settings.fail_on_missing_locations));
  bool separate_callbacks = !settings.callback_locations.empty();
  ScriptConfigFiles configs(files);

  ResolvedSet set;
  set.migrations.reserve(files.size());  // the list is kept for the whole run: no slack
  for (ScriptFile& file : files) {
    if (!has_sql_suffix(file.file_name, naming)) continue;
    auto parsed = parse_migration_name(file.file_name, naming);
    if (!parsed) {
      set.invalid_names.push_back(parsed.error().message);
      continue;
    }
    if (parsed->kind == ParsedName::Kind::Callback) {
      if (!separate_callbacks && !settings.skip_default_callbacks) {
        RUNWAY_ASSIGN(config, configs.config_of(file, settings, placeholders));
        set.callbacks.push_back(CallbackScript{parsed->event, parsed->description,
                                               file.relative_path, file.absolute_path,
                                               file.file_name, config});
      }
      continue;
    }
    ResolvedMigration migration;
    migration.kind = kind_of(parsed->kind);
    migration.version = parsed->version;
    migration.raw_version = parsed->raw_version;
    migration.description = parsed->description;
    RUNWAY_ASSIGN(config, configs.config_of(file, settings, placeholders));
    migration.config = config;
    migration.script = std::move(file.relative_path);  // the file list is not used again
    migration.absolute_path = std::move(file.absolute_path);
    migration.file_name = std::move(file.file_name);
    RUNWAY_TRY(compute_checksums(migration, settings, placeholders));
    (migration.kind == MigrationKind::Undo ? set.undo_migrations : set.migrations)
        .push_back(std::move(migration));
  }

  if (separate_callbacks && !settings.skip_default_callbacks) {
    RUNWAY_ASSIGN(callback_files, list_script_files(settings.callback_locations,
                                                    settings.fail_on_missing_locations));
    ScriptConfigFiles callback_configs(callback_files);
    for (const ScriptFile& file : callback_files) {
      if (!has_sql_suffix(file.file_name, naming)) continue;
      auto parsed = parse_migration_name(file.file_name, naming);
      if (parsed && parsed->kind == ParsedName::Kind::Callback) {
        RUNWAY_ASSIGN(config, callback_configs.config_of(file, settings, placeholders));
        set.callbacks.push_back(CallbackScript{parsed->event, parsed->description,
                                               file.relative_path, file.absolute_path,
                                               file.file_name, config});
      }
    }
  }

  if (!set.invalid_names.empty()) {
    if (settings.validate_migration_naming) {
      std::string message = "Invalid SQL filenames found:";
      for (const std::string& line : set.invalid_names) message += "\n" + line;
      return fail(ErrorCode::Error, message);
    }
    spdlog::info(
        "{} SQL migrations were detected but not run because they did not follow the filename "
        "convention.",
        set.invalid_names.size());
    spdlog::info(
        "Set 'validateMigrationNaming' to true to fail fast and see a list of the invalid file "
        "names.");
  }

  RUNWAY_TRY(order_and_check(set.migrations));
  RUNWAY_TRY(order_and_check(set.undo_migrations));
  RUNWAY_TRY(check_callback_duplicates(set.callbacks, settings.sql_migration_separator));
  return set;
}

Result<std::unique_ptr<TextSource>> open_migration_text(const std::string& absolute_path,
                                                        const std::string& file_name,
                                                        const ScriptConfig& config,
                                                        const Settings& settings,
                                                        const PlaceholderValues& placeholders) {
  RUNWAY_ASSIGN(raw, open_script(absolute_path, config.encoding.value_or(settings.encoding)));
  if (!placeholders_enabled(config, settings)) return raw;
  // The per-script values live as long as the returned source needs them.
  struct OwningSource : TextSource {
    PlaceholderValues values;
    std::unique_ptr<TextSource> inner;
    Result<std::size_t> read(std::span<char> buffer) override { return inner->read(buffer); }
  };
  auto source = std::make_unique<OwningSource>();
  source->values = placeholders.for_script(file_name, settings.placeholder_separator);
  source->inner = replace_placeholders(std::move(raw), source->values,
                                       PlaceholderSyntax::from(settings), absolute_path);
  return std::unique_ptr<TextSource>(std::move(source));
}

}  // namespace runway
