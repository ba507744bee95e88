// SQL fragments shared by the catalog queries of schema_is_empty() and clean_schema().
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace runway::postgres {

// A condition that holds when the object `oid` of system catalog `catalog` (pg_class,
// pg_type, ...) is not a member of an extension. Flyway leaves such objects alone: they
// belong to the extension, which creates and drops them.
inline std::string not_extension_member(std::string_view catalog, std::string_view oid) {
  return fmt::format(
      "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = "
      "'pg_catalog.{}'::regclass AND e.objid = {} AND e.deptype = 'e')",
      catalog, oid);
}

}  // namespace runway::postgres
