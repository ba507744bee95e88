// The one table of configuration keys. Every spelling of a setting (-key=value, FLYWAY_*,
// flyway.<key> in .conf, TOML) and every piece of user documentation (--help, the
// docs/configuration.md page) is derived from it, so a new setting is one Settings field plus
// one row in config_keys.cpp.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "runway/config.h"

namespace runway {

using StringList = std::vector<std::string>;
using StringMap = std::map<std::string, std::string>;

enum class KeyKind { String, Bool, Int, List, Map };

// Where a key may be written. In TOML, Environment keys live under [environments.<name>] and
// Flyway keys under [flyway]; CommandLine keys exist only as -key=value (and, for a few, as an
// environment variable).
enum class KeyScope { Flyway, Environment, CommandLine };

enum class KeySupport {
  Full,      // runway implements it
  Ignored,   // Java-only (jars, drivers) or needless in runway (-color): accepted, noted at -X
  Rejected,  // Flyway Teams/Enterprise only and not offered by runway: a configuration error
};

// A key with no field of its own: read by the loader itself (configFiles), or ignored, or
// rejected. The kind still tells people what value it takes.
struct NoField {
  KeyKind kind;
};

// A key whose value needs more than parsing, e.g. -outputType=json sets CliOptions::json.
using CustomBinder = Result<void> (*)(Configuration& config, std::string_view value);

template <typename Owner>
using FieldOf = std::variant<std::string Owner::*, bool Owner::*, int Owner::*, StringList Owner::*,
                             StringMap Owner::*>;

using Binder = std::variant<NoField, FieldOf<Settings>, FieldOf<CliOptions>, CustomBinder>;

// Binds a key to a member of Settings or CliOptions; the member's type decides the key's kind.
template <typename Owner, typename T>
Binder field(T Owner::*member) {
  return FieldOf<Owner>{member};
}

struct ConfigKey {
  // Flyway's name: `url`, `postgresql.transactional.lock`; a map key ends with a dot
  // (`placeholders.`) and takes any entry name after it.
  std::string_view name;
  // The FLYWAY_* variable; for a map, the prefix of one variable per entry. Empty: none.
  std::string_view env_var;
  KeyScope scope;
  Binder binder;
  std::string_view help;  // one line, for people in a hurry
  KeySupport support = KeySupport::Full;
  // Never echoed in errors, masked in output. A secret map (jdbcProperties) holds secrets in
  // the entries whose name says so: see holds_secret().
  bool secret = false;

  KeyKind kind() const;
  bool is_map() const { return kind() == KeyKind::Map; }
};

// Every key, in the order --help and the docs list them.
std::span<const ConfigKey> config_keys();

// The key `name` spells, or nullptr. Map entries (`placeholders.x`) find their map key.
const ConfigKey* find_config_key(std::string_view name);

// Whether the value of key `name` (`password`, `jdbcProperties.sslPassword`) is a secret.
bool holds_secret(std::string_view name);

// The map key whose entries are `<table>.<entry>` (table `placeholders`), or nullptr.
const ConfigKey* find_map_key(std::string_view table);

// The key whose FLYWAY_* variable is `variable` (map prefixes included), or nullptr.
const ConfigKey* find_config_key_by_env_var(std::string_view variable);

}  // namespace runway
