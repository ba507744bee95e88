// Reads the input as the info JSON that `check -check.history` takes.
#include "check/history_rules.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)runway::parse_history_export(runway::fuzz::as_text(data, size), "history.json");
  return 0;
}
