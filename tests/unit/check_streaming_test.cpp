// check reads each script as a stream: where the chunks of text happen to end must change
// nothing it finds.
#include <gmock/gmock.h>

#include <optional>
#include <string>
#include <vector>

#include "check/placeholder_scan.h"
#include "check/script_decoding.h"
#include "check/stream_search.h"
#include "support/temp_dir.h"

namespace runway {
namespace {

using ::testing::ElementsAre;

// Every use, fed `chunk` bytes at a time, as "name@line" (+ "!" when never closed).
std::vector<std::string> uses_in_chunks(const std::string& text, const PlaceholderSyntax& syntax,
                                        std::size_t chunk) {
  std::vector<std::string> out;
  PlaceholderScanner scanner(syntax, [&](PlaceholderUse use) {
    out.push_back(use.name + "@" + std::to_string(use.line) + (use.terminated ? "" : "!") + "#" +
                  std::to_string(use.name_offset) + "+" + std::to_string(use.name_size));
  });
  for (std::size_t at = 0; at < text.size(); at += chunk) scanner.feed(text.substr(at, chunk));
  scanner.finish();
  return out;
}

TEST(PlaceholderScanner, FindsUsesWithTheirLineAndPlace) {
  EXPECT_THAT(uses_in_chunks("SELECT ${a};\n\n${b}${c} ${d", PlaceholderSyntax{}, 100),
              ElementsAre("a@1#9+1", "b@3#16+1", "c@3#20+1", "d@3!#25+1"));
}

TEST(PlaceholderScanner, ChunkBoundariesChangeNothing) {
  const PlaceholderSyntax dollar;
  const PlaceholderSyntax long_marks{"<<%", "%>>", ":"};
  const std::vector<std::pair<std::string, PlaceholderSyntax>> cases = {
      {"SELECT '${owner}', $x, ${ ${a}}\n${flyway:filename}\n$${b}$ ${c", dollar},
      {"$$ $ {x} ${}${}} $", dollar},
      {"<<%a%>> <<<%b%%>> <%<<%c\n%>%>>%>> <<%d%>", long_marks},
      {"<<%<<%x%>>%>> %>>%>> <<", long_marks},
  };
  for (const auto& [text, syntax] : cases) {
    const std::vector<std::string> whole = uses_in_chunks(text, syntax, text.size());
    for (std::size_t chunk = 1; chunk < 10; ++chunk) {
      EXPECT_EQ(uses_in_chunks(text, syntax, chunk), whole) << text << " in chunks of " << chunk;
    }
  }
}

TEST(PlaceholderScanner, KeepsOnlyTheStartOfALongName) {
  std::vector<PlaceholderUse> uses;
  PlaceholderScanner scanner(
      PlaceholderSyntax{}, [&](PlaceholderUse use) { uses.push_back(std::move(use)); }, 8);
  scanner.feed("${" + std::string(20, 'n') + "} ${short} ${");
  EXPECT_TRUE(scanner.found_any());
  for (int i = 0; i < 1000; ++i) scanner.feed("never closed ");
  scanner.finish();
  ASSERT_EQ(uses.size(), 3u);
  EXPECT_EQ(uses[0].name, "nnnnnnnn");
  EXPECT_FALSE(uses[0].name_complete);
  EXPECT_EQ(uses[0].name_offset, 2u);
  EXPECT_EQ(uses[0].name_size, 20u);
  EXPECT_TRUE(uses[1].name_complete);
  EXPECT_EQ(uses[1].name, "short");
  EXPECT_FALSE(uses[2].terminated);
  EXPECT_EQ(uses[2].name, "never cl");
  EXPECT_EQ(uses[2].name_size, 13u * 1000);
}

TEST(NeedleWatch, SeesTheNeedleAcrossEveryBoundary) {
  const std::string text = "SELECT 1; -- runway:ignore PG007\n";
  for (std::size_t split = 0; split <= text.size(); ++split) {
    NeedleWatch watch("runway:ignore");
    watch.feed(text.substr(0, split));
    watch.feed(text.substr(split));
    EXPECT_TRUE(watch.found()) << "split at " << split;
  }
  NeedleWatch bytes("runway:ignore");
  for (char c : text) bytes.feed(std::string_view(&c, 1));
  EXPECT_TRUE(bytes.found());
  NeedleWatch almost("runway:ignore");
  for (std::string_view piece : {"-- runw", "ay:ign", "or", "x runway:ignor"}) almost.feed(piece);
  EXPECT_FALSE(almost.found());
}

TEST(ScriptDecoding, SaysWhereAFileStopsDecodingAcrossChunks) {
  testing::TempDir dir;
  const auto why = [](const std::string& path) {
    const std::optional<Error> error = why_unreadable(path, "UTF-8");
    return error ? error->message : "readable";
  };
  const std::string ascii(100000, 'a');  // longer than a chunk
  EXPECT_EQ(why(dir.write("bad.sql", ascii + "\xE9 tail")),
            "cannot be decoded as UTF-8: invalid byte at offset 100000");
  EXPECT_EQ(why(dir.write("cut.sql", ascii + "\xC3")),
            "cannot be decoded as UTF-8: it ends inside a character");
  EXPECT_EQ(why(dir.str() + "/missing.sql"), "cannot be read");
  EXPECT_EQ(why(dir.write("good.sql", ascii + "\xC3\xA9")), "readable");
  EXPECT_EQ(decode_script("\xEF\xBB\xBFSELECT 'caf\xC3\xA9';", "UTF-8"), "SELECT 'caf\xC3\xA9';");
}

}  // namespace
}  // namespace runway
