// Replaces placeholders in the input, streamed from a plain source and from one that hands
// out 1 to 7 bytes per read (placeholders then straddle reads); both must give the same text
// or the same error. The first byte picks the placeholder syntax.
#include <array>

#include "fuzz_check.h"
#include "runway/placeholders.h"
#include "support/split_outcome.h"

namespace {

using runway::PlaceholderSyntax;

// The default, a one-character pair, a prefix equal to its suffix, a long suffix.
const std::array<PlaceholderSyntax, 4> kSyntaxes = {
    PlaceholderSyntax{},
    PlaceholderSyntax{"#", "#", ":"},
    PlaceholderSyntax{"%%", "%%", "."},
    PlaceholderSyntax{"<<", ">>>", "::"},
};

std::string replaced(std::unique_ptr<runway::TextSource> text, const PlaceholderSyntax& syntax) {
  runway::PlaceholderValues values;
  values.set("name", "value");
  values.set("empty", "");
  values.set("lines", "a\nb\n");
  values.set("nested", syntax.prefix + "name" + syntax.suffix);
  values.set("flyway" + syntax.separator + "table", "flyway_schema_history");
  auto source = runway::replace_placeholders(std::move(text), values, syntax, "V1__fuzz.sql");
  auto all = runway::read_all(*source);
  return all ? "text: " + *all : "error: " + all.error().message;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const PlaceholderSyntax& syntax = kSyntaxes[data[0] % kSyntaxes.size()];
  const std::string text = runway::fuzz::as_text(data + 1, size - 1);
  runway::fuzz::check(replaced(runway::text_from_string(text), syntax) ==
                          replaced(std::make_unique<runway::testing::TrickleSource>(text), syntax),
                      "replacing in small reads gives the same text");
  return 0;
}
