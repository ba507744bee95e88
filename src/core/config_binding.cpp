#include "core/config_binding.h"

#include <charconv>

#include "core/config_text.h"

namespace runway {
namespace {

// What parsing a property needs to know, and to say when the value is wrong.
struct Source {
  const ConfigKey& key;
  const Property& property;

  // The value as error messages may show it: secrets never appear.
  std::string shown(std::string_view value) const {
    return key.secret ? std::string(kSecretMask) : std::string(value);
  }
  // Flyway's first line depends on where the value came from; runway's own words, naming the
  // key, follow it.
  Error invalid(std::string_view expectation, std::string_view value) const {
    std::string what = "Invalid value for flyway." + property.name + " (" +
                       std::string(expectation) + "): " + shown(value);
    if (property.file.empty()) {
      return Error(ErrorCode::Configuration, "Unable to parse command line params.\n" + what);
    }
    if (property.file.ends_with(".toml")) {
      return Error(ErrorCode::Configuration,
                   "Unable to load config file: " + property.file + "\n" + what);
    }
    return Error(ErrorCode::ConfigurationFile, what + "\n(in " + property.file + ")");
  }
  Result<std::string> text() const {
    if (const auto* text = std::get_if<std::string>(&property.value)) return *text;
    return fail(ErrorCode::Configuration,
                "Invalid value for flyway." + property.name + ": expected one value, not a list");
  }
};

Result<void> parse_into(std::string& out, const Source& source) {
  RUNWAY_ASSIGN(text, source.text());
  out = std::move(text);
  return {};
}

Result<void> parse_into(bool& out, const Source& source) {
  RUNWAY_ASSIGN(text, source.text());
  if (equals_ignore_case(text, "true")) {
    out = true;
  } else if (equals_ignore_case(text, "false")) {
    out = false;
  } else {
    return fail(source.invalid("should be either true or false", text));
  }
  return {};
}

Result<void> parse_into(int& out, const Source& source) {
  RUNWAY_ASSIGN(text, source.text());
  std::string_view digits = trim(text);
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
    return fail(source.invalid("should be an integer", text));
  }
  return {};
}

Result<void> parse_into(StringList& out, const Source& source) {
  if (const auto* text = std::get_if<std::string>(&source.property.value)) {
    out = split_list(*text);
    return {};
  }
  out.clear();
  for (const std::string& item : std::get<StringList>(source.property.value)) {
    std::string_view trimmed = trim(item);
    if (!trimmed.empty()) out.emplace_back(trimmed);
  }
  return {};
}

Result<void> parse_into(StringMap& out, const Source& source) {
  RUNWAY_ASSIGN(text, source.text());
  out.insert_or_assign(source.property.name.substr(source.key.name.size()), std::move(text));
  return {};
}

// Keys without a field are still parsed, so `skipDefaultResolvers=maybe` fails as in Flyway.
Result<void> check_value(KeyKind kind, const Source& source) {
  switch (kind) {
    case KeyKind::String: {
      std::string ignored;
      return parse_into(ignored, source);
    }
    case KeyKind::Bool: {
      bool ignored = false;
      return parse_into(ignored, source);
    }
    case KeyKind::Int: {
      int ignored = 0;
      return parse_into(ignored, source);
    }
    case KeyKind::List: {
      StringList ignored;
      return parse_into(ignored, source);
    }
    case KeyKind::Map: {
      StringMap ignored;
      return parse_into(ignored, source);
    }
  }
  return {};
}

template <typename Owner>
Owner& owner_of(Configuration& config) {
  if constexpr (std::is_same_v<Owner, Settings>) {
    return config.settings;
  } else {
    return config.cli;
  }
}

struct Bind {
  Configuration& config;
  const Source& source;

  Result<void> operator()(NoField no_field) const { return check_value(no_field.kind, source); }
  Result<void> operator()(CustomBinder bind) const {
    RUNWAY_ASSIGN(text, source.text());
    return bind(config, text);
  }
  template <typename Owner>
  Result<void> operator()(const FieldOf<Owner>& field) const {
    return std::visit(
        [&](auto member) { return parse_into(owner_of<Owner>(config).*member, source); }, field);
  }
};

}  // namespace

Result<void> bind_properties(const std::vector<Property>& properties, Configuration& config) {
  for (const Property& property : properties) {
    const ConfigKey* key = find_config_key(property.name);
    if (key == nullptr) continue;  // the readers rejected unknown names already
    if (key->support == KeySupport::Rejected) {
      return fail(ErrorCode::Configuration,
                  "runway does not support flyway." + property.name +
                      " (a Flyway Teams/Enterprise feature). Remove it from your configuration.");
    }
    Source source{*key, property};
    RUNWAY_TRY(std::visit(Bind{config, source}, key->binder));
    if (key->support == KeySupport::Ignored) {
      config.notes.push_back("Ignoring flyway." + property.name + ": " + std::string(key->help));
    }
  }
  // Placeholder names match case-insensitively (spec 7.8), whatever source spelled them.
  StringMap placeholders;
  for (auto& [name, value] : config.settings.placeholders) placeholders[to_lower(name)] = value;
  config.settings.placeholders = std::move(placeholders);
  return {};
}

}  // namespace runway
