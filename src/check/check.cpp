#include "check/check.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "check/base_rules.h"
#include "check/conventions.h"
#include "check/git_base.h"
#include "check/history_rules.h"
#include "check/script_decoding.h"
#include "check/script_review.h"
#include "core/local_time.h"
#include "core/script_config.h"
#include "runway/checksum.h"
#include "runway/naming.h"
#include "runway/scan.h"

namespace runway {
namespace {

namespace fs = std::filesystem;

// The history export (check.history): the JSON `info` printed, which grows with the number
// of migrations, not with their size. Migrations themselves are streamed (script_review.h).
Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::Error, "cannot be read");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

SqlDialect dialect_of(const std::string& url) {
  for (std::string_view prefix : {"jdbc:sqlite:", "jdbc:sqldroid:", "jdbc:p6spy:sqlite:"}) {
    if (url.starts_with(prefix)) return SqlDialect::Sqlite;
  }
  return SqlDialect::Postgres;  // check's DDL rules are PostgreSQL's; so is an unset url
}

// The description as written in the file name (`PROJ-1_add_index`), for the team's pattern.
std::string raw_description(const std::string& file_name, const NamingConventions& naming) {
  std::string stem = file_name;
  for (const std::string& suffix : naming.suffixes) {
    if (stem.size() >= suffix.size() &&
        std::equal(suffix.rbegin(), suffix.rend(), stem.rbegin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      stem.resize(stem.size() - suffix.size());
      break;
    }
  }
  const std::size_t separator = stem.find(naming.separator);
  return separator == std::string::npos ? std::string()
                                        : stem.substr(separator + naming.separator.size());
}

class Checker {
 public:
  Checker(const Settings& settings, const CheckEnvironment& environment)
      : settings_(settings),
        environment_(environment),
        naming_(NamingConventions::from(settings)),
        dialect_(dialect_of(settings.url)) {}

  Result<CheckResult> run() {
    RUNWAY_ASSIGN(conventions, Conventions::from(settings_));
    RUNWAY_TRY(prepare_placeholders());
    RUNWAY_ASSIGN(files,
                  list_script_files(settings_.locations, settings_.fail_on_missing_locations));
    const ScriptConfigFiles configs(files);
    for (const ScriptFile& file : files) {
      if (!has_sql_suffix(file.file_name, naming_)) continue;
      RUNWAY_ASSIGN(config, configs.config_of(file, settings_, placeholders_));
      review_file(file, config);
    }
    report_duplicates(migrations_);
    report_duplicates(undo_migrations_);

    std::set<std::string> reviewed_for_conventions;
    if (!settings_.check_base.empty()) {
      RUNWAY_ASSIGN(added, compare_with_git_base());
      reviewed_for_conventions = std::move(added);
    } else {
      for (const CheckedMigration& m : migrations_) {
        reviewed_for_conventions.insert(m.migration.absolute_path);
      }
    }
    for (const CheckedMigration& m : migrations_) {
      if (!reviewed_for_conventions.contains(m.migration.absolute_path)) continue;
      conventions.review(m, raw_description(m.migration.file_name, naming_), environment_.now,
                         result_.findings);
    }
    if (!settings_.check_history.empty()) RUNWAY_TRY(validate_against_exported_history());

    result_.fail_on_warnings = settings_.check_fail_on_warnings;
    std::stable_sort(result_.findings.begin(), result_.findings.end(),
                     [](const Finding& a, const Finding& b) {
                       return std::tie(a.path, a.line, a.rule) < std::tie(b.path, b.line, b.rule);
                     });
    return std::move(result_);
  }

 private:
  // What check knows without a connection. The schema and user come from the settings when
  // they are configured there; the database name only from the database.
  Result<void> prepare_placeholders() {
    std::string schema = settings_.default_schema;
    if (schema.empty() && !settings_.schemas.empty()) schema = settings_.schemas.front();
    const std::string builtin = "flyway" + settings_.placeholder_separator;
    database_placeholders_.insert(builtin + "database");
    if (schema.empty()) database_placeholders_.insert(builtin + "defaultschema");
    if (settings_.user.empty()) database_placeholders_.insert(builtin + "user");
    BuiltinFacts facts{schema, settings_.user, std::nullopt,
                       format_local_time("%Y-%m-%d %H:%M:%S", environment_.now),
                       settings_.working_directory.empty() ? environment_.current_directory
                                                           : settings_.working_directory};
    RUNWAY_ASSIGN(values, make_placeholder_values(settings_, facts));
    placeholders_ = std::move(values);
    return {};
  }

  void review_file(const ScriptFile& file, const ScriptConfig& config) {
    const std::string path = display_path(file.absolute_path);
    auto parsed = parse_migration_name(file.file_name, naming_);
    if (!parsed) {
      add(make_finding("RW101", path, 0, parsed.error().message,
                       "Rename it like " + naming_.versioned_prefix + "1" + naming_.separator +
                           "description" + naming_.suffixes.front() +
                           ": as it is, migrate skips it without a word."));
      return;
    }
    ++result_.migrations_checked;
    const std::string encoding = config.encoding.value_or(settings_.encoding);
    const ScriptOpener open = [&] { return open_script(file.absolute_path, encoding); };
    const ScriptReviewContext context{settings_, config, placeholders_, database_placeholders_,
                                      dialect_};
    auto reviewed = review_script(open, file.file_name, path, context);
    if (!reviewed) {
      // Said in check's words rather than in migrate's (which are about the checksum).
      const Error why = why_unreadable(file.absolute_path, encoding).value_or(reviewed.error());
      add(make_finding("RW108", path, 0, file.file_name + " " + why.message,
                       "Save it as " + encoding + ", or set encoding to its charset."));
      return;
    }
    for (Finding& finding : reviewed->findings) add(std::move(finding));
    if (parsed->kind == ParsedName::Kind::Callback) return;

    CheckedMigration m = checked_migration(*parsed, file.relative_path, file.absolute_path,
                                           file.file_name, reviewed->checksum);
    if (m.migration.kind == MigrationKind::Repeatable) {
      m.migration.checksum = reviewed->replaced_checksum;
      m.migration.equivalent_checksum = reviewed->checksum;
    }
    (m.migration.kind == MigrationKind::Undo ? undo_migrations_ : migrations_)
        .push_back(std::move(m));
  }

  CheckedMigration checked_migration(const ParsedName& parsed, const std::string& relative_path,
                                     const std::string& absolute_path, const std::string& file_name,
                                     std::int32_t checksum) const {
    CheckedMigration m;
    m.migration.kind = parsed.kind == ParsedName::Kind::Repeatable ? MigrationKind::Repeatable
                       : parsed.kind == ParsedName::Kind::BaselineMigration
                           ? MigrationKind::BaselineMigration
                       : parsed.kind == ParsedName::Kind::Undo ? MigrationKind::Undo
                                                               : MigrationKind::Versioned;
    m.migration.version = parsed.version;
    m.migration.description = parsed.description;
    m.migration.script = relative_path;
    m.migration.absolute_path = absolute_path;
    m.migration.file_name = file_name;
    m.migration.checksum = checksum;
    m.raw_checksum = checksum;
    m.path = display_path(absolute_path);
    return m;
  }

  // Spec 2.4: equal versions (1.1, 1_1, 1.01) or equal repeatable descriptions clash.
  void report_duplicates(const std::vector<CheckedMigration>& migrations) {
    std::map<std::string, const CheckedMigration*> first;
    for (const CheckedMigration& m : migrations) {
      const auto [it, inserted] = first.emplace(m.key(), &m);
      if (inserted) continue;
      const CheckedMigration& other = *it->second;
      if (m.migration.is_versioned()) {
        add(make_finding(
            "RW102", m.path, 0,
            "version " + m.migration.version.text() + " is also the version of " + other.path,
            "Give one of them the next free version."));
      } else {
        add(make_finding("RW103", m.path, 0,
                         "repeatable description '" + m.migration.description +
                             "' is also the description of " + other.path,
                         "Rename one of them."));
      }
    }
  }

  Result<std::set<std::string>> compare_with_git_base() {
    const auto wanted = [this](std::string_view name) { return has_sql_suffix(name, naming_); };
    RUNWAY_ASSIGN(git, read_git_base(settings_.locations, settings_.check_base, wanted));
    result_.base = settings_.check_base;
    const std::vector<CheckedMigration> fork = migrations_in(git.fork_files, git);
    const std::vector<CheckedMigration> base = migrations_in(git.base_files, git);
    BaseComparison comparison =
        compare_with_base(migrations_, fork, base, settings_.check_base, settings_.out_of_order);
    for (Finding& finding : comparison.findings) add(std::move(finding));
    return std::move(comparison.added);
  }

  std::vector<CheckedMigration> migrations_in(const std::vector<GitFile>& files,
                                              const GitBase& git) const {
    std::vector<CheckedMigration> migrations;
    for (const GitFile& file : files) {
      auto parsed = parse_migration_name(file.file_name, naming_);
      if (!parsed || parsed->kind == ParsedName::Kind::Callback ||
          parsed->kind == ParsedName::Kind::Undo) {
        continue;
      }
      const std::string& bytes = git.blobs.at(file.object_id);
      auto text = decode_script(bytes, settings_.encoding);
      migrations.push_back(checked_migration(*parsed, file.relative_path, file.absolute_path,
                                             file.file_name, checksum_of(text ? *text : bytes)));
    }
    return migrations;
  }

  Result<void> validate_against_exported_history() {
    const fs::path file = fs::path(environment_.current_directory) / settings_.check_history;
    auto text = read_file(file.string());
    if (!text) {
      return fail(ErrorCode::Configuration,
                  "check.history: unable to read " + settings_.check_history);
    }
    RUNWAY_ASSIGN(history, parse_history_export(*text, settings_.check_history));
    result_.history_file = settings_.check_history;
    RUNWAY_ASSIGN(findings, validate_against_history(migrations_, std::move(history), settings_,
                                                     display_path(file.string())));
    for (Finding& finding : findings) add(std::move(finding));
    return {};
  }

  std::string display_path(const std::string& absolute) const {
    const std::string& cwd = environment_.current_directory;
    if (!cwd.empty() && absolute.size() > cwd.size() && absolute.starts_with(cwd) &&
        absolute[cwd.size()] == '/') {
      return absolute.substr(cwd.size() + 1);
    }
    return absolute;
  }

  void add(Finding finding) { result_.findings.push_back(std::move(finding)); }

  const Settings& settings_;
  const CheckEnvironment& environment_;
  NamingConventions naming_;
  SqlDialect dialect_;
  PlaceholderValues placeholders_;
  std::set<std::string> database_placeholders_;
  std::vector<CheckedMigration> migrations_;
  std::vector<CheckedMigration> undo_migrations_;
  CheckResult result_;
};

}  // namespace

Result<CheckResult> check_migrations(const Settings& settings,
                                     const CheckEnvironment& environment) {
  return Checker(settings, environment).run();
}

}  // namespace runway
