// Which configuration files are read, in which format and order (spec 7.4).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/config_properties.h"

namespace runway {

// `path` made absolute against `base` (an absolute path stays as it is), normalised.
std::string absolute_from(const std::string& base, std::string_view path);

enum class ConfigFormat { Toml, Conf };

struct ConfigFileSearch {
  std::vector<std::string> command_line_files;  // -configFiles
  std::vector<std::string> environment_files;   // FLYWAY_CONFIG_FILES
  std::string working_directory;                // absolute; empty when not given
  std::string current_directory;
  std::string install_directory;
  std::string home_directory;
};

struct ConfigFilePlan {
  ConfigFormat format = ConfigFormat::Toml;
  std::vector<std::string> default_files;   // absolute; read when they exist
  std::vector<std::string> explicit_files;  // absolute; FLYWAY_CONFIG_FILES, then -configFiles
};

// Picks TOML or .conf mode and lists the files in load order. Naming both .toml and other
// files is an error.
Result<ConfigFilePlan> plan_config_files(const ConfigFileSearch& search);

struct ConfigFileRead {
  std::vector<Property> properties;  // in load order: later files override earlier ones
  std::vector<std::string> warnings;
};

// Reads the planned files. A missing explicit file is a warning in TOML mode and an error in
// .conf mode, as in Flyway.
Result<ConfigFileRead> read_config_files(const ConfigFilePlan& plan,
                                         const std::map<std::string, std::string>& environment);

}  // namespace runway
