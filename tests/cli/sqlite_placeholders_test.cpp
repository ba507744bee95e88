// Placeholders end to end (spec 7.8, 3.2): every source of values, the built-ins, custom
// syntax, switching replacement off, undefined names, and what a value change re-applies.
#include <gmock/gmock.h>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class SqlitePlaceholdersTest : public SqliteCliTest {};

TEST_F(SqlitePlaceholdersTest, RepeatableIsReappliedOnlyWhenAValueChanges) {
  migration("V1__table.sql", "CREATE TABLE ${tbl} (id INT);\n");
  migration("R__greeting.sql",
            "DROP VIEW IF EXISTS greeting;\nCREATE VIEW greeting AS SELECT '${greeting}' AS g;\n");

  auto first = runway({"migrate", "-placeholders.tbl=items", "-placeholders.greeting=hello"});
  ASSERT_EQ(first.exit_code, 0) << describe(first);
  EXPECT_EQ(sqlite_value(db(), "SELECT g FROM greeting"), "hello");
  ASSERT_EQ(history().size(), 2u);

  auto unchanged = runway({"migrate", "-placeholders.tbl=items", "-placeholders.greeting=hello"});
  ASSERT_EQ(unchanged.exit_code, 0) << describe(unchanged);
  EXPECT_THAT(unchanged.err, HasSubstr("is up to date. No migration necessary."));
  EXPECT_EQ(history().size(), 2u);

  auto outdated = runway({"info", "-placeholders.tbl=other", "-placeholders.greeting=bye"});
  EXPECT_THAT(outdated.out, HasSubstr("| Outdated "));

  // The versioned migration's checksum covers its raw text: a new ${tbl} is no mismatch.
  auto changed = runway({"migrate", "-placeholders.tbl=other", "-placeholders.greeting=bye"});
  ASSERT_EQ(changed.exit_code, 0) << describe(changed);
  EXPECT_THAT(changed.err, HasSubstr("Successfully applied 1 migration"));
  EXPECT_EQ(sqlite_value(db(), "SELECT g FROM greeting"), "bye");
  EXPECT_FALSE(table_exists("other"));
  auto rows = history();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2][2], "greeting");
  EXPECT_NE(rows[2][5], rows[1][5]) << "the re-applied row holds the new replaced checksum";
}

TEST_F(SqlitePlaceholdersTest, ValuesComeFromEveryConfigurationSource) {
  migration("V1__values.sql",
            "CREATE TABLE v (source TEXT, value TEXT);\n"
            "INSERT INTO v VALUES ('arg', '${from_arg}'), ('conf', '${from_conf}'), "
            "('env', '${From_Env}');\n");
  dir_.write("app.conf", "flyway.placeholders.from_conf=c\n");
  auto conf = run_runway({"-url=jdbc:sqlite:" + db(), "-locations=filesystem:sql",
                          "-configFiles=app.conf", "-placeholders.from_arg=a", "migrate"},
                         dir_.str(), {{"FLYWAY_PLACEHOLDERS_FROM_ENV", "e"}});
  ASSERT_EQ(conf.exit_code, 0) << describe(conf);
  EXPECT_EQ(sqlite_value(db(), "SELECT group_concat(source || '=' || value, ',') FROM v"),
            "arg=a,conf=c,env=e");
}

TEST_F(SqlitePlaceholdersTest, TomlPlaceholdersTable) {
  migration("V1__values.sql", "CREATE TABLE v (value TEXT);\nINSERT INTO v VALUES ('${owner}');\n");
  dir_.write("flyway.toml",
             "[environments.default]\nurl = \"jdbc:sqlite:" + db() +
                 "\"\n[flyway]\nlocations = [\"filesystem:sql\"]\n[flyway.placeholders]\nowner = "
                 "\"toml\"\n");
  auto result = run_runway({"migrate"}, dir_.str());
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(sqlite_value(db(), "SELECT value FROM v"), "toml");
}

