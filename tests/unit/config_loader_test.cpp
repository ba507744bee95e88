// load_configuration end to end, with real files in a fresh temporary directory per test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>

#include "cli/arguments.h"
#include "core/config_keys.h"
#include "runway/config.h"

namespace runway {
namespace {

namespace fs = std::filesystem;

class ConfigLoader : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter = 0;
    root_ = fs::temp_directory_path() /
            ("runway-config-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(root_);
    fs::create_directories(root_ / "cwd");
    fs::create_directories(root_ / "install" / "conf");
    fs::create_directories(root_ / "home");
    sources_.current_directory = path("cwd");
    sources_.install_directory = path("install");
    sources_.home_directory = path("home");
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string path(const std::string& relative) const { return (root_ / relative).string(); }

  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative, std::ios::binary) << text;
  }

  Result<Configuration> load(const std::vector<std::string>& args,
                             const std::optional<std::string>& environment = std::nullopt) {
    RUNWAY_ASSIGN(parsed, parse_arguments(args));
    sources_.command_line = std::move(parsed);
    return load_configuration(sources_, environment);
  }

  Configuration load_ok(std::vector<std::string> args) {
    auto config = load(std::move(args));
    EXPECT_TRUE(config) << config.error().message;
    return config ? *config : Configuration{};
  }

  std::string error_of(std::vector<std::string> args) {
    auto config = load(std::move(args));
    return config ? "<no error>" : config.error().message;
  }

  fs::path root_;
  ConfigSources sources_;
};

TEST_F(ConfigLoader, DefaultsWithoutAnySource) {
  Configuration config = load_ok({"info"});
  EXPECT_EQ(config.cli.commands, std::vector<std::string>{"info"});
  EXPECT_EQ(config.settings.sql_migration_prefix, "V");
  EXPECT_EQ(config.settings.table, "flyway_schema_history");
  EXPECT_EQ(config.settings.environment, "default");
  EXPECT_EQ(config.settings.working_directory, path("cwd"));
  EXPECT_TRUE(config.settings.locations.empty());
  EXPECT_EQ(config.warnings, std::vector<std::string>{
                                 "No locations configured and default location 'sql' not found."});
}

TEST_F(ConfigLoader, CommandLineBeatsEnvironmentBeatsFileBeatsDefault) {
  EXPECT_EQ(load_ok({}).settings.sql_migration_prefix, "V");
  write("cwd/flyway.toml", "[flyway]\nsqlMigrationPrefix = \"F\"\n");
  EXPECT_EQ(load_ok({}).settings.sql_migration_prefix, "F");
  sources_.environment["FLYWAY_SQL_MIGRATION_PREFIX"] = "E";
  EXPECT_EQ(load_ok({}).settings.sql_migration_prefix, "E");
  EXPECT_EQ(load_ok({"-sqlMigrationPrefix=C"}).settings.sql_migration_prefix, "C");
}

TEST_F(ConfigLoader, SamePrecedenceInConfMode) {
  write("cwd/flyway.conf", "flyway.table=from_file\n");
  EXPECT_EQ(load_ok({}).settings.table, "from_file");
  sources_.environment["FLYWAY_TABLE"] = "from_env";
  EXPECT_EQ(load_ok({}).settings.table, "from_env");
  EXPECT_EQ(load_ok({"-table=first", "-table=last"}).settings.table, "last");
}

TEST_F(ConfigLoader, LaterFilesOverrideEarlierOnesKeyByKey) {
  write("install/conf/flyway.toml", "[flyway]\ntable = \"install\"\ntarget = \"7\"\n");
  write("home/flyway.toml", "[flyway]\ntable = \"home\"\n");
  write("cwd/flyway.toml", "[flyway]\nencoding = \"ISO-8859-1\"\n");
  write("cwd/flyway.user.toml", "[flyway]\ntable = \"user\"\n");
  Configuration config = load_ok({});
  EXPECT_EQ(config.settings.table, "user");
  EXPECT_EQ(config.settings.target, "7");
  EXPECT_EQ(config.settings.encoding, "ISO-8859-1");
}

