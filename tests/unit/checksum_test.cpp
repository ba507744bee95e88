// Flyway's checksum (spec 3.1), checked against every row of the worked example in spec 3.3.
#include "runway/checksum.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace runway {
namespace {

const std::string kPersonTable =
    "CREATE TABLE person (\n    id INT PRIMARY KEY,\n    name VARCHAR(100)\n);\n";
constexpr std::int32_t kPersonChecksum = -1586587850;
const std::string kBom = "\xEF\xBB\xBF";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// ISO-8859-1 maps each byte to the code point of the same value.
std::string latin1_to_utf8(const std::string& latin1) {
  std::string utf8;
  for (unsigned char c : latin1) {
    if (c < 0x80) {
      utf8 += static_cast<char>(c);
    } else {
      utf8 += static_cast<char>(0xC0 | (c >> 6));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return utf8;
}

// zlib's CRC-32 of the bytes as they are, signed.
std::int32_t plain_crc(const std::string& bytes) {
  return static_cast<std::int32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

std::int32_t checksum_in_chunks(const std::vector<std::string_view>& chunks) {
  ChecksumCalculator calculator;
  for (std::string_view chunk : chunks) calculator.update(chunk);
  return calculator.value();
}

// Splitting the text into two chunks at every position, or into single bytes, must not
// change the checksum (CRLF pairs, BOMs and multi-byte characters get split).
void expect_same_checksum_in_any_chunks(const std::string& text) {
  const std::int32_t whole = checksum_of(text);
  std::string_view view(text);
  for (std::size_t at = 0; at <= text.size(); ++at) {
    EXPECT_EQ(checksum_in_chunks({view.substr(0, at), view.substr(at)}), whole)
        << "split at byte " << at;
  }
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < text.size(); ++i) bytes.push_back(view.substr(i, 1));
  EXPECT_EQ(checksum_in_chunks(bytes), whole) << "one byte per chunk";
}

// Spec 3.3, one row per test.

TEST(ChecksumTest, LfText) {
  EXPECT_EQ(checksum_of(kPersonTable), kPersonChecksum);
}

TEST(ChecksumTest, CrLfLineEndingsGiveSameChecksum) {
  EXPECT_EQ(checksum_of(replace_all(kPersonTable, "\n", "\r\n")), kPersonChecksum);
}

TEST(ChecksumTest, LoneCrLineEndingsGiveSameChecksum) {
  EXPECT_EQ(checksum_of(replace_all(kPersonTable, "\n", "\r")), kPersonChecksum);
}

TEST(ChecksumTest, BomAndNoFinalNewlineGiveSameChecksum) {
  std::string text = kBom + kPersonTable.substr(0, kPersonTable.size() - 1);
  EXPECT_EQ(checksum_of(text), kPersonChecksum);
}

TEST(ChecksumTest, ExtraEmptyLineGivesSameChecksum) {
  std::string text = replace_all(kPersonTable, "(\n", "(\n\n");
  ASSERT_NE(text, kPersonTable);
  EXPECT_EQ(checksum_of(text), kPersonChecksum);
}

TEST(ChecksumTest, AllOnOneLineGivesSameChecksum) {
  EXPECT_EQ(checksum_of("CREATE TABLE person (    id INT PRIMARY KEY,    name VARCHAR(100));"),
            kPersonChecksum);
}

TEST(ChecksumTest, TrailingSpaceChangesChecksum) {
  EXPECT_EQ(checksum_of(replace_all(kPersonTable, "(\n", "( \n")), 1151811419);
}

TEST(ChecksumTest, SelectOne) {
  EXPECT_EQ(checksum_of("SELECT 1;\n"), 78787420);
}

TEST(ChecksumTest, EmptyTextIsZero) {
  EXPECT_EQ(checksum_of(""), 0);
}

TEST(ChecksumTest, PlainCrcOfWholeFileIsNotFlywaysChecksum) {
  EXPECT_EQ(plain_crc(kPersonTable), 1828740858);
  EXPECT_NE(checksum_of(kPersonTable), plain_crc(kPersonTable));
}

TEST(ChecksumTest, RepeatableRawTextEquivalentChecksum) {
  EXPECT_EQ(checksum_of("CREATE VIEW v AS SELECT * FROM ${tbl};\n"), -2017367822);
}

TEST(ChecksumTest, RepeatableReplacedWithPerson) {
  EXPECT_EQ(checksum_of("CREATE VIEW v AS SELECT * FROM person;\n"), 1842084908);
}

TEST(ChecksumTest, RepeatableReplacedWithPeople) {
  EXPECT_EQ(checksum_of("CREATE VIEW v AS SELECT * FROM people;\n"), 113010531);
}

TEST(ChecksumTest, Latin1FileTranscodedToUtf8) {
  const std::string latin1 = "INSERT INTO t VALUES ('caf\xE9');\n";
  ASSERT_EQ(latin1.size(), 31u);  // one byte for the e-acute
  EXPECT_EQ(checksum_of(latin1_to_utf8(latin1)), -36497513);
}

TEST(ChecksumTest, Utf8File) {
  EXPECT_EQ(checksum_of("INSERT INTO t VALUES ('caf\xC3\xA9');\n"), -36497513);
}

// Further rules of spec 3.1.

TEST(ChecksumTest, LineBoundariesAreInvisible) {
  EXPECT_EQ(checksum_of("ab"), checksum_of("a\nb"));
}

TEST(ChecksumTest, BomIsDroppedOnlyAtStart) {
  EXPECT_NE(checksum_of("a\n" + kBom + "b"), checksum_of("a\nb"));
  EXPECT_NE(checksum_of("\n" + kBom + "b"), checksum_of("b"));
}

TEST(ChecksumTest, OnlyOneLeadingBomIsDropped) {
  // The second BOM is content: the result is the plain CRC of BOM + "a".
  const std::string kept = kBom + "a";
  EXPECT_EQ(checksum_of(kBom + kept), plain_crc(kept));
  EXPECT_NE(checksum_of(kBom + kept), checksum_of("a"));
}

TEST(ChecksumTest, OtherUnicodeLineSeparatorsAreContent) {
  EXPECT_NE(checksum_of("a\xE2\x80\xA8"
                        "b"),
            checksum_of("ab"));  // U+2028
  EXPECT_NE(checksum_of("a\fb"), checksum_of("ab"));
}

TEST(ChecksumTest, IsSignedReinterpretationOfCrc) {
  // 0xA16E9736 is the unsigned CRC of the person table text without terminators.
  EXPECT_EQ(static_cast<std::uint32_t>(checksum_of(kPersonTable)), 0xA16E9736u);
}

// Chunked updates.

TEST(ChecksumTest, ChunksSplitAnywhereInLfText) {
  expect_same_checksum_in_any_chunks(kPersonTable);
}

TEST(ChecksumTest, ChunksSplitInsideCrLf) {
  expect_same_checksum_in_any_chunks(replace_all(kPersonTable, "\n", "\r\n"));
}

TEST(ChecksumTest, ChunksSplitInsideBom) {
  std::string text = kBom + "SELECT 1;\r\n";
  expect_same_checksum_in_any_chunks(text);
  EXPECT_EQ(checksum_in_chunks({"\xEF", "\xBB", "\xBF", "SELECT 1;\n"}), 78787420);
}

TEST(ChecksumTest, ChunksSplitInsideMultiByteCharacter) {
  expect_same_checksum_in_any_chunks("INSERT INTO t VALUES ('caf\xC3\xA9 \xE2\x82\xAC');\r\n");
}

TEST(ChecksumTest, EmptyChunksChangeNothing) {
  EXPECT_EQ(checksum_in_chunks({"", kBom, "", "SELECT 1;", "", "\n"}), 78787420);
}

TEST(ChecksumTest, TextThatOnlyStartsLikeABomIsHashed) {
  // U+FEFF's first byte followed by other bytes: not a BOM, every byte counts.
  const std::string text = "\xEF\xBC\x81x";  // U+FF01 then x
  expect_same_checksum_in_any_chunks(text);
  EXPECT_EQ(checksum_of(text), plain_crc(text));
}

}  // namespace
}  // namespace runway
