#include "core/config_toml_file.h"

#include <toml++/toml.h>

#include <algorithm>
#include <expected>
#include <optional>
#include <sstream>
#include <variant>

#include "core/config_text.h"

namespace runway {
namespace {

constexpr std::string_view kEnvResolver = "${env.";

// Replaces every ${env.NAME} with the variable's value, or gives the name of the first
// variable that is not set. Other ${...} text is left alone: it may be a migration placeholder.
std::expected<std::string, std::string> resolve_env(
    std::string text, const std::map<std::string, std::string>& environment) {
  std::size_t pos = 0;
  while ((pos = text.find(kEnvResolver, pos)) != std::string::npos) {
    std::size_t end = text.find('}', pos);
    if (end == std::string::npos) break;
    std::string name = text.substr(pos + kEnvResolver.size(), end - pos - kEnvResolver.size());
    auto it = environment.find(name);
    if (it == environment.end()) return std::unexpected(name);
    text.replace(pos, end + 1 - pos, it->second);
    pos += it->second.size();
  }
  return text;
}

// Resolves ${env.NAME} in `value`, in each item of a list; gives the first NAME not set,
// whose reference stays as written.
std::optional<std::string> resolve_env_in(RawValue& value,
                                          const std::map<std::string, std::string>& environment) {
  std::optional<std::string> unset;
  auto resolve = [&](std::string& text) {
    auto resolved = resolve_env(text, environment);
    if (resolved) {
      text = std::move(*resolved);
    } else if (!unset) {
      unset = resolved.error();
    }
  };
  if (auto* list = std::get_if<StringList>(&value)) {
    for (std::string& item : *list) resolve(item);
  } else {
    resolve(std::get<std::string>(value));
  }
  return unset;
}

// The source line of an error with a ^ under the column, like Flyway prints it.
// The line with `^` before the column, as Flyway shows a syntax error.
std::string caret_excerpt(std::string_view text, int line, int column) {
  std::istringstream lines{std::string(text)};
  std::string source_line;
  for (int i = 0; i < line && std::getline(lines, source_line); ++i) {
  }
  std::size_t at =
      std::min(source_line.size(), static_cast<std::size_t>(column > 1 ? column - 1 : 0));
  return source_line.substr(0, at) + "^" + source_line.substr(at);
}

class TomlReader {
 public:
  TomlReader(const std::string& path, const std::map<std::string, std::string>& environment)
      : path_(path), environment_(environment) {}

  Result<std::vector<Property>> read(const toml::table& root) {
    // Other top-level tables belong to other tools (Flyway Desktop writes [flywayDesktop]).
    if (const toml::table* flyway = root["flyway"].as_table()) {
      RUNWAY_TRY(read_table(*flyway, "", KeyScope::Flyway, ""));
    }
    if (const toml::table* environments = root["environments"].as_table()) {
      for (const auto& [name, node] : *environments) {
        const toml::table* environment = node.as_table();
        if (environment == nullptr) {
          return fail(
              configuration_error("environments." + std::string(name.str()) + " must be a table"));
        }
        RUNWAY_TRY(read_table(*environment, "", KeyScope::Environment,
                              "environments." + std::string(name.str()) + "."));
      }
    }
    if (!misplaced_.empty()) {
      return fail(configuration_error(join(misplaced_, ", ") +
                                      " must be set under [environments.<name>], not [flyway]"));
    }
    if (!unknown_.empty()) return fail(unknown_parameters_error(unknown_, path_));
    return std::move(properties_);
  }

 private:
  Error configuration_error(const std::string& what) const {
    return Error(ErrorCode::Configuration,
                 "Failed to configure parameters:\n" + what + " (in " + path_ + ")");
  }

  // `key_path` is the dotted key inside [flyway] (postgresql.transactional.); `prefix` is what
  // the property name starts with (environments.dev.).
  Result<void> read_table(const toml::table& table, const std::string& key_path, KeyScope scope,
                          const std::string& prefix) {
    for (const auto& [child_name, node] : table) {
      std::string name = key_path + std::string(child_name.str());
      const toml::table* child = node.as_table();
      if (child == nullptr) {
        RUNWAY_TRY(read_value(node, name, scope, prefix));
      } else if (const ConfigKey* map = find_map_key(name)) {
        if (accepts(map, name, scope, prefix)) RUNWAY_TRY(read_map(*child, prefix + name + "."));
      } else if (scope == KeyScope::Environment && name == "flyway") {
        RUNWAY_TRY(read_table(*child, "", KeyScope::Flyway, prefix + "flyway."));
      } else {
        RUNWAY_TRY(read_table(*child, name + ".", scope, prefix));
      }
    }
    return {};
  }

