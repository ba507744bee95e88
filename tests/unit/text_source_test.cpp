// Reading and strictly decoding script files (spec 3.1, 3.5, 9.1).
#include "runway/text_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace runway::testing {
namespace {

// Issue 11: Flyway's advice names flyway.detectEncoding, which runway refuses; runway's names
// what it accepts.
constexpr const char* kEncodingAdvice =
    "\nPlease ensure you have configured the correct file encoding with -encoding=<charset> "
    "(flyway.encoding), for example -encoding=ISO-8859-1";

class TextSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("runway-text-source-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::string write(const std::string& bytes) {
    const std::string path = (directory_ / "V1__script.sql").string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  Result<std::string> decode(const std::string& bytes, const std::string& encoding) {
    RUNWAY_ASSIGN(source, open_script(write(bytes), encoding));
    return read_all(*source);
  }

  // The cause of a decoding failure, which names the byte offset.
  std::string failure_cause(const std::string& bytes, const std::string& encoding = "UTF-8") {
    const std::string path = write(bytes);
    auto source = open_script(path, encoding);
    if (!source) return "open failed: " + source.error().message;
    auto text = read_all(**source);
    if (text) return "decoded: " + *text;
    EXPECT_EQ(text.error().code, ErrorCode::Error);
    EXPECT_EQ(text.error().message, "Unable to calculate checksum of " +
                                        path.substr(path.find_last_of('/') + 1) + "\n(" + path +
                                        ")" + kEncodingAdvice);
    return text.error().causes.empty() ? "no cause" : text.error().causes.front();
  }

  std::filesystem::path directory_;
};

TEST_F(TextSourceTest, ReadsUtf8Unchanged) {
  EXPECT_EQ(decode("SELECT 'café ✓ 𝄞';\n", "UTF-8"), "SELECT 'café ✓ 𝄞';\n");
  EXPECT_EQ(decode("", "utf8"), "");
}

TEST_F(TextSourceTest, CharactersSplitByChunkBoundariesSurvive) {
  // Multi-byte characters at every offset around the 64 KiB chunk boundaries.
  std::string text;
  while (text.size() < 3 * 64 * 1024) text += "a✓é𝄞";
  EXPECT_EQ(decode(text, "UTF-8"), text);
}

TEST_F(TextSourceTest, DropsOnlyALeadingByteOrderMark) {
  EXPECT_EQ(decode("\xEF\xBB\xBFSELECT 1;\xEF\xBB\xBF", "UTF-8"), "SELECT 1;\xEF\xBB\xBF");
  EXPECT_EQ(decode("\xEF\xBB\xBF", "UTF-8"), "");
}

TEST_F(TextSourceTest, RejectsMalformedUtf8WithItsOffset) {
  EXPECT_EQ(failure_cause("abc\xFF"), "Malformed input at byte offset 3");
  EXPECT_EQ(failure_cause("ab\x80"), "Malformed input at byte offset 2");            // lone trail
  EXPECT_EQ(failure_cause("a\xC0\x80"), "Malformed input at byte offset 1");         // overlong NUL
  EXPECT_EQ(failure_cause("a\xE0\x80\x80"), "Malformed input at byte offset 1");     // overlong
  EXPECT_EQ(failure_cause("a\xED\xA0\x80"), "Malformed input at byte offset 1");     // surrogate
  EXPECT_EQ(failure_cause("\xF4\x90\x80\x80"), "Malformed input at byte offset 0");  // > U+10FFFF
  EXPECT_EQ(failure_cause("ok\xE2\x82"), "Malformed input at byte offset 2");        // truncated
  EXPECT_EQ(failure_cause("caf\xE9 ok"), "Malformed input at byte offset 3");        // Latin-1 é
  const std::string far = std::string(100000, 'x') + "\xC3(";
  EXPECT_EQ(failure_cause(far), "Malformed input at byte offset 100000");
}

TEST_F(TextSourceTest, Latin1GivesTheSameTextAsUtf8) {
  const std::string utf8 = "INSERT INTO t VALUES ('café');\n";
  EXPECT_EQ(decode("INSERT INTO t VALUES ('caf\xE9');\n", "ISO-8859-1"), utf8);
  EXPECT_EQ(decode("INSERT INTO t VALUES ('caf\xE9');\n", "latin1"), utf8);
  EXPECT_EQ(decode("INSERT INTO t VALUES ('caf\xE9');\n", "iso_8859_1"), utf8);
  EXPECT_EQ(decode(utf8, "UTF-8"), utf8);
  EXPECT_EQ(decode("\xFF\x80", "ISO-8859-1"), "ÿ\xC2\x80");
}

TEST_F(TextSourceTest, OtherCharsetsGoThroughIconv) {
  // UTF-16 with a little-endian byte-order mark: "SELECT 'é';"
  std::string utf16{"\xFF\xFE", 2};
  for (const char16_t c : std::u16string(u"SELECT 'é';")) {
    utf16.push_back(static_cast<char>(c & 0xFF));
    utf16.push_back(static_cast<char>(c >> 8));
  }
  EXPECT_EQ(decode(utf16, "UTF-16"), "SELECT 'é';");
  EXPECT_EQ(decode(utf16.substr(2), "utf-16le"), "SELECT 'é';");
  EXPECT_EQ(decode("\x80 \xE9", "windows-1252"), "€ é");
}

TEST_F(TextSourceTest, IconvCharactersSplitByChunkBoundariesSurvive) {
  std::string utf16le;
  std::string expected;
  while (utf16le.size() < 3 * 64 * 1024 + 1) {
    utf16le += std::string("\x34\xD8\x1E\xDD", 4);  // U+1D11E as a surrogate pair
    utf16le += std::string("a\0", 2);
    expected += "𝄞a";
  }
  EXPECT_EQ(decode(utf16le, "UTF-16LE"), expected);
}

TEST_F(TextSourceTest, IconvRejectsMalformedInput) {
  EXPECT_EQ(failure_cause("ab\x81", "windows-1252"), "Malformed input at byte offset 2");
  EXPECT_EQ(failure_cause(std::string("a\0b", 3), "UTF-16LE"), "Malformed input at byte offset 2");
}

TEST_F(TextSourceTest, UnknownEncodingIsAConfigurationError) {
  auto source = open_script(write("x"), "no-such-charset");
  ASSERT_FALSE(source);
  EXPECT_EQ(source.error().code, ErrorCode::Fault);
  EXPECT_EQ(source.error().message, "Unsupported encoding: no-such-charset");
}

TEST_F(TextSourceTest, MissingFileNamesThePath) {
  const std::string path = (directory_ / "missing.sql").string();
  auto source = open_script(path, "UTF-8");
  ASSERT_FALSE(source);
  EXPECT_EQ(source.error().message, "Unable to open " + path + ": No such file or directory");
}

TEST(TextSourceString, ReadsBackWhatItWasGiven) {
  const std::string text(200000, 'q');
  auto source = text_from_string(text);
  EXPECT_EQ(read_all(*source), text);
  EXPECT_EQ(read_all(*source), "");
}

}  // namespace
}  // namespace runway::testing
