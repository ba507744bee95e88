#include "runway/naming.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace runway {

namespace {

constexpr std::array<std::string_view, 42> kCallbackEvents{
    "beforeMigrate",
    "beforeRepeatables",
    "beforeEachMigrate",
    "beforeEachMigrateStatement",
    "afterEachMigrateStatement",
    "afterEachMigrateStatementError",
    "afterEachMigrate",
    "afterEachMigrateError",
    "afterVersioned",
    "afterMigrateApplied",
    "afterMigrate",
    "afterMigrateError",
    "beforeClean",
    "afterClean",
    "afterCleanError",
    "beforeValidate",
    "afterValidate",
    "afterValidateError",
    "beforeBaseline",
    "afterBaseline",
    "afterBaselineError",
    "beforeRepair",
    "afterRepair",
    "afterRepairError",
    "beforeInfo",
    "afterInfo",
    "afterInfoError",
    "createSchema",
    "beforeCreateSchema",
    "afterConnect",
    "afterMigrateOperationFinish",
    "afterInfoOperationFinish",
    "beforeUndo",
    "beforeEachUndo",
    "beforeEachUndoStatement",
    "afterEachUndoStatement",
    "afterEachUndoStatementError",
    "afterEachUndo",
    "afterEachUndoError",
    "afterUndo",
    "afterUndoError",
    "beforeConnect",
};

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
  if (suffix.size() > text.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), text.end() - suffix.size(),
                    [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                    });
}

std::string_view strip_suffix(std::string_view name, const NamingConventions& naming,
                              std::string& kept_suffix) {
  for (const std::string& suffix : naming.suffixes) {
    if (ends_with_ignoring_case(name, suffix)) {
      kept_suffix = std::string(name.substr(name.size() - suffix.size()));
      return name.substr(0, name.size() - suffix.size());
    }
  }
  return name;
}

struct Prefix {
  std::string_view text;
  ParsedName::Kind kind;
};

std::string describe(std::string_view raw) {
  std::string description(raw);
  std::replace(description.begin(), description.end(), '_', ' ');
  return description;
}

}  // namespace

std::span<const std::string_view> callback_events() { return kCallbackEvents; }

static_assert(kCallbackEvents.size() == static_cast<std::size_t>(CallbackEvent::BeforeConnect) + 1,
              "CallbackEvent must list exactly the events of kCallbackEvents, in order");

std::string_view callback_event_name(CallbackEvent event) {
  return kCallbackEvents[static_cast<std::size_t>(event)];
}

NamingConventions NamingConventions::from(const Settings& s) {
  return NamingConventions{s.sql_migration_prefix,      s.repeatable_sql_migration_prefix,
                           s.baseline_migration_prefix, s.undo_sql_migration_prefix,
                           s.sql_migration_separator,   s.sql_migration_suffixes};
}

bool has_sql_suffix(std::string_view file_name, const NamingConventions& naming) {
  return std::any_of(naming.suffixes.begin(), naming.suffixes.end(),
                     [&](const std::string& s) { return ends_with_ignoring_case(file_name, s); });
}

Result<ParsedName> parse_migration_name(std::string_view file_name,
                                        const NamingConventions& naming) {
  std::string suffix;
  std::string_view rest = strip_suffix(file_name, naming, suffix);
  if (suffix.empty()) suffix = naming.suffixes.empty() ? ".sql" : naming.suffixes.front();

  // The longest prefix the name starts with wins; between equally long ones, the first of
  // this order (one pass, no list built: this runs once per file).
  std::optional<Prefix> prefix;
  auto consider = [&](std::string_view text, ParsedName::Kind kind) {
    if (text.empty() || !rest.starts_with(text)) return;
    if (!prefix || text.size() > prefix->text.size()) prefix = Prefix{text, kind};
  };
  consider(naming.versioned_prefix, ParsedName::Kind::Versioned);
  consider(naming.repeatable_prefix, ParsedName::Kind::Repeatable);
  consider(naming.baseline_prefix, ParsedName::Kind::BaselineMigration);
  consider(naming.undo_prefix, ParsedName::Kind::Undo);
  for (std::string_view event : kCallbackEvents) consider(event, ParsedName::Kind::Callback);
  if (!prefix) {
    return fail(ErrorCode::Error,
                "Unrecognised migration name format: " + std::string(file_name));
  }

  rest.remove_prefix(prefix->text.size());
  std::size_t separator = naming.separator.empty() ? std::string_view::npos
                                                   : rest.find(naming.separator);
  std::string_view version_text = rest.substr(0, separator);
  std::string_view raw_description =
      separator == std::string_view::npos ? std::string_view()
                                          : rest.substr(separator + naming.separator.size());

  ParsedName parsed;
  parsed.kind = prefix->kind;
  parsed.description = describe(raw_description);
  std::string name(file_name);
  std::string example_description = raw_description.empty() ? "description"
                                                             : std::string(raw_description);

  if (parsed.kind == ParsedName::Kind::Repeatable || parsed.kind == ParsedName::Kind::Callback) {
    if (!version_text.empty()) {
      return fail(ErrorCode::Error,
                  "Invalid repeatable migration / callback name format: " + name +
                      " (It cannot contain a version and should look like this: " +
                      std::string(prefix->text) + naming.separator + example_description +
                      suffix + ")");
    }
    if (parsed.kind == ParsedName::Kind::Callback) parsed.event = std::string(prefix->text);
    return parsed;
  }

  if (version_text.empty()) {
    return fail(ErrorCode::Error,
                "Invalid versioned migration name format: " + name +
                    " (It must contain a version and should look like this: " +
                    std::string(prefix->text) + "1.2" + naming.separator + example_description +
                    suffix + ")");
  }
  auto version = MigrationVersion::parse(version_text);
  if (!version || !version->is_regular()) {
    return fail(ErrorCode::Error, "Invalid versioned migration name format: " + name +
                                      " (could not recognise version number " +
                                      std::string(version_text) + ")");
  }
  parsed.version = *version;
  parsed.raw_version = version_text;
  return parsed;
}

}  // namespace runway