  // Whether `key` may be written in a table of `scope`; records why not otherwise.
  bool accepts(const ConfigKey* key, const std::string& name, KeyScope scope,
               const std::string& prefix) {
    if (key != nullptr && key->scope == scope) return true;
    bool connection_key_in_flyway = key != nullptr && key->scope == KeyScope::Environment;
    (connection_key_in_flyway ? misplaced_ : unknown_).push_back(prefix + name);
    return false;
  }

  // Adds a property with its ${env.NAME} references resolved. One that names an unset
  // variable keeps its text and carries the error: the loader reports it only if the value is
  // used.
  void add(std::string name, RawValue value) {
    Property property{std::move(name), std::move(value)};
    if (auto unset = resolve_env_in(property.value, environment_)) {
      property.unresolved = unresolved_error(*unset, property.name);
    }
    properties_.push_back(std::move(property));
  }

  // Flyway's message, with the key as the file spells it and the file.
  Error unresolved_error(const std::string& variable, const std::string& name) const {
    // Property names of [flyway] keys leave out the table's name.
    std::string key = name.starts_with("environments.") ? name : "flyway." + name;
    return Error(ErrorCode::Configuration, "Unable to resolve environment variable: '" + variable +
                                               "' (" + key + " in " + path_ + ")");
  }

  Result<void> read_map(const toml::table& table, const std::string& prefix) {
    for (const auto& [entry, node] : table) {
      std::string name = prefix + std::string(entry.str());
      RUNWAY_ASSIGN(text, scalar_text(node, name));
      add(std::move(name), std::move(text));
    }
    return {};
  }

  Result<void> read_value(const toml::node& node, const std::string& name, KeyScope scope,
                          const std::string& prefix) {
    if (!accepts(find_config_key(name), name, scope, prefix)) return {};
    if (const toml::array* array = node.as_array()) {
      StringList items;
      for (const toml::node& item : *array) {
        RUNWAY_ASSIGN(text, scalar_text(item, prefix + name));
        items.push_back(std::move(text));
      }
      add(prefix + name, std::move(items));
      return {};
    }
    RUNWAY_ASSIGN(text, scalar_text(node, prefix + name));
    add(prefix + name, std::move(text));
    return {};
  }

  // Strings, integers and booleans as the text the other sources would give; the key's kind
  // checks them later.
  Result<std::string> scalar_text(const toml::node& node, const std::string& name) const {
    if (auto text = node.value<std::string>()) return *text;
    if (auto boolean = node.value_exact<bool>()) return std::string(*boolean ? "true" : "false");
    if (auto integer = node.value_exact<std::int64_t>()) return std::to_string(*integer);
    return fail(configuration_error(
        name + " must be a string, an integer or a boolean (quote versions: \"1.1\")"));
  }

  const std::string& path_;
  const std::map<std::string, std::string>& environment_;
  std::vector<Property> properties_;
  std::vector<std::string> unknown_;
  std::vector<std::string> misplaced_;
};

}  // namespace

Result<std::vector<Property>> parse_toml(std::string_view text, const std::string& path,
                                         const std::map<std::string, std::string>& environment) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    int line = static_cast<int>(error.source().begin.line);
    int column = static_cast<int>(error.source().begin.column);
    Error parse_failure(ErrorCode::Configuration,
                        "Error parsing config file at [line " + std::to_string(line) +
                            ", column " + std::to_string(column) +
                            "], syntax error shown by ^: " + caret_excerpt(text, line, column) +
                            "\n\tin " + path + ": " + std::string(error.description()));
    parse_failure.at(SourceLocation{path, path, line, column});
    return fail(std::move(parse_failure));
  }
  return TomlReader(path, environment).read(root);
}

}  // namespace runway