TEST_F(ConfigLoader, TomlEnvironmentsAndTheirSelection) {
  write("cwd/flyway.toml", R"(
[environments.default]
url = "jdbc:sqlite:default.db"
[environments.dev]
url = "jdbc:sqlite:dev.db"
user = "dev"
[environments.dev.flyway]
table = "dev_history"
[flyway]
table = "history"
)");
  Configuration config = load_ok({});
  EXPECT_EQ(config.settings.url, "jdbc:sqlite:default.db");
  EXPECT_EQ(config.settings.table, "history");

  config = load_ok({"-environment=dev"});
  EXPECT_EQ(config.settings.environment, "dev");
  EXPECT_EQ(config.settings.url, "jdbc:sqlite:dev.db");
  EXPECT_EQ(config.settings.user, "dev");
  EXPECT_EQ(config.settings.table, "dev_history");

  sources_.environment["flyway_environment"] = "dev";
  EXPECT_EQ(load_ok({}).settings.url, "jdbc:sqlite:dev.db");
  EXPECT_EQ(load_ok({"-environment=default"}).settings.url, "jdbc:sqlite:default.db");
}

// How `metrics -metrics.environments=...` loads each environment: the override is chosen
// over every other -environment, and the rest of the command line still applies.
TEST_F(ConfigLoader, EnvironmentOverrideWinsOverTheCommandLine) {
  write("cwd/flyway.toml", R"(
[environments.default]
url = "jdbc:sqlite:default.db"
[environments.dev]
url = "jdbc:sqlite:dev.db"
[environments.prod]
url = "jdbc:sqlite:prod.db"
)");
  auto config = load({"-environment=dev", "-table=t", "info"}, "prod");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->settings.environment, "prod");
  EXPECT_EQ(config->settings.url, "jdbc:sqlite:prod.db");
  EXPECT_EQ(config->settings.table, "t");
  EXPECT_EQ(config->cli.commands, std::vector<std::string>{"info"});

  auto missing = load({"-environment=dev"}, "nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            "Failed to configure parameters:\nEnvironment 'nope' not found. Define it as "
            "[environments.nope] in flyway.toml or "
            "with -environments.nope.<key>=<value>");
}

TEST_F(ConfigLoader, EnvironmentChosenInsideTheFile) {
  write("cwd/flyway.toml",
        "[environments.ci]\nurl = \"jdbc:sqlite:ci.db\"\n[flyway]\nenvironment = \"ci\"\n");
  EXPECT_EQ(load_ok({}).settings.url, "jdbc:sqlite:ci.db");
}

TEST_F(ConfigLoader, EnvironmentsOnTheCommandLine) {
  Configuration config = load_ok({"-environments.ci.url=jdbc:sqlite:ci.db",
                                  "-environments.ci.flyway.table=t", "-environment=ci"});
  EXPECT_EQ(config.settings.url, "jdbc:sqlite:ci.db");
  EXPECT_EQ(config.settings.table, "t");
  EXPECT_EQ(error_of({"-environment=nope"}),
            "Failed to configure parameters:\nEnvironment 'nope' not found. Define it as "
            "[environments.nope] in flyway.toml or "
            "with -environments.nope.<key>=<value>");
}

TEST_F(ConfigLoader, LegacyUrlOverridesTheSelectedEnvironment) {
  write("cwd/flyway.toml", "[environments.default]\nurl = \"jdbc:sqlite:file.db\"\nuser = \"u\"\n");
  sources_.environment["FLYWAY_URL"] = "jdbc:sqlite:env.db";
  Configuration config = load_ok({});
  EXPECT_EQ(config.settings.url, "jdbc:sqlite:env.db");
  EXPECT_EQ(config.settings.user, "u");
  EXPECT_EQ(load_ok({"-url=jdbc:sqlite:cli.db"}).settings.url, "jdbc:sqlite:cli.db");
}

TEST_F(ConfigLoader, TomlEnvResolverAndErrors) {
  write("cwd/flyway.toml", "[environments.default]\npassword = \"${env.DB_PASSWORD}\"\n");
  sources_.environment["DB_PASSWORD"] = "s3cret";
  EXPECT_EQ(load_ok({}).settings.password, "s3cret");
  sources_.environment.erase("DB_PASSWORD");
  EXPECT_EQ(error_of({}),
            "Unable to resolve environment variable: 'DB_PASSWORD' (environments.default.password "
            "in " +
                path("cwd/flyway.toml") + ")");

  write("cwd/flyway.toml", "[flyway]\nurl = \"jdbc:sqlite:a.db\"\n");
  EXPECT_EQ(error_of({}),
            "Failed to configure parameters:\nurl must be set under "
            "[environments.<name>], not [flyway] (in " +
                path("cwd/flyway.toml") + ")");
}

