// Parses the input as a migration file name with Flyway's default naming, and as a version.
// A version must survive a round trip through its normalised spelling.
#include "fuzz_check.h"
#include "runway/naming.h"
#include "runway/version.h"

namespace {

void check_version(std::string_view text) {
  using runway::MigrationVersion;
  auto version = MigrationVersion::parse(text);
  if (!version || !version->is_regular()) return;
  auto again = MigrationVersion::parse(version->normalized());
  runway::fuzz::check(again.has_value() && *again == *version,
                      "a version equals its normalised spelling");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = runway::fuzz::as_text(data, size);
  check_version(text);
  auto name = runway::parse_migration_name(text, runway::NamingConventions{});
  if (name && !name->raw_version.empty()) check_version(name->raw_version);
  return 0;
}
