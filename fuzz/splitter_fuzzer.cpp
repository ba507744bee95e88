// Splits the input as a migration script of one dialect (RUNWAY_FUZZ_DIALECT, set by
// CMakeLists.txt), COPY data included, from a plain source and from one that hands out 1 to 7
// bytes per read. Besides the sanitizers' findings, both splits must agree, as in the unit tests.
#include "fuzz_check.h"
#include "support/split_outcome.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace runway;
  constexpr SqlDialect kDialect = SqlDialect::RUNWAY_FUZZ_DIALECT;
  const std::string text = fuzz::as_text(data, size);
  auto plain = text_from_string(text);
  testing::TrickleSource trickle(text);
  fuzz::check(testing::split_source(kDialect, *plain, {}).describe() ==
                  testing::split_source(kDialect, trickle, {}).describe(),
              "splitting in small reads gives the same statements");
  return 0;
}
