// Configuration as the sources spell it, before it is typed: a name (`url`,
// `placeholders.x`, `environments.dev.url`) and its raw value. Each source reader produces
// these; PropertyMap merges them with Flyway's precedence.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/config_keys.h"

namespace runway {

// Text from -key=, FLYWAY_* and .conf; TOML also gives arrays.
using RawValue = std::variant<std::string, StringList>;

struct Property {
  std::string name;
  RawValue value;
  // Set when a flyway.toml value names an unset ${env.NAME}: the error (naming the file and
  // the key) to report if the value is used. Flyway resolves only the values the selected
  // environment uses, so another environment may name variables this shell does not set.
  std::optional<Error> unresolved = std::nullopt;
  // The config file that set it; empty for the command line and FLYWAY_* variables.
  std::string file = {};
};

// What a property name refers to. Names are `<key>`, `environments.<env>.<key>` for
// connection keys, or `environments.<env>.flyway.<key>` for per-environment overrides.
struct PropertyName {
  std::string environment;  // empty: not environment-specific
  std::string key_name;     // e.g. `url`, `placeholders.x`
  const ConfigKey* key = nullptr;
};

// The key `name` refers to, or nothing when no key of the table fits.
std::optional<PropertyName> parse_property_name(std::string_view name);

// The names among `properties` that no key fits. Files (`in_file`) may not set
// command-line-only keys such as outputType.
std::vector<std::string> unknown_property_names(const std::vector<Property>& properties,
                                                bool in_file);

// The non-empty values of the secret properties (holds_secret) among `properties`, of every
// environment; an unresolved ${env.NAME} reference is no secret.
std::vector<std::string> secret_values(const std::vector<Property>& properties);

// Flyway's error for unknown flyway.* keys in .conf files (code CONFIGURATION).
Error unknown_properties_error(const std::vector<std::string>& names);

// Flyway's error for unknown parameters on the command line (`file` empty) or in flyway.toml:
// "Failed to configure parameters:" with one line per name.
Error unknown_parameters_error(const std::vector<std::string>& names, const std::string& file);

// Every property of every source. Sources are added lowest precedence first (files in load
// order, then the environment, then the command line), so whatever is set later wins.
class PropertyMap {
 public:
  void set(Property property);
  void set_all(const std::vector<Property>& properties);
  const Property* find(std::string_view name) const;
  // Whether any property is specific to `environment` (environments.<environment>.*).
  bool defines_environment(std::string_view environment) const;

  // The properties in effect for one environment, named by their key: top-level ones and
  // those of `environments.<environment>`. Where both spell the same key, the one set later
  // wins. Names no key fits are skipped: the readers have rejected them already.
  std::vector<Property> resolve(std::string_view environment) const;

 private:
  struct Entry {
    Property property;
    std::uint64_t sequence;
  };
  std::map<std::string, Entry, std::less<>> entries_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace runway
