// The advisory lock key that Java Flyway and runway agree on (spec 8.3), so that the two
// tools exclude each other when they migrate the same database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runway/driver.h"

namespace runway::postgres {

// Java's String.hashCode() of `text` (UTF-8 here, UTF-16 code units there), as signed 32 bits.
std::int32_t java_string_hash(std::string_view text);

// 0x466C79776179 ("Flyway") + java_string_hash of the quoted `"<schema>"."<table>"`.
std::int64_t advisory_lock_key(std::string_view qualified_table);

// The statement that tries to take lock `key` without waiting; it returns true or false.
std::string try_lock_sql(LockScope scope, std::int64_t key);

}  // namespace runway::postgres
