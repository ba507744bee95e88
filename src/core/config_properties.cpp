#include "core/config_properties.h"

#include "core/config_text.h"

namespace runway {
namespace {

constexpr std::string_view kEnvironmentsPrefix = "environments.";

}  // namespace

std::optional<PropertyName> parse_property_name(std::string_view name) {
  PropertyName parsed;
  KeyScope required_scope = KeyScope::Flyway;
  if (name.starts_with(kEnvironmentsPrefix)) {
    std::string_view rest = name.substr(kEnvironmentsPrefix.size());
    std::size_t dot = rest.find('.');
    if (dot == 0 || dot == std::string_view::npos) return std::nullopt;
    parsed.environment = rest.substr(0, dot);
    rest.remove_prefix(dot + 1);
    if (rest.starts_with(kFlywayKeyPrefix)) {
      rest.remove_prefix(kFlywayKeyPrefix.size());
    } else {
      required_scope = KeyScope::Environment;
    }
    name = rest;
  }
  parsed.key_name = name;
  parsed.key = find_config_key(name);
  if (parsed.key == nullptr) return std::nullopt;
  // Top-level names may spell any key: `-url=` and `flyway.url` are the legacy style that
  // Flyway merges into the selected environment.
  bool top_level = parsed.environment.empty();
  if (!top_level && parsed.key->scope != required_scope) return std::nullopt;
  return parsed;
}

std::vector<std::string> unknown_property_names(const std::vector<Property>& properties,
                                                bool in_file) {
  std::vector<std::string> unknown;
  for (const Property& property : properties) {
    std::optional<PropertyName> parsed = parse_property_name(property.name);
    if (!parsed || (in_file && parsed->key->scope == KeyScope::CommandLine)) {
      unknown.push_back(property.name);
    }
  }
  return unknown;
}

std::vector<std::string> secret_values(const std::vector<Property>& properties) {
  std::vector<std::string> secrets;
  for (const Property& property : properties) {
    std::optional<PropertyName> parsed = parse_property_name(property.name);
    if (!parsed || !holds_secret(parsed->key_name) || property.unresolved) continue;
    const auto* value = std::get_if<std::string>(&property.value);
    if (value != nullptr && !value->empty()) secrets.push_back(*value);
  }
  return secrets;
}

Error unknown_properties_error(const std::vector<std::string>& names) {
  std::vector<std::string> qualified;
  for (const std::string& name : names) qualified.push_back("flyway." + name);
  std::string noun = names.size() == 1 ? "property" : "properties";
  return Error(ErrorCode::ConfigurationFile, "Unknown configuration " + noun + ": " +
                                                 join(qualified, ", ") +
                                                 ". Please check your conf files or commandline "
                                                 "parameters");
}

Error unknown_parameters_error(const std::vector<std::string>& names, const std::string& file) {
  std::string message = "Failed to configure parameters:";
  for (const std::string& name : names) {
    std::string shown = name.starts_with(kEnvironmentsPrefix) ? name : "flyway." + name;
    message += "\n\tUnknown: '" + shown + "'" + (file.empty() ? "" : " in " + file) +
               ". Check the parameter spelling.";
  }
  return Error(ErrorCode::Configuration, message);
}

void PropertyMap::set(Property property) {
  std::string name = property.name;
  entries_.insert_or_assign(std::move(name), Entry{std::move(property), next_sequence_++});
}

void PropertyMap::set_all(const std::vector<Property>& properties) {
  for (const Property& property : properties) set(property);
}

const Property* PropertyMap::find(std::string_view name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : &it->second.property;
}

bool PropertyMap::defines_environment(std::string_view environment) const {
  std::string prefix = std::string(kEnvironmentsPrefix) + std::string(environment) + ".";
  auto it = entries_.lower_bound(prefix);
  return it != entries_.end() && it->first.starts_with(prefix);
}

std::vector<Property> PropertyMap::resolve(std::string_view environment) const {
  std::map<std::string, const Entry*> winners;
  for (const auto& [name, entry] : entries_) {
    std::optional<PropertyName> parsed = parse_property_name(name);
    if (!parsed) continue;
    if (!parsed->environment.empty() && parsed->environment != environment) continue;
    const Entry*& winner = winners[parsed->key_name];
    if (winner == nullptr || winner->sequence < entry.sequence) winner = &entry;
  }
  std::vector<Property> resolved;
  for (const auto& [key_name, entry] : winners) {
    Property property = entry->property;
    property.name = key_name;
    resolved.push_back(std::move(property));
  }
  return resolved;
}

}  // namespace runway
