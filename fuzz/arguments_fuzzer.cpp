// Parses the input as a command line, one argument per line, and binds its -key=value
// settings. Configuration files are not loaded: -configFiles could name any file here.
#include "bind_properties.h"
#include "cli/arguments.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = runway::fuzz::as_text(data, size);
  std::vector<std::string> args;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    args.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  auto parsed = runway::parse_arguments(args);
  if (!parsed) return 0;
  std::vector<runway::Property> properties;
  for (const auto& [name, value] : parsed->settings) properties.push_back({name, value});
  runway::fuzz::bind_properties(properties, false);
  return 0;
}
