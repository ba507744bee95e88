// check reads each script as a stream: where the chunks of text happen to end must change
// nothing it finds, and it reads a script as few times as the script allows.
#include <gmock/gmock.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "check/placeholder_scan.h"
#include "check/script_decoding.h"
#include "check/script_review.h"
#include "check/stream_search.h"
#include "runway/checksum.h"
#include "support/split_outcome.h"
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

struct Review {
  ReviewedScript script;
  int reads = 0;  // how many times the text was opened
};

// Reviews `text` read whole, or in reads of 1 to 7 bytes.
Review review(const std::string& text, bool trickle = false, const Settings& settings = {},
              const std::string& file_name = "V1__x.sql") {
  PlaceholderValues values;
  values.set("owner", "app");
  values.set("ign", "-- runway:ignore PG007");
  const std::set<std::string> database_placeholders = {"flyway:database"};
  const ScriptConfig no_script_config;
  const ScriptReviewContext context{settings, no_script_config, values, database_placeholders,
                                    SqlDialect::Postgres};
  Review review;
  const ScriptOpener open = [&]() -> Result<std::unique_ptr<TextSource>> {
    ++review.reads;
    if (trickle) return std::make_unique<testing::TrickleSource>(text);
    return text_from_string(text);
  };
  auto reviewed = review_script(open, file_name, file_name, context);
  EXPECT_TRUE(reviewed) << reviewed.error().message;
  if (reviewed) review.script = std::move(*reviewed);
  return review;
}

std::vector<std::string> described(const ReviewedScript& script) {
  std::vector<std::string> out;
  for (const Finding& f : script.findings) {
    out.push_back(f.rule + "@" + std::to_string(f.line) + " " + f.message);
  }
  out.push_back("checksum " + std::to_string(script.checksum) + " replaced " +
                (script.replaced_checksum ? std::to_string(*script.replaced_checksum) : "none"));
  return out;
}

TEST(StreamedReview, ChunkBoundariesChangeNoFindingAndNoChecksum) {
  const std::vector<std::string> scripts = {
      "GRANT SELECT ON t TO ${owner};\nSELECT '${tenant}', '${tenant}';\nDROP TABLE ${owner}_x;",
      "SELECT '${flyway:database}';\n${ign}\nDROP TABLE t; -- runway:ignore PG010\n",
      "DROP TABLE a;\n;\n-- runway:ignore PG007\n;\nDROP TABLE b; -- runway:ignore PG007",
      "CREATE INDEX CONCURRENTLY i ON t (a);\nVACUUM t; -- runway:ignore PG002\nSELECT 1;",
      "DROP TABLE x;\nSELECT '${never closed;\nDROP TABLE y;",
      "SELECT 'open;\n${owner}",
      "-- only a comment\n",
  };
  for (const std::string& text : scripts) {
    EXPECT_EQ(described(review(text, true).script), described(review(text).script)) << text;
  }
}

TEST(StreamedReview, ChecksumsAreOfTheTextAsWrittenAndAsReplaced) {
  const std::string text = "CREATE VIEW v AS SELECT '${owner}' AS o;\r\n";
  const ReviewedScript script = review(text, true, {}, "R__v.sql").script;
  EXPECT_EQ(script.checksum, checksum_of(text));
  EXPECT_EQ(script.replaced_checksum, checksum_of("CREATE VIEW v AS SELECT 'app' AS o;\r\n"));
  // Without a value for every placeholder, there is no replaced checksum to compare.
  EXPECT_EQ(review("SELECT '${tenant}';").script.replaced_checksum, std::nullopt);
}

TEST(StreamedReview, ANameTooLongToKeepIsReadAgainWhole) {
  const std::string name(PlaceholderScanner::kLongestKeptName + 10, 'n');
  const ReviewedScript script = review("SELECT '${" + name + "}';").script;
  ASSERT_EQ(script.findings.size(), 1u);
  EXPECT_EQ(script.findings[0].message, "no value provided for placeholder ${" + name + "}");
}

TEST(StreamedReview, ReadsAScriptOnceUnlessItNeedsMore) {
  // The usual script: one read for the checksum, the placeholders and the statements.
  EXPECT_EQ(review("CREATE TABLE t (id int);\nDROP TABLE old;\n").reads, 1);
  // Placeholders: the statements are read again with their values.
  EXPECT_EQ(review("SELECT '${owner}';\n").reads, 2);
  // A DDL finding and a runway:ignore comment: the comments are read too.
  EXPECT_EQ(review("-- runway:ignore PG007\nDROP TABLE old;\n").reads, 2);
  // A runway:ignore comment without a finding costs nothing.
  EXPECT_EQ(review("-- runway:ignore PG007\nSELECT 1;\n").reads, 1);
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
