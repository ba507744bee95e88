#include "core/config_environment.h"

#include "core/config_text.h"

namespace runway {

std::vector<Property> read_environment_variables(
    const std::map<std::string, std::string>& environment) {
  std::vector<Property> properties;
  for (const auto& [variable, value] : environment) {
    const ConfigKey* key = find_config_key_by_env_var(variable);
    if (key == nullptr) continue;
    std::string name(key->name);
    if (key->is_map()) name += to_lower(std::string_view(variable).substr(key->env_var.size()));
    properties.push_back({std::move(name), value});
  }
  return properties;
}

}  // namespace runway
