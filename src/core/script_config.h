// Script configuration files (spec 7.9): `<script>.conf` beside a migration or callback
// overrides executeInTransaction, encoding and placeholderReplacement for that one script.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "runway/config.h"
#include "runway/migration.h"
#include "runway/placeholders.h"
#include "runway/scan.h"

namespace runway {

// Parses the properties text of a script configuration file; `path` names it in errors.
// Unknown keys are fatal, as in Flyway; `shouldExecute` (a Flyway Teams feature) is refused.
Result<ScriptConfig> parse_script_config(std::string_view text, const std::string& path);

// Reads and parses the file at `path` (decoded with the global encoding). Placeholders are
// replaced in its text first when placeholder replacement is enabled, as Flyway does.
Result<ScriptConfig> load_script_config(const std::string& path, const Settings& settings,
                                        const PlaceholderValues& placeholders);

// The script configuration files among the files of the locations, by lower-cased path:
// `V2__x.sql.conf` belongs to `V2__x.sql` whatever the case of either name (spec 7.9). migrate
// and check both read a script's settings through it.
class ScriptConfigFiles {
 public:
  explicit ScriptConfigFiles(const std::vector<ScriptFile>& files);

  // The settings of `script`'s .conf file; empty when it has none.
  Result<ScriptConfig> config_of(const ScriptFile& script, const Settings& settings,
                                 const PlaceholderValues& placeholders) const;

 private:
  std::map<std::string, std::string> paths_;  // lower-cased path -> path
};

}  // namespace runway