// Issue 11, as Flyway does: ${env.NAME} is resolved only in the values the selected
// environment uses, so another environment may name a variable this shell does not set.
TEST_F(ConfigLoader, TomlEnvResolvedOnlyInTheValuesUsed) {
  write("cwd/flyway.toml",
        "[environments.default]\nurl = \"jdbc:sqlite:dev.db\"\n"
        "[environments.prod]\nurl = \"jdbc:sqlite:prod.db\"\npassword = \"${env.PROD_PW}\"\n"
        "[environments.stage]\nurl = \"jdbc:sqlite:stage.db\"\n");
  EXPECT_EQ(load_ok({}).settings.url, "jdbc:sqlite:dev.db");
  EXPECT_EQ(load_ok({"-environment=stage"}).settings.url, "jdbc:sqlite:stage.db");
  EXPECT_EQ(error_of({"-environment=prod"}),
            "Unable to resolve environment variable: 'PROD_PW' (environments.prod.password in " +
                path("cwd/flyway.toml") + ")");
  EXPECT_EQ(load_ok({"-environment=prod", "-password=given"}).settings.password, "given");
  sources_.environment["PROD_PW"] = "s3cret";
  EXPECT_EQ(load_ok({"-environment=prod"}).settings.password, "s3cret");
  // Set, an unused environment's password is still masked wherever it would appear.
  auto secrets = load_ok({}).settings.secrets;
  EXPECT_NE(std::find(secrets.begin(), secrets.end(), "s3cret"), secrets.end());
}

TEST_F(ConfigLoader, TomlSyntaxErrorNamesTheLine) {
  write("cwd/flyway.toml", "[flyway]\n\ntable = \n");
  auto config = load({});
  ASSERT_FALSE(config);
  // Flyway's first line, then the file and the parser's reason.
  EXPECT_TRUE(config.error().message.starts_with(
      "Error parsing config file at [line 3, column 9], syntax error shown by ^: table = ^\n\tin " +
      path("cwd/flyway.toml") + ": "))
      << config.error().message;
}

TEST_F(ConfigLoader, DefaultFilesChooseTheMode) {
  write("cwd/flyway.conf", "flyway.table=conf\n");
  EXPECT_EQ(load_ok({}).settings.table, "conf");
  write("home/flyway.toml", "[flyway]\ntarget = \"3\"\n");
  Configuration config = load_ok({});  // any TOML file: TOML mode, .conf files are not read
  EXPECT_EQ(config.settings.table, "flyway_schema_history");
  EXPECT_EQ(config.settings.target, "3");
}

TEST_F(ConfigLoader, ConfigFilesDecideTheModeAndCannotMixFormats) {
  write("cwd/flyway.toml", "[flyway]\ntable = \"toml\"\n");
  write("cwd/legacy.conf", "flyway.table=legacy\n");
  EXPECT_EQ(load_ok({"-configFiles=legacy.conf"}).settings.table, "legacy");
  EXPECT_EQ(error_of({"-configFiles=a.toml,legacy.conf"}),
            "Using both TOML configuration and CONF configuration is not supported. Use either "
            ".toml or .conf files: " +
                path("cwd/a.toml") + ", " + path("cwd/legacy.conf"));
  sources_.environment["FLYWAY_CONFIG_FILES"] = "legacy.conf";
  EXPECT_EQ(load_ok({}).settings.table, "legacy");
}

TEST_F(ConfigLoader, ConfigFilesResolveAgainstTheWorkingDirectory) {
  write("project/conf/runway.toml", "[flyway]\ntable = \"project\"\n");
  fs::create_directories(root_ / "project" / "sql");
  Configuration config = load_ok({"-workingDirectory=../project", "-configFiles=conf/runway.toml"});
  EXPECT_EQ(config.settings.table, "project");
  EXPECT_EQ(config.settings.working_directory, path("project"));
  EXPECT_EQ(config.settings.locations,
            std::vector<std::string>{"filesystem:" + path("project/sql")});
  EXPECT_TRUE(config.warnings.empty());
}

