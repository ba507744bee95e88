// Reads the input as a flyway.conf file (with ${VAR} expansion from a small environment) and
// as a script's .conf file, and binds what the flyway.conf reader accepts.
#include "bind_properties.h"
#include "core/config_conf_file.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = runway::fuzz::as_text(data, size);
  (void)runway::parse_properties(text);
  const std::map<std::string, std::string> environment = {{"HOME", "/home/runway"},
                                                          {"DB_URL", "jdbc:sqlite:fuzz.db"}};
  auto properties = runway::parse_conf(text, environment);
  if (properties) runway::fuzz::bind_properties(*properties, true);
  return 0;
}