TEST_F(SqlitePlaceholdersTest, BuiltInPlaceholders) {
  migration(
      "V1__builtins.sql",
      "CREATE TABLE b (name TEXT, value TEXT);\n"
      "INSERT INTO b VALUES ('defaultSchema', '${flyway:defaultSchema}'),\n"
      "  ('user', '${flyway:user}'), ('timestamp', '${flyway:timestamp}'),\n"
      "  ('filename', '${flyway:filename}'), ('workingDirectory', '${flyway:workingDirectory}'),\n"
      "  ('table', '${flyway:table}'), ('environment', '${FLYWAY:ENVIRONMENT}');\n");
  auto result = runway({"migrate", "-table=history"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  auto value = [&](const std::string& name) {
    return sqlite_value(db(), "SELECT value FROM b WHERE name='" + name + "'").value_or("<none>");
  };
  EXPECT_EQ(value("defaultSchema"), "main");
  EXPECT_EQ(value("user"), "");
  EXPECT_THAT(value("timestamp"),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}"));
  EXPECT_EQ(value("filename"), "V1__builtins.sql");
  EXPECT_EQ(value("workingDirectory"), dir_.str());
  EXPECT_EQ(value("table"), "history");
  EXPECT_EQ(value("environment"), "default");
}

TEST_F(SqlitePlaceholdersTest, DatabaseNameIsUnavailableOnSqlite) {
  migration("V1__db.sql",
            "CREATE TABLE d (name TEXT);\nINSERT INTO d VALUES ('${flyway:database}');\n");
  auto result = runway({"migrate"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err,
              HasSubstr("Failed to populate value for default placeholder: ${flyway:database}"));
  EXPECT_THAT(result.err, HasSubstr(sql_dir() + "/V1__db.sql line 2"));
  EXPECT_FALSE(table_exists("d"));
}

TEST_F(SqlitePlaceholdersTest, CustomPrefixSuffixAndSeparator) {
  migration("V1__custom.sql",
            "CREATE TABLE c (a TEXT, b TEXT, c TEXT);\n"
            "INSERT INTO c VALUES ('#[who]', '#[flyway::table]', '${who}');\n");
  auto result = runway({"migrate", "-placeholderPrefix=#[", "-placeholderSuffix=]",
                        "-placeholderSeparator=::", "-placeholders.who=me"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(sqlite_value(db(), "SELECT a || '|' || b || '|' || c FROM c"),
            "me|flyway_schema_history|${who}");
}

TEST_F(SqlitePlaceholdersTest, ReplacementCanBeSwitchedOff) {
  migration("V1__literal.sql",
            "CREATE TABLE l (t TEXT);\nINSERT INTO l VALUES ('${not_a_placeholder}');\n");
  migration("R__literal.sql", "CREATE VIEW IF NOT EXISTS lv AS SELECT '${raw}' AS t;\n");
  auto result = runway({"migrate", "-placeholderReplacement=false"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(sqlite_value(db(), "SELECT t FROM l"), "${not_a_placeholder}");
  EXPECT_EQ(sqlite_value(db(), "SELECT t FROM lv"), "${raw}");
}

TEST_F(SqlitePlaceholdersTest, UndefinedPlaceholderNamesFileAndLine) {
  migration("V1__ok.sql", "CREATE TABLE ok (id INT);\n");
  migration("V2__missing.sql", "CREATE TABLE m (id INT);\n\nINSERT INTO m VALUES (${missing});\n");
  auto migrate = runway({"migrate"});
  EXPECT_EQ(migrate.exit_code, 1) << describe(migrate);
  // Flyway's words, with where the placeholder is on the line under them.
  EXPECT_THAT(migrate.err, HasSubstr("Unable to parse statement in " + sql_dir() +
                                     "/V2__missing.sql at line 3 col 23. See "
                                     "https://rd.gt/3ipi7Pm for more information. No value "
                                     "provided for placeholder: ${missing}.  Check your "
                                     "configuration!\n(" +
                                     sql_dir() + "/V2__missing.sql line 3 col 23)"));
  EXPECT_FALSE(table_exists("m"));
  EXPECT_EQ(history().size(), 1u) << "V1 applied, V2 left pending";
  // A versioned migration's text is only read when it runs, so info still works.
  EXPECT_EQ(runway({"info"}).exit_code, 0);

  // A repeatable's checksum needs its replaced text, so every command reports it.
  migration("R__view.sql", "CREATE VIEW v AS\nSELECT ${column} FROM ok;\n");
  auto info = runway({"info"});
  EXPECT_EQ(info.exit_code, 1) << describe(info);
  EXPECT_THAT(info.err, HasSubstr("No value provided for placeholder: ${column}.  Check your "
                                  "configuration!\n(" +
                                  sql_dir() + "/R__view.sql line 2 col 8)"));
}

TEST_F(SqlitePlaceholdersTest, InitSqlIsReplacedToo) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto result =
      runway({"migrate", "-initSql=PRAGMA user_version = ${version}", "-placeholders.version=42"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(sqlite_value(db(), "PRAGMA user_version"), "42");

  auto undefined = runway({"info", "-initSql=PRAGMA user_version = ${nope}"});
  EXPECT_EQ(undefined.exit_code, 1);
  EXPECT_THAT(undefined.err, HasSubstr("No value provided for placeholder: ${nope}.  Check your "
                                       "configuration!\n(initSql line 1 col 23)"));
}

TEST_F(SqlitePlaceholdersTest, ReservedPrefixIsRejected) {
  migration("V1__a.sql", "SELECT 1;\n");
  auto result = runway({"info", "-placeholders.flyway:mine=x"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr("Invalid placeholder ('flyway:' prefix is reserved): flyway:mine"));
}

}  // namespace
}  // namespace runway::testing
