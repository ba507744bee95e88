#include "core/config_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/config_conf_file.h"
#include "core/config_text.h"
#include "core/config_toml_file.h"

namespace runway {
namespace {

namespace fs = std::filesystem;

bool is_toml(const std::string& path) {
  return path.ends_with(".toml");
}

// The format a list of files asks for; nothing for an empty list.
Result<std::optional<ConfigFormat>> format_of(const std::vector<std::string>& files) {
  if (files.empty()) return std::nullopt;
  std::size_t toml_count = std::ranges::count_if(files, is_toml);
  if (toml_count != 0 && toml_count != files.size()) {
    return fail(ErrorCode::Configuration,
                "Using both TOML configuration and CONF configuration is not supported. Use "
                "either .toml or .conf files: " +
                    join(files, ", "));
  }
  return toml_count != 0 ? ConfigFormat::Toml : ConfigFormat::Conf;
}

// Flyway's default locations, lowest precedence first.
std::vector<std::string> default_files(const ConfigFileSearch& search, ConfigFormat format) {
  std::vector<std::string> directories;
  if (!search.install_directory.empty()) {
    directories.push_back(absolute_from(search.install_directory, "conf"));
  }
  if (!search.home_directory.empty()) directories.push_back(search.home_directory);
  directories.push_back(search.current_directory);
  if (!search.working_directory.empty()) directories.push_back(search.working_directory);

  std::vector<std::string> names = format == ConfigFormat::Toml
                                       ? std::vector<std::string>{"flyway.toml", "flyway.user.toml"}
                                       : std::vector<std::string>{"flyway.conf"};
  std::vector<std::string> files;
  for (const std::string& directory : directories) {
    for (const std::string& name : names) files.push_back(absolute_from(directory, name));
  }
  return files;
}

bool any_exists(const std::vector<std::string>& files) {
  return std::ranges::any_of(files, [](const std::string& f) { return fs::is_regular_file(f); });
}

Result<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) {
    return fail(ErrorCode::Configuration, "Unable to load config file: " + path);
  }
  return text.str();
}

Result<std::vector<Property>> parse_file(const std::string& path, ConfigFormat format,
                                         const std::map<std::string, std::string>& environment) {
  RUNWAY_ASSIGN(text, read_text(path));
  auto properties = format == ConfigFormat::Toml ? parse_toml(text, path, environment)
                                                 : parse_conf(text, environment);
  if (!properties && !properties.error().location) {
    properties.error().at(SourceLocation{path, path});
  }
  return properties;
}

}  // namespace

std::string absolute_from(const std::string& base, std::string_view path) {
  return (fs::path(base) / path).lexically_normal().string();
}

Result<ConfigFilePlan> plan_config_files(const ConfigFileSearch& search) {
  const std::string& base =
      search.working_directory.empty() ? search.current_directory : search.working_directory;
  auto absolute_all = [&](const std::vector<std::string>& files) {
    std::vector<std::string> absolute;
    for (const std::string& file : files) absolute.push_back(absolute_from(base, file));
    return absolute;
  };
  std::vector<std::string> command_line = absolute_all(search.command_line_files);
  std::vector<std::string> environment = absolute_all(search.environment_files);

  ConfigFilePlan plan;
  RUNWAY_ASSIGN(command_line_format, format_of(command_line));
  if (command_line_format) {
    plan.format = *command_line_format;
  } else {
    RUNWAY_ASSIGN(environment_format, format_of(environment));
    if (environment_format) {
      plan.format = *environment_format;
    } else if (any_exists(default_files(search, ConfigFormat::Toml))) {
      plan.format = ConfigFormat::Toml;
    } else if (any_exists(default_files(search, ConfigFormat::Conf))) {
      plan.format = ConfigFormat::Conf;
    }
  }
  plan.default_files = default_files(search, plan.format);
  // Flyway drops FLYWAY_CONFIG_FILES entries of the other format when -configFiles decided.
  for (const std::string& file : environment) {
    if (is_toml(file) == (plan.format == ConfigFormat::Toml)) plan.explicit_files.push_back(file);
  }
  plan.explicit_files.insert(plan.explicit_files.end(), command_line.begin(), command_line.end());
  return plan;
}

Result<ConfigFileRead> read_config_files(const ConfigFilePlan& plan,
                                         const std::map<std::string, std::string>& environment) {
  ConfigFileRead read;
  auto append = [&](const std::string& path) -> Result<void> {
    RUNWAY_ASSIGN(properties, parse_file(path, plan.format, environment));
    for (Property& property : properties) property.file = path;
    read.properties.insert(read.properties.end(), properties.begin(), properties.end());
    return {};
  };
  for (const std::string& path : plan.default_files) {
    if (fs::is_regular_file(path)) RUNWAY_TRY(append(path));
  }
  std::vector<std::string> missing;
  for (const std::string& path : plan.explicit_files) {
    if (fs::is_regular_file(path)) {
      RUNWAY_TRY(append(path));
    } else {
      missing.push_back(path);  // Flyway warns and goes on, with either format
    }
  }
  if (!missing.empty()) {
    read.warnings.push_back("One or more specified configuration files could not be found: " +
                            join(missing, ", "));
  }
  return read;
}

}  // namespace runway