TEST_F(ConfigLoader, MissingExplicitFiles) {
  // Flyway warns and goes on with either format.
  Configuration config = load_ok({"-configFiles=missing.toml"});
  ASSERT_EQ(config.warnings.size(), 2u);
  EXPECT_EQ(config.warnings[0], "One or more specified configuration files could not be found: " +
                                    path("cwd/missing.toml"));
  Configuration conf = load_ok({"-configFiles=missing.conf"});
  EXPECT_EQ(conf.warnings[0], "One or more specified configuration files could not be found: " +
                                  path("cwd/missing.conf"));
}

TEST_F(ConfigLoader, PlaceholdersFromEverySource) {
  write("cwd/flyway.toml", "[flyway.placeholders]\nFromFile = \"file\"\nshared = \"file\"\n");
  sources_.environment["FLYWAY_PLACEHOLDERS_FROM_ENV"] = "env";
  sources_.environment["FLYWAY_PLACEHOLDERS_SHARED"] = "env";
  Configuration config = load_ok({"-placeholders.FromCli=cli", "-placeholders.fromfile=cli"});
  EXPECT_EQ(config.settings.placeholders, (std::map<std::string, std::string>{
                                              {"fromcli", "cli"},
                                              {"fromfile", "cli"},
                                              {"from_env", "env"},
                                              {"shared", "env"},
                                          }));
}

TEST_F(ConfigLoader, ConfPlaceholdersAndJdbcProperties) {
  write("cwd/flyway.conf", "flyway.placeholders.tbl=person\nflyway.jdbcProperties.ssl=true\n");
  sources_.environment["FLYWAY_JDBC_PROPERTIES_CONNECTTIMEOUT"] = "5";
  Configuration config = load_ok({"-jdbcProperties.ApplicationName=runway"});
  EXPECT_EQ(config.settings.placeholders, (std::map<std::string, std::string>{{"tbl", "person"}}));
  EXPECT_EQ(config.settings.jdbc_properties,
            (std::map<std::string, std::string>{
                {"ApplicationName", "runway"}, {"connecttimeout", "5"}, {"ssl", "true"}}));
}

TEST_F(ConfigLoader, ReservedPlaceholderNames) {
  EXPECT_EQ(error_of({"-placeholders.flyway:user=x"}),
            "Invalid placeholder ('flyway:' prefix is reserved): flyway:user");
}

TEST_F(ConfigLoader, ValuesAreTyped) {
  Configuration config = load_ok({"-outOfOrder=TRUE", "-validateOnMigrate=False",
                                  "-lockRetryCount=-1", "-schemas= a , b ,", "-connectRetries=3"});
  EXPECT_TRUE(config.settings.out_of_order);
  EXPECT_FALSE(config.settings.validate_on_migrate);
  EXPECT_EQ(config.settings.lock_retry_count, -1);
  EXPECT_EQ(config.settings.connect_retries, 3);
  EXPECT_EQ(config.settings.schemas, (std::vector<std::string>{"a", "b"}));
  // Flyway's first line for the command line and FLYWAY_* variables, then which value.
  EXPECT_EQ(error_of({"-connectRetries=3x"}),
            "Unable to parse command line params.\n"
            "Invalid value for flyway.connectRetries (should be an integer): 3x");
  EXPECT_EQ(error_of({"-group=yes"}),
            "Unable to parse command line params.\n"
            "Invalid value for flyway.group (should be either true or false): yes");
}

TEST_F(ConfigLoader, ConfBooleanError) {
  write("cwd/flyway.conf", "flyway.cleanDisabled=nope\n");
  EXPECT_EQ(error_of({}),
            "Invalid value for flyway.cleanDisabled (should be either true or "
            "false): nope\n(in " +
                path("cwd/flyway.conf") + ")");
}

TEST_F(ConfigLoader, TomlArraysAndScalars) {
  write("cwd/flyway.toml",
        "[flyway]\nsqlMigrationSuffixes = [\".sql\", \" .psql \"]\nlockRetryCount = 7\n"
        "outOfOrder = true\n[flyway.postgresql.transactional]\nlock = false\n");
  Configuration config = load_ok({});
  EXPECT_EQ(config.settings.sql_migration_suffixes, (std::vector<std::string>{".sql", ".psql"}));
  EXPECT_EQ(config.settings.lock_retry_count, 7);
  EXPECT_TRUE(config.settings.out_of_order);
  EXPECT_EQ(config.notes, std::vector<std::string>{
                              "Ignoring flyway.postgresql.transactional.lock: runway's PostgreSQL "
                              "lock is always held in the migration's own transaction"});
  write("cwd/flyway.toml", "[flyway]\ntable = [\"a\"]\n");
  EXPECT_EQ(error_of({}), "Invalid value for flyway.table: expected one value, not a list");
}

