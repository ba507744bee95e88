#include <gtest/gtest.h>

#include "core/config_toml_file.h"

namespace runway {
namespace {

using Env = std::map<std::string, std::string>;

Result<std::vector<Property>> toml_properties(std::string_view text, const Env& env = {}) {
  return parse_toml(text, "/cfg/flyway.toml", env);
}

const RawValue* find(const std::vector<Property>& properties, std::string_view name) {
  for (const Property& property : properties) {
    if (property.name == name) return &property.value;
  }
  return nullptr;
}

std::string text_of(const std::vector<Property>& properties, std::string_view name) {
  const RawValue* value = find(properties, name);
  return value == nullptr ? "<unset>" : std::get<std::string>(*value);
}

TEST(ConfigToml, NamesPropertiesBySection) {
  auto properties = toml_properties(R"(
[environments.dev]
url = "jdbc:sqlite:dev.db"
schemas = ["main", "audit"]
connectRetries = 3

[environments.dev.jdbcProperties]
ApplicationName = "app"

[environments.dev.flyway]
locations = ["filesystem:dev"]

[flyway]
environment = "dev"
validateMigrationNaming = true

[flyway.placeholders]
Tbl = "person"

[flyway.postgresql.transactional]
lock = false

[flywayDesktop]
developmentEnvironment = "development"
)");
  ASSERT_TRUE(properties) << properties.error().message;
  EXPECT_EQ(text_of(*properties, "environments.dev.url"), "jdbc:sqlite:dev.db");
  EXPECT_EQ(std::get<StringList>(*find(*properties, "environments.dev.schemas")),
            (StringList{"main", "audit"}));
  EXPECT_EQ(text_of(*properties, "environments.dev.connectRetries"), "3");
  EXPECT_EQ(text_of(*properties, "environments.dev.jdbcProperties.ApplicationName"), "app");
  EXPECT_EQ(std::get<StringList>(*find(*properties, "environments.dev.flyway.locations")),
            StringList{"filesystem:dev"});
  EXPECT_EQ(text_of(*properties, "environment"), "dev");
  EXPECT_EQ(text_of(*properties, "validateMigrationNaming"), "true");
  EXPECT_EQ(text_of(*properties, "placeholders.Tbl"), "person");
  EXPECT_EQ(text_of(*properties, "postgresql.transactional.lock"), "false");
  EXPECT_EQ(properties->size(), 9u);
}

TEST(ConfigToml, ResolvesEnvReferences) {
  auto properties = toml_properties(R"(
[environments.default]
password = "${env.DB_PASSWORD}"
user = "x-${env.DB_USER}-${placeholder}"
)",
                                    {{"DB_PASSWORD", "s3cret"}, {"DB_USER", "app"}});
  ASSERT_TRUE(properties) << properties.error().message;
  EXPECT_EQ(text_of(*properties, "environments.default.password"), "s3cret");
  EXPECT_EQ(text_of(*properties, "environments.default.user"), "x-app-${placeholder}");

  // An unset variable is an error only where the value is used (config_loader_test), so the
  // property carries the error that names the file and the key.
  auto unset = toml_properties(R"(
[environments.prod]
password = "${env.NOPE}"
[flyway.placeholders]
x = "${env.NOPE}"
)");
  ASSERT_TRUE(unset) << unset.error().message;
  auto unresolved = [&](std::string_view name) {
    for (const Property& property : *unset) {
      if (property.name == name && property.unresolved) return property.unresolved->message;
    }
    return std::string("<resolved>");
  };
  EXPECT_EQ(unresolved("environments.prod.password"),
            "Unable to resolve environment variable: 'NOPE' (environments.prod.password in "
            "/cfg/flyway.toml)");
  EXPECT_EQ(unresolved("placeholders.x"),
            "Unable to resolve environment variable: 'NOPE' (flyway.placeholders.x in "
            "/cfg/flyway.toml)");
  EXPECT_FALSE(toml_properties("[environments.dev]\nurl = \"x\"\n")->front().unresolved);
}

TEST(ConfigToml, ConnectionKeysUnderFlywayAreErrors) {
  auto properties = toml_properties("[flyway]\nurl = \"jdbc:sqlite:a.db\"\nuser = \"u\"\n");
  ASSERT_FALSE(properties);
  EXPECT_EQ(properties.error().message,
            "Failed to configure parameters:\nurl, user must be set under "
            "[environments.<name>], not [flyway] (in /cfg/flyway.toml)");
}

TEST(ConfigToml, UnknownKeysAreErrors) {
  auto properties = toml_properties(R"(
[flyway]
nope = 1
outputType = "json"
[environments.dev]
locations = ["x"]
)");
  ASSERT_FALSE(properties);
  EXPECT_EQ(properties.error().message,
            "Failed to configure parameters:"
            "\n\tUnknown: 'flyway.nope' in /cfg/flyway.toml. Check the parameter spelling."
            "\n\tUnknown: 'flyway.outputType' in /cfg/flyway.toml. Check the parameter spelling."
            "\n\tUnknown: 'environments.dev.locations' in /cfg/flyway.toml. Check the parameter "
            "spelling.");
}

TEST(ConfigToml, FloatsMustBeQuoted) {
  auto properties = toml_properties("[flyway]\nbaselineVersion = 1.1\n");
  ASSERT_FALSE(properties);
  EXPECT_EQ(properties.error().message,
            "Failed to configure parameters:\nbaselineVersion must be a string, an integer or a "
            "boolean (quote versions: \"1.1\") (in /cfg/flyway.toml)");
}

TEST(ConfigToml, SyntaxErrorsNameLineAndColumn) {
  auto properties = toml_properties("[flyway]\nlocations = [\"a\"\ntable = \"x\"\n");
  ASSERT_FALSE(properties);
  ASSERT_TRUE(properties.error().location.has_value());
  EXPECT_EQ(properties.error().location->path, "/cfg/flyway.toml");
  EXPECT_EQ(properties.error().location->line, 3);
  EXPECT_TRUE(properties.error().message.starts_with(
      "Error parsing config file at [line 3, column 1], syntax error shown by ^: ^table = \"x\"\n"
      "\tin /cfg/flyway.toml: "))
      << properties.error().message;
}

}  // namespace
}  // namespace runway
