// Schemas, tables and the history table's DDL on PostgreSQL.
#include <fmt/format.h>

#include "db/postgres/postgres_catalog.h"
#include "db/postgres/postgres_database.h"

namespace runway::postgres {
namespace {

Result<std::string> required_text(Result<SqlValue> value) {
  if (!value) return std::unexpected(std::move(value).error());
  return value->value_or("");
}

}  // namespace

Result<std::string> PostgresDatabase::current_schema() {
  RUNWAY_ASSIGN(schema, required_text(query_value("SELECT pg_catalog.current_schema()")));
  if (!schema.empty()) return schema;
  // No schema of the search_path exists; Flyway then takes the search_path itself.
  // An emptied path shows as "" (SET search_path = ''): Flyway would take that for a schema
  // name, runway reports it.
  RUNWAY_ASSIGN(search_path, required_text(query_value("SHOW search_path")));
  if (!search_path.empty() && search_path != "\"\"") return search_path;
  return fail(ErrorCode::Error,
              "Unable to determine current schema as search_path is empty. Set the current "
              "schema in currentSchema parameter of the JDBC URL or in Flyway's schemas property.");
}

// Spec 5.4.1: unless the connection's search_path already starts with the schema.
Result<std::string> PostgresDatabase::search_path_starting_with(const std::string& schema) {
  RUNWAY_ASSIGN(original, required_text(query_value("SHOW search_path")));
  if (original == schema || original.starts_with(schema + ",")) return std::string();
  return quote(schema) + (original.empty() ? "" : "," + original);
}

Result<std::string> PostgresDatabase::current_user() {
  return required_text(query_value("SELECT current_user"));
}

Result<std::string> PostgresDatabase::database_name() {
  return required_text(query_value("SELECT pg_catalog.current_database()"));
}

Result<bool> PostgresDatabase::schema_exists(const std::string& schema) {
  const SqlValue params[] = {schema};
  return query_flag("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1)",
                    params);
}

// Flyway's definition (spec 5.4 step 3): an ordinary table, view, sequence or TOAST table, a
// type other than an array or composite type, or a function makes a schema non-empty, unless
// it belongs to an extension. Materialized views, foreign and partitioned tables alone do not.
Result<bool> PostgresDatabase::schema_is_empty(const std::string& schema) {
  const SqlValue params[] = {schema};
  return query_flag(fmt::format("SELECT NOT EXISTS ("
                                " SELECT 1 FROM pg_catalog.pg_class c"
                                " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                                " WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'S', 't') AND {}"
                                " UNION ALL"
                                " SELECT 1 FROM pg_catalog.pg_type t"
                                " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                                " WHERE n.nspname = $1 AND t.typcategory NOT IN ('A', 'C') AND {}"
                                " UNION ALL"
                                " SELECT 1 FROM pg_catalog.pg_proc p"
                                " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                                " WHERE n.nspname = $1 AND {})",
                                not_extension_member("pg_class", "c.oid"),
                                not_extension_member("pg_type", "t.oid"),
                                not_extension_member("pg_proc", "p.oid")),
                    params);
}

Result<void> PostgresDatabase::create_schema(const std::string& schema) {
  RUNWAY_TRY(execute("CREATE SCHEMA " + quote(schema)));
  return {};
}

Result<void> PostgresDatabase::drop_schema(const std::string& schema) {
  RUNWAY_TRY(execute("DROP SCHEMA " + quote(schema) + " CASCADE"));
  return {};
}

// Anything a SELECT could read counts, as pgjdbc's getTables (all types) does for Flyway.
Result<bool> PostgresDatabase::table_exists(const std::string& schema, const std::string& table) {
  const SqlValue params[] = {schema, table};
  return query_flag(
      "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c"
      " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      " WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f'))",
      params);
}

// Spec 4.2, as Flyway's PostgreSQLDatabase.getRawCreateScript writes it.
std::vector<std::string> PostgresDatabase::history_table_ddl(
    const std::string& schema, const std::string& table, const std::string& tablespace,
    const std::optional<std::string>& baseline_insert) const {
  const std::string qualified = quote(schema) + "." + quote(table);
  const std::string in_tablespace = tablespace.empty() ? "" : " TABLESPACE " + quote(tablespace);
  std::vector<std::string> statements;
  statements.push_back("CREATE TABLE " + qualified +
                       " (\n"
                       "    \"installed_rank\" INT NOT NULL,\n"
                       "    \"version\" VARCHAR(50),\n"
                       "    \"description\" VARCHAR(200) NOT NULL,\n"
                       "    \"type\" VARCHAR(20) NOT NULL,\n"
                       "    \"script\" VARCHAR(1000) NOT NULL,\n"
                       "    \"checksum\" INTEGER,\n"
                       "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                       "    \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),\n"
                       "    \"execution_time\" INTEGER NOT NULL,\n"
                       "    \"success\" BOOLEAN NOT NULL\n"
                       ")" +
                       in_tablespace);
  if (baseline_insert) statements.push_back(*baseline_insert);
  statements.push_back("ALTER TABLE " + qualified + " ADD CONSTRAINT " + quote(table + "_pk") +
                       " PRIMARY KEY (\"installed_rank\")" +
                       (tablespace.empty() ? "" : " USING INDEX" + in_tablespace));
  statements.push_back("CREATE INDEX " + quote(table + "_s_idx") + " ON " + qualified +
                       " (\"success\")" + in_tablespace);
  return statements;
}

}  // namespace runway::postgres