TEST_F(ConfigLoader, SecretsOfEveryEnvironmentAreCollected) {
  write("cwd/flyway.toml",
        "[environments.dev]\nurl = \"jdbc:sqlite:dev.db\"\npassword = \"dev-pw\"\n"
        "[environments.prod]\nurl = \"jdbc:sqlite:prod.db\"\npassword = \"prod-pw\"\n"
        "[environments.prod.jdbcProperties]\nsslPassword = \"prod-key-pw\"\nssl = \"true\"\n");
  sources_.environment["FLYWAY_PASSWORD"] = "env-pw";
  Configuration config = load_ok({"-environment=dev", "-jdbcProperties.password=cli-pw"});
  std::vector<std::string> secrets = secrets_of(config.settings);
  std::ranges::sort(secrets);
  EXPECT_EQ(secrets,
            (std::vector<std::string>{"cli-pw", "dev-pw", "env-pw", "prod-key-pw", "prod-pw"}));
  EXPECT_EQ(mask_secrets("prod-pw prod-key-pw true", config.settings), "******** ******** true");
}

TEST_F(ConfigLoader, UnknownCommandLineKeys) {
  EXPECT_EQ(error_of({"-logLevel=debug"}),
            "Failed to configure parameters:\n\tUnknown: 'flyway.logLevel'. Check the parameter "
            "spelling.");
}

TEST_F(ConfigLoader, UnsupportedAndIgnoredKeys) {
  EXPECT_EQ(error_of({"-batch=true"}),
            "runway does not support flyway.batch (a Flyway Teams/Enterprise feature). Remove it "
            "from your configuration.");
  sources_.environment["FLYWAY_LICENSE_KEY"] = "FL01-SECRET";
  std::string license_error = error_of({});
  EXPECT_EQ(license_error.find("FL01-SECRET"), std::string::npos);
  sources_.environment.clear();

  Configuration config = load_ok({"-jarDirs=lib", "-driver=org.sqlite.JDBC"});
  EXPECT_EQ(config.settings.driver, "org.sqlite.JDBC");
  EXPECT_EQ(config.notes, (std::vector<std::string>{
                              "Ignoring flyway.driver: runway picks the driver from the URL",
                              "Ignoring flyway.jarDirs: runway loads no jars"}));
  EXPECT_EQ(error_of({"-skipDefaultResolvers=maybe"}),
            "Unable to parse command line params.\nInvalid value for flyway.skipDefaultResolvers "
            "(should be either true or false): maybe");
}

TEST_F(ConfigLoader, FreeFeaturesAreNormalKeys) {
  Configuration config = load_ok({"-cherryPick=2,R__views", "-dryRunOutput=-"});
  EXPECT_EQ(config.settings.cherry_pick, (std::vector<std::string>{"2", "R__views"}));
  EXPECT_EQ(config.settings.dry_run_output, "-");
}

TEST_F(ConfigLoader, CommandLineOnlyOptions) {
  Configuration config =
      load_ok({"info", "-outputType=JSON", "-outputLogsInJson=true", "-outputFile=out.json",
               "-color=never", "-infoOfState=Pending,Success", "-infoSinceVersion=2",
               "-migrationIds", "-X", "-communityFallback", "-skipCheckForUpdate"});
  EXPECT_TRUE(config.cli.json);
  EXPECT_TRUE(config.cli.logs_in_json);
  EXPECT_EQ(config.cli.output_file, "out.json");
  EXPECT_NE(
      std::ranges::find(config.notes,
                        "Ignoring flyway.color: runway prints no colour (always, never or auto)"),
      config.notes.end());
  EXPECT_EQ(config.cli.info_of_state, (std::vector<std::string>{"Pending", "Success"}));
  EXPECT_EQ(config.cli.info_since_version, "2");
  EXPECT_TRUE(config.cli.migration_ids);
  EXPECT_TRUE(config.cli.debug);
  EXPECT_EQ(error_of({"-outputType=xml"}),
            "'xml' is an invalid value for the -outputType option. Use 'json'.");
  EXPECT_EQ(error_of({"-color=blue"}),
            "'blue' is an invalid value for the -color option. Use 'always', 'never', or 'auto'.");
  EXPECT_EQ(error_of({"-configFileEncoding=UTF-16"}),
            "runway reads configuration files as UTF-8 only; configFileEncoding=UTF-16 is not "
            "supported");
}

