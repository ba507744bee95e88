// clean on PostgreSQL (spec 5.7): drops every object of a schema, the history table included,
// and leaves the schema itself. Objects that belong to an extension are left alone.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "db/postgres/postgres_catalog.h"
#include "db/postgres/postgres_database.h"

namespace runway::postgres {
namespace {

// Relations of the given relkinds in schema $1, as `drop` statements (a format() pattern).
std::string drop_relations(std::string_view relkinds, std::string_view drop,
                           std::string_view extra_condition = "") {
  return fmt::format(
      "SELECT format('{}', n.nspname, c.relname) FROM pg_catalog.pg_class c"
      " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      " WHERE n.nspname = $1 AND c.relkind IN ({}) AND {}{}",
      drop, relkinds, not_extension_member("pg_class", "c.oid"), extra_condition);
}

// Types of typtype `typtypes` in schema $1, as `drop` statements.
std::string drop_types(std::string_view typtypes, std::string_view drop) {
  return fmt::format(
      "SELECT format('{}', n.nspname, t.typname) FROM pg_catalog.pg_type t"
      " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
      " WHERE n.nspname = $1 AND t.typtype IN ({}) AND {}",
      drop, typtypes, not_extension_member("pg_type", "t.oid"));
}

// Base, pseudo, enum, range and stand-alone composite types (not arrays, domains, or the
// multirange types that go with their range). A base type and its I/O functions need each
// other, so the first pass drops the types with CASCADE and puts back empty shell types for
// the routines pass to clean up after; the second pass drops the shells.
std::string drop_base_types(bool recreate_shells) {
  return fmt::format(
      "SELECT format('DROP TYPE IF EXISTS %I.%I CASCADE', n.nspname, t.typname),"
      " CASE WHEN {} AND t.typcategory IN ('P', 'U')"
      " THEN format('CREATE TYPE %I.%I', n.nspname, t.typname) END"
      " FROM pg_catalog.pg_type t"
      " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
      " WHERE n.nspname = $1 AND t.typtype NOT IN ('d', 'm')"
      " AND (t.typrelid = 0 OR EXISTS (SELECT 1 FROM pg_catalog.pg_class r"
      " WHERE r.oid = t.typrelid AND r.relkind = 'c'))"
      " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type el"
      " WHERE el.oid = t.typelem AND el.typarray = t.oid)"
      " AND {}",
      recreate_shells ? "true" : "false", not_extension_member("pg_type", "t.oid"));
}

std::string drop_routines() {
  return fmt::format(
      "SELECT format('DROP %s IF EXISTS %I.%I(%s) CASCADE',"
      " CASE p.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,"
      " n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid))"
      " FROM pg_catalog.pg_proc p"
      " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
      " WHERE n.nspname = $1 AND {}",
      not_extension_member("pg_proc", "p.oid"));
}

std::string drop_collations() {
  return fmt::format(
      "SELECT format('DROP COLLATION IF EXISTS %I.%I CASCADE', n.nspname, c.collname)"
      " FROM pg_catalog.pg_collation c"
      " JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace"
      " WHERE n.nspname = $1 AND {}",
      not_extension_member("pg_collation", "c.oid"));
}

// Flyway drops only the extensions the connected user owns.
constexpr std::string_view kDropExtensions =
    "SELECT format('DROP EXTENSION IF EXISTS %I CASCADE', e.extname)"
    " FROM pg_catalog.pg_extension e"
    " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace"
    " WHERE n.nspname = $1"
    " AND e.extowner = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user)";

// Flyway's order. Each query runs just before its drops, so it does not list what an earlier
// CASCADE took along (IF EXISTS covers what a drop in the same step takes along).
std::vector<std::string> clean_steps() {
  return {
      drop_relations("'m'", "DROP MATERIALIZED VIEW IF EXISTS %I.%I CASCADE"),
      drop_relations("'v'", "DROP VIEW IF EXISTS %I.%I CASCADE"),
      // Inherited tables and partitions go with their parent's CASCADE.
      drop_relations("'r', 'p'", "DROP TABLE IF EXISTS %I.%I CASCADE",
                     " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i"
                     " WHERE i.inhrelid = c.oid)"),
      drop_base_types(true),
      drop_routines(),
      drop_types("'e'", "DROP TYPE IF EXISTS %I.%I"),
      drop_types("'d'", "DROP DOMAIN IF EXISTS %I.%I CASCADE"),
      drop_relations("'S'", "DROP SEQUENCE IF EXISTS %I.%I"),
      drop_base_types(false),
      drop_collations(),
      std::string(kDropExtensions),
  };
}

}  // namespace

// All or nothing: unless the caller has a transaction open, the drops run in one.
Result<void> PostgresDatabase::clean_schema(const std::string& schema) {
  const bool own_transaction = !in_transaction();
  if (own_transaction) RUNWAY_TRY(begin());
  Result<void> cleaned;
  for (const std::string& step : clean_steps()) {
    cleaned = execute_generated(step, schema);
    if (!cleaned) break;
  }
  if (!own_transaction) return cleaned;
  if (!cleaned) {
    (void)rollback();  // the drop's error is the one worth reporting
    return cleaned;
  }
  return commit();
}

}  // namespace runway::postgres
