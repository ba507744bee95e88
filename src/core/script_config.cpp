#include "core/script_config.h"

#include <filesystem>

#include "core/config_conf_file.h"
#include "core/config_text.h"
#include "core/text_decoder.h"

namespace runway {

namespace {

Result<bool> parse_flag(const Property& property, const std::string& path) {
  const std::string& text = std::get<std::string>(property.value);
  if (equals_ignore_case(text, "true")) return true;
  if (equals_ignore_case(text, "false")) return false;
  return fail(ErrorCode::ConfigurationFile, "Invalid value for " + property.name +
                                                " (should be either true or false): " + text +
                                                "\n(in script config file " + path + ")");
}

}  // namespace

Result<ScriptConfig> parse_script_config(std::string_view text, const std::string& path) {
  ScriptConfig config;
  for (const Property& property : parse_properties(text)) {
    const std::string& value = std::get<std::string>(property.value);
    if (property.name == "executeInTransaction") {
      RUNWAY_ASSIGN(flag, parse_flag(property, path));
      config.execute_in_transaction = flag;
    } else if (property.name == "placeholderReplacement") {
      RUNWAY_ASSIGN(flag, parse_flag(property, path));
      config.placeholder_replacement = flag;
    } else if (property.name == "encoding") {
      auto decoder = make_text_decoder(value);
      if (!decoder) {
        return fail(ErrorCode::Configuration, "Invalid encoding '" + value +
                                                  "' in script config file " + path + ": " +
                                                  decoder.error().message);
      }
      config.encoding = value;
    } else if (property.name == "shouldExecute") {
      return fail(ErrorCode::Configuration,
                  "shouldExecute is not supported (conditional scripts are a Flyway Teams feature "
                  "runway does not implement). Remove it from " +
                      path);
    } else {
      return fail(ErrorCode::ConfigurationFile,
                  "Unknown configuration property: " + property.name +
                      ". Please check your script config files\n(in " + path + ")");
    }
  }
  return config;
}

Result<ScriptConfig> load_script_config(const std::string& path, const Settings& settings,
                                        const PlaceholderValues& placeholders) {
  RUNWAY_ASSIGN(source, open_script(path, settings.encoding));
  if (settings.placeholder_replacement) {
    std::string file_name = std::filesystem::path(path).filename().string();
    source = replace_placeholders(
        std::move(source), placeholders.for_script(file_name, settings.placeholder_separator),
        PlaceholderSyntax::from(settings), path);
  }
  RUNWAY_ASSIGN(text, read_all(*source));
  return parse_script_config(text, path);
}

ScriptConfigFiles::ScriptConfigFiles(const std::vector<ScriptFile>& files) {
  for (const ScriptFile& file : files) {
    std::string lowered = to_lower(file.absolute_path);
    if (lowered.ends_with(".conf")) paths_.emplace(std::move(lowered), file.absolute_path);
  }
}

Result<ScriptConfig> ScriptConfigFiles::config_of(const ScriptFile& script,
                                                  const Settings& settings,
                                                  const PlaceholderValues& placeholders) const {
  auto it = paths_.find(to_lower(script.absolute_path + ".conf"));
  if (it == paths_.end()) return ScriptConfig{};
  return load_script_config(it->second, settings, placeholders);
}

}  // namespace runway
