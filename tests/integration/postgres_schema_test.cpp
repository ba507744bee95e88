// Schemas, the history table's DDL, emptiness and clean, on a real PostgreSQL server.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/postgres_test_database.h"

namespace runway::test {
namespace {

using PostgresSchemaTest = PostgresConnectedTest;

void run_all(Database& db, const std::vector<std::string>& statements) {
  for (const std::string& statement : statements) {
    auto result = db.execute(statement);
    ASSERT_TRUE(result) << statement << ": " << result.error().message;
  }
}

// name, type, nullable, default, in column order.
std::vector<std::vector<SqlValue>> columns_of(Database& db, const std::string& schema,
                                              const std::string& table) {
  const SqlValue params[] = {schema, table};
  auto result = db.query(
      "SELECT column_name, data_type || coalesce('(' || character_maximum_length || ')', ''),"
      " is_nullable, column_default FROM information_schema.columns"
      " WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
      params);
  EXPECT_TRUE(result);
  return result ? result->rows : std::vector<std::vector<SqlValue>>{};
}

TEST_F(PostgresSchemaTest, HistoryTableMatchesTheSpec) {
  ASSERT_TRUE(db().create_schema("app"));
  run_all(db(), db().history_table_ddl("app", "flyway_schema_history", "", std::nullopt));

  const std::vector<std::vector<SqlValue>> expected = {
      {"installed_rank", "integer", "NO", std::nullopt},
      {"version", "character varying(50)", "YES", std::nullopt},
      {"description", "character varying(200)", "NO", std::nullopt},
      {"type", "character varying(20)", "NO", std::nullopt},
      {"script", "character varying(1000)", "NO", std::nullopt},
      {"checksum", "integer", "YES", std::nullopt},
      {"installed_by", "character varying(100)", "NO", std::nullopt},
      {"installed_on", "timestamp without time zone", "NO", "now()"},
      {"execution_time", "integer", "NO", std::nullopt},
      {"success", "boolean", "NO", std::nullopt},
  };
  EXPECT_EQ(columns_of(db(), "app", "flyway_schema_history"), expected);

  auto indexes = db().query(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'app'"
      " AND tablename = 'flyway_schema_history' ORDER BY indexname");
  ASSERT_TRUE(indexes);
  const std::vector<std::vector<SqlValue>> expected_indexes = {
      {"flyway_schema_history_pk",
       "CREATE UNIQUE INDEX flyway_schema_history_pk ON app.flyway_schema_history USING btree "
       "(installed_rank)"},
      {"flyway_schema_history_s_idx",
       "CREATE INDEX flyway_schema_history_s_idx ON app.flyway_schema_history USING btree "
       "(success)"},
  };
  EXPECT_EQ(indexes->rows, expected_indexes);
  EXPECT_EQ(query_text(db(),
                       "SELECT contype::text || ':' || conname FROM pg_constraint"
                       " WHERE conrelid = 'app.flyway_schema_history'::regclass"),
            "p:flyway_schema_history_pk");
  auto exists = db().table_exists("app", "flyway_schema_history");
  ASSERT_TRUE(exists);
  EXPECT_TRUE(*exists);
  exists = db().table_exists("app", "Flyway_Schema_History");  // quoted: case-sensitive
  ASSERT_TRUE(exists);
  EXPECT_FALSE(*exists);
}

TEST_F(PostgresSchemaTest, HistoryTableDdlPlacesBaselineAndTablespace) {
  const std::string insert =
      "INSERT INTO \"public\".\"hist\" (\"installed_rank\", \"version\", \"description\", "
      "\"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
      "VALUES (1, '1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, "
      "'postgres', 0, " +
      db().boolean_literal(true) + ")";
  auto statements = db().history_table_ddl("public", "hist", "pg_default", insert);
  ASSERT_EQ(statements.size(), 4u);
  EXPECT_TRUE(statements[0].starts_with("CREATE TABLE \"public\".\"hist\" ("));
  EXPECT_TRUE(statements[0].ends_with(") TABLESPACE \"pg_default\""));
  EXPECT_EQ(statements[1], insert);
  EXPECT_EQ(statements[2],
            "ALTER TABLE \"public\".\"hist\" ADD CONSTRAINT \"hist_pk\" PRIMARY KEY "
            "(\"installed_rank\") USING INDEX TABLESPACE \"pg_default\"");
  EXPECT_EQ(statements[3],
            "CREATE INDEX \"hist_s_idx\" ON \"public\".\"hist\" (\"success\") TABLESPACE "
            "\"pg_default\"");
  run_all(db(), statements);
  EXPECT_EQ(query_text(db(), "SELECT version || ' ' || type || ' ' || success FROM hist"),
            "1 BASELINE true");
  EXPECT_EQ(db().boolean_literal(false), "false");
}

TEST_F(PostgresSchemaTest, CurrentSchemaUserAndDatabase) {
  EXPECT_EQ(db().current_schema().value_or("?"), "public");
  EXPECT_EQ(db().current_user().value_or("?"), "postgres");
  EXPECT_EQ(db().database_name().value_or("?"), database().name());

  ASSERT_TRUE(db().create_schema("Mixed Case"));
  ConnectionOptions options = database().connection();
  options.url += "&currentSchema=%22Mixed%20Case%22";
  auto in_schema = connect(options);
  ASSERT_TRUE(in_schema);
  EXPECT_EQ(in_schema->current_schema().value_or("?"), "Mixed Case");
}

// Flyway's fallbacks: no existing schema on the path -> the path itself; empty -> an error.
TEST_F(PostgresSchemaTest, CurrentSchemaFallsBackToTheSearchPath) {
  ASSERT_TRUE(db().execute("SET search_path = not_there"));
  EXPECT_EQ(db().current_schema().value_or("?"), "not_there");
  ASSERT_TRUE(db().execute("SET search_path = ''"));
  auto empty = db().current_schema();
  ASSERT_FALSE(empty);
  EXPECT_TRUE(empty.error().message.starts_with(
      "Unable to determine current schema as search_path is empty."));
}

TEST_F(PostgresSchemaTest, CreateDropAndExists) {
  EXPECT_FALSE(db().schema_exists("s").value_or(true));
  ASSERT_TRUE(db().create_schema("s"));
  EXPECT_TRUE(db().schema_exists("s").value_or(false));
  ASSERT_TRUE(db().execute("CREATE TABLE s.t (n int)"));
  ASSERT_TRUE(db().drop_schema("s"));
  EXPECT_FALSE(db().schema_exists("s").value_or(true));
}

// Spec 5.4 step 3: what makes a schema non-empty on PostgreSQL.
TEST_F(PostgresSchemaTest, SchemaIsEmptyFollowsFlywaysDefinition) {
  struct Case {
    const char* object;
    bool empty;
  };
  const Case cases[] = {
      {"", true},
      {"CREATE TABLE s.t (n int)", false},
      {"CREATE VIEW s.v AS SELECT 1 AS n", false},
      {"CREATE SEQUENCE s.q", false},
      {"CREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'SELECT 1'", false},
      {"CREATE TYPE s.e AS ENUM ('a')", false},
      {"CREATE DOMAIN s.d AS int", false},
      {"CREATE MATERIALIZED VIEW s.m AS SELECT 1 AS n", true},
      {"CREATE TYPE s.c AS (a int)", true},  // a composite type alone does not count
  };
  for (const Case& c : cases) {
    ASSERT_TRUE(db().execute("DROP SCHEMA IF EXISTS s CASCADE"));
    ASSERT_TRUE(db().create_schema("s"));
    if (*c.object) {
      ASSERT_TRUE(db().execute(c.object)) << c.object;
    }
    auto empty = db().schema_is_empty("s");
    ASSERT_TRUE(empty) << empty.error().message;
    EXPECT_EQ(*empty, c.empty) << c.object;
  }
}

// An extension's own objects belong to the extension: they do not make the schema non-empty
// and clean does not drop them one by one, but drops the extension the user owns.
TEST_F(PostgresSchemaTest, ExtensionObjectsAreNotTheSchemasOwn) {
  ASSERT_TRUE(db().create_schema("ext"));
  ASSERT_TRUE(db().execute("CREATE EXTENSION citext SCHEMA ext"));  // contrib, ships with server
  EXPECT_TRUE(db().schema_is_empty("ext").value_or(false));
  ASSERT_TRUE(db().execute("CREATE TABLE ext.words (w ext.citext)"));
  EXPECT_FALSE(db().schema_is_empty("ext").value_or(true));

  auto cleaned = db().clean_schema("ext");
  ASSERT_TRUE(cleaned) << cleaned.error().message;
  EXPECT_EQ(query_text(db(), "SELECT count(*) FROM pg_extension WHERE extname = 'citext'"), "0");
}

TEST_F(PostgresSchemaTest, CleanDropsEveryKindOfObjectAndKeepsTheSchema) {
  ASSERT_TRUE(db().create_schema("app"));
  run_all(db(), db().history_table_ddl("app", "flyway_schema_history", "", std::nullopt));
  run_all(db(), {
                    "CREATE TYPE app.mood AS ENUM ('happy', 'sad')",
                    "CREATE DOMAIN app.positive AS int CHECK (VALUE > 0)",
                    "CREATE TYPE app.pair AS (a int, b int)",
                    "CREATE TYPE app.span AS RANGE (subtype = int4)",
                    "CREATE TYPE app.shell_only",
                    "CREATE SEQUENCE app.counter",
                    "CREATE TABLE app.parent (id serial PRIMARY KEY, m app.mood, p app.positive)",
                    "CREATE TABLE app.child (extra text) INHERITS (app.parent)",
                    "CREATE TABLE app.events (at date, n int) PARTITION BY RANGE (at)",
                    "CREATE TABLE app.events_2024 PARTITION OF app.events"
                    " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                    "CREATE TABLE app.ref (parent_id int REFERENCES app.parent)",
                    "CREATE VIEW app.v AS SELECT id FROM app.parent",
                    "CREATE VIEW app.vv AS SELECT id FROM app.v",
                    "CREATE MATERIALIZED VIEW app.mv AS SELECT id FROM app.parent",
                    "CREATE FUNCTION app.add(a int, b int) RETURNS int LANGUAGE sql"
                    " AS 'SELECT a + b'",
                    "CREATE FUNCTION app.add(a text, b text) RETURNS text LANGUAGE sql"
                    " AS 'SELECT a || b'",
                    "CREATE PROCEDURE app.noop(INOUT n int) LANGUAGE plpgsql AS $$BEGIN END$$",
                    "CREATE AGGREGATE app.total(int) (sfunc = int4pl, stype = int)",
                    "CREATE FUNCTION app.trg() RETURNS trigger LANGUAGE plpgsql"
                    " AS $$BEGIN RETURN NEW; END$$",
                    "CREATE TRIGGER t BEFORE INSERT ON app.parent FOR EACH ROW"
                    " EXECUTE FUNCTION app.trg()",
                    "CREATE COLLATION app.german (provider = libc, locale = 'C')",
                });
  ASSERT_FALSE(db().schema_is_empty("app").value_or(true));

  auto cleaned = db().clean_schema("app");
  ASSERT_TRUE(cleaned) << cleaned.error().message;
  EXPECT_FALSE(db().in_transaction());
  EXPECT_TRUE(db().schema_exists("app").value_or(false));
  EXPECT_TRUE(db().schema_is_empty("app").value_or(false));
  const char* leftovers =
      "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
      " WHERE n.nspname = 'app')"
      " + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
      " WHERE n.nspname = 'app')"
      " + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
      " WHERE n.nspname = 'app')"
      " + (SELECT count(*) FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace"
      " WHERE n.nspname = 'app')";
  EXPECT_EQ(query_text(db(), leftovers), "0");

  // Cleaning an empty schema is fine (Flyway cleans each schema twice).
  EXPECT_TRUE(db().clean_schema("app"));
}

TEST_F(PostgresSchemaTest, CleanLeavesOtherSchemasAlone) {
  run_all(db(), {"CREATE SCHEMA a", "CREATE SCHEMA b", "CREATE TABLE a.t (n int)",
                 "CREATE TABLE b.t (n int)"});
  ASSERT_TRUE(db().clean_schema("a"));
  EXPECT_TRUE(db().schema_is_empty("a").value_or(false));
  EXPECT_FALSE(db().schema_is_empty("b").value_or(true));
}

// Inside the caller's transaction, a failed clean is rolled back with it.
TEST_F(PostgresSchemaTest, CleanJoinsTheCallersTransaction) {
  run_all(db(), {"CREATE SCHEMA a", "CREATE TABLE a.t (n int)"});
  ASSERT_TRUE(db().begin());
  ASSERT_TRUE(db().clean_schema("a"));
  EXPECT_TRUE(db().in_transaction());
  ASSERT_TRUE(db().rollback());
  EXPECT_FALSE(db().schema_is_empty("a").value_or(true));
}

}  // namespace
}  // namespace runway::test
