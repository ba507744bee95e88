// load_configuration: reads every source, merges them with Flyway's precedence and checks
// what can be checked before a command runs.
#include <optional>

#include "core/config_binding.h"
#include "core/config_environment.h"
#include "core/config_files.h"
#include "core/config_locations.h"
#include "core/config_text.h"
#include "runway/config.h"

namespace runway {
namespace {

// The last value `properties` give `name`, as text.
std::optional<std::string> last_text(const std::vector<Property>& properties,
                                     std::string_view name) {
  std::optional<std::string> text;
  for (const Property& property : properties) {
    if (property.name != name) continue;
    if (const auto* value = std::get_if<std::string>(&property.value)) text = *value;
  }
  return text;
}

// Config files are read as UTF-8; converting other encodings is not worth a dependency.
Result<void> check_config_file_encoding(const std::optional<std::string>& encoding) {
  if (!encoding || equals_ignore_case(*encoding, "UTF-8") ||
      equals_ignore_case(*encoding, "UTF8")) {
    return {};
  }
  return fail(ErrorCode::Configuration,
              "runway reads configuration files as UTF-8 only; "
              "configFileEncoding=" +
                  *encoding + " is not supported");
}

Result<ConfigFileRead> read_files(const ConfigSources& sources,
                                  const std::vector<Property>& command_line,
                                  const std::vector<Property>& environment,
                                  const std::string& working_directory) {
  std::optional<std::string> encoding = last_text(command_line, "configFileEncoding");
  if (!encoding) encoding = last_text(environment, "configFileEncoding");
  RUNWAY_TRY(check_config_file_encoding(encoding));

  ConfigFileSearch search{
      .command_line_files = split_list(last_text(command_line, "configFiles").value_or("")),
      .environment_files = split_list(last_text(environment, "configFiles").value_or("")),
      .working_directory = working_directory,
      .current_directory = sources.current_directory,
      .install_directory = sources.install_directory,
      .home_directory = sources.home_directory,
  };
  RUNWAY_ASSIGN(plan, plan_config_files(search));
  return read_config_files(plan, sources.environment);
}

Result<std::string> environment_name(const PropertyMap& properties) {
  const Property* property = properties.find("environment");
  if (property != nullptr && property->unresolved) return fail(*property->unresolved);
  const auto* name = property == nullptr ? nullptr : std::get_if<std::string>(&property->value);
  return name == nullptr ? "default" : *name;
}

// Flyway resolves ${env.NAME} only in the values it uses: an unset variable fails here, in
// the selected environment's winning values, and not where the file is read.
Result<std::vector<Property>> used_properties(const PropertyMap& properties,
                                              std::string_view environment) {
  std::vector<Property> used = properties.resolve(environment);
  for (const Property& property : used) {
    if (property.unresolved) return fail(*property.unresolved);
  }
  return used;
}

// User placeholders may not look like built-in ones (${flyway:user}).
Result<void> check_placeholder_names(const Settings& settings) {
  std::string reserved = to_lower("flyway" + settings.placeholder_separator);
  for (const auto& [name, value] : settings.placeholders) {
    if (name.starts_with(reserved)) {
      return fail(ErrorCode::Configuration,
                  "Invalid placeholder ('" + reserved + "' prefix is reserved): " + name);
    }
  }
  return {};
}

Result<void> resolve_all_locations(Configuration& config, bool working_directory_given) {
  Settings& settings = config.settings;
  const std::string& base = settings.working_directory;
  ResolvedLocations locations;
  if (settings.locations.empty()) {
    locations = default_locations(base, working_directory_given);
  } else {
    RUNWAY_ASSIGN(configured, resolve_locations(settings.locations, base, working_directory_given));
    locations = std::move(configured);
  }
  RUNWAY_ASSIGN(callback_locations,
                resolve_locations(settings.callback_locations, base, working_directory_given));
  settings.locations = std::move(locations.locations);
  settings.callback_locations = std::move(callback_locations.locations);
  settings.location_labels = std::move(locations.labels);
  settings.callback_location_labels = std::move(callback_locations.labels);
  for (auto* resolved : {&locations, &callback_locations}) {
    config.warnings.insert(config.warnings.end(), resolved->warnings.begin(),
                           resolved->warnings.end());
  }
  return {};
}

}  // namespace

Result<Configuration> load_configuration(const ConfigSources& sources,
                                         const std::optional<std::string>& environment_override) {
  const ParsedArguments& arguments = sources.command_line;
  std::vector<Property> command_line;
  for (const auto& [name, value] : arguments.settings) command_line.push_back({name, value});
  // The last -environment wins; an override is one given after all the others.
  if (environment_override) command_line.push_back({"environment", *environment_override});
  std::vector<std::string> unknown = unknown_property_names(command_line, false);
  if (!unknown.empty()) return fail(unknown_parameters_error(unknown, ""));
  std::vector<Property> environment = read_environment_variables(sources.environment);

  std::string working_directory;
  if (auto given = last_text(command_line, "workingDirectory"); given && !given->empty()) {
    working_directory = absolute_from(sources.current_directory, *given);
  }
  RUNWAY_ASSIGN(files, read_files(sources, command_line, environment, working_directory));

  // Lowest precedence first: files, then environment variables, then the command line.
  PropertyMap properties;
  properties.set_all(files.properties);
  properties.set_all(environment);
  properties.set_all(command_line);

  RUNWAY_ASSIGN(environment_selected, environment_name(properties));
  if (environment_selected != "default" && !properties.defines_environment(environment_selected)) {
    return fail(ErrorCode::Configuration,
                "Failed to configure parameters:\nEnvironment '" + environment_selected +
                    "' not found. Define it as [environments." + environment_selected +
                    "] in flyway.toml or with -environments." + environment_selected +
                    ".<key>=<value>");
  }

  Configuration config;
  for (const std::vector<Property>* source : {&files.properties, &environment, &command_line}) {
    std::vector<std::string> secrets = secret_values(*source);
    config.settings.secrets.insert(config.settings.secrets.end(), secrets.begin(), secrets.end());
  }
  config.warnings = std::move(files.warnings);
  RUNWAY_ASSIGN(used, used_properties(properties, environment_selected));
  RUNWAY_TRY(bind_properties(used, config));
  config.settings.working_directory =
      working_directory.empty() ? sources.current_directory : working_directory;
  config.cli.commands = arguments.commands;
  config.cli.debug = arguments.debug;
  config.cli.quiet = arguments.quiet;
  config.cli.help = arguments.help;
  config.cli.version = arguments.version;

  RUNWAY_TRY(check_placeholder_names(config.settings));
  RUNWAY_TRY(resolve_all_locations(config, !working_directory.empty()));
  return config;
}

}  // namespace runway
