// Reads the input as a flyway.toml file (with ${env.NAME} from a small environment) and binds
// what it accepts.
#include "bind_properties.h"
#include "core/config_toml_file.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = runway::fuzz::as_text(data, size);
  const std::map<std::string, std::string> environment = {{"HOME", "/home/runway"},
                                                          {"DB_URL", "jdbc:sqlite:fuzz.db"}};
  auto properties = runway::parse_toml(text, "flyway.toml", environment);
  if (properties) runway::fuzz::bind_properties(*properties, true);
  return 0;
}