TEST_F(ConfigLoader, LocationsResolveAgainstTheWorkingDirectory) {
  Configuration config = load_ok({"-locations=filesystem:db/migration, filesystem:/abs/sql,plain",
                                  "-callbackLocations=filesystem:callbacks"});
  EXPECT_EQ(config.settings.locations,
            (std::vector<std::string>{"filesystem:" + path("cwd/db/migration"),
                                      "filesystem:/abs/sql", "filesystem:" + path("cwd/plain")}));
  EXPECT_EQ(config.settings.callback_locations,
            std::vector<std::string>{"filesystem:" + path("cwd/callbacks")});
  EXPECT_EQ(config.warnings,
            std::vector<std::string>{"Location 'plain' has no prefix: runway reads it as "
                                     "filesystem:plain (Flyway would read the Java classpath)"});
  EXPECT_EQ(error_of({"-locations=classpath:db/migration"}),
            "Unknown prefix for location (should be one of [filesystem:]): classpath:db/migration. "
            "runway reads migrations from the filesystem only.");
}

TEST_F(ConfigLoader, DefaultSqlLocation) {
  fs::create_directories(root_ / "cwd" / "sql");
  Configuration config = load_ok({});
  EXPECT_EQ(config.settings.locations, std::vector<std::string>{"filesystem:" + path("cwd/sql")});
  EXPECT_TRUE(config.warnings.empty());
}

// As in Flyway, the patterns are parsed by the commands that validate (validate, migrate,
// repair), not when the configuration loads: `info` with a bad pattern still works.
TEST_F(ConfigLoader, IgnoreMigrationPatternsAreLeftToTheCommandsThatValidate) {
  EXPECT_EQ(load_ok({"-ignoreMigrationPatterns="}).settings.ignore_migration_patterns,
            std::vector<std::string>{});
  EXPECT_EQ(load_ok({"-ignoreMigrationPatterns=*:future,versioned:bogus"})
                .settings.ignore_migration_patterns,
            (std::vector<std::string>{"*:future", "versioned:bogus"}));
}

// The table promises four spellings per key; check each text, boolean and integer field.
TEST_F(ConfigLoader, EveryKeyIsReachableInAllFourSpellings) {
  int checked = 0;
  for (const ConfigKey& key : config_keys()) {
    const auto* field = std::get_if<FieldOf<Settings>>(&key.binder);
    if (field == nullptr || key.scope == KeyScope::CommandLine || key.name == "environment") {
      continue;
    }
    const auto* text = std::get_if<std::string Settings::*>(field);
    const auto* flag = std::get_if<bool Settings::*>(field);
    const auto* number = std::get_if<int Settings::*>(field);
    if (text == nullptr && flag == nullptr && number == nullptr) continue;
    std::string value = text ? "sample" : number ? "42" : Settings{}.*(*flag) ? "false" : "true";
    std::string name(key.name);
    auto check = [&](const Configuration& config, std::string_view source) {
      if (text) {
        EXPECT_EQ(config.settings.*(*text), "sample") << name << " from " << source;
      }
      if (flag) {
        EXPECT_EQ(config.settings.*(*flag), value == "true") << name << " from " << source;
      }
      if (number) {
        EXPECT_EQ(config.settings.*(*number), 42) << name << " from " << source;
      }
    };
    check(load_ok({"-" + name + "=" + value}), "the command line");
    if (!key.env_var.empty()) {
      sources_.environment = {{std::string(key.env_var), value}};
      check(load_ok({}), "the environment");
      sources_.environment.clear();
    }
    write("cwd/key.conf", "flyway." + name + "=" + value + "\n");
    check(load_ok({"-configFiles=key.conf"}), "flyway.conf");
    std::string section =
        key.scope == KeyScope::Environment ? "[environments.default]" : "[flyway]";
    write("cwd/key.toml",
          section + "\n" + name + " = " + (text ? "\"" + value + "\"" : value) + "\n");
    check(load_ok({"-configFiles=key.toml"}), "flyway.toml");
    ++checked;
  }
  EXPECT_GE(checked, 40);  // guards against the loop silently skipping everything
}

}  // namespace
}  // namespace runway
