// Versions as Flyway parses and orders them (spec 2).
#include "runway/version.h"

#include <gtest/gtest.h>

#include <string>

namespace runway {
namespace {

MigrationVersion v(std::string_view text) {
  auto parsed = MigrationVersion::parse(text);
  EXPECT_TRUE(parsed.has_value()) << "could not parse '" << text << "'";
  return parsed ? *parsed : MigrationVersion();
}

void expect_invalid(std::string_view text, const std::string& display) {
  auto parsed = MigrationVersion::parse(text);
  ASSERT_FALSE(parsed.has_value()) << "'" << text << "' parsed";
  EXPECT_EQ(parsed.error().message,
            "Version may only contain 0..9 and . (dot). Invalid version: " + display);
}

// Spec 2.2 table, one row per test.

TEST(VersionTest, OnePointZeroEqualsOne) {
  EXPECT_EQ(v("1.0"), v("1"));
}

TEST(VersionTest, LeadingZeroInPartIsIgnored) {
  EXPECT_EQ(v("1.01"), v("1.1"));
}

TEST(VersionTest, UnderscoreFormEqualsDotForm) {
  EXPECT_EQ(v("3.1"), v("3_01"));
}

TEST(VersionTest, PartsCompareNumericallyNotTextually) {
  EXPECT_GT(v("1.10"), v("1.9"));
  EXPECT_LT(v("1.9"), v("1.10"));
}

TEST(VersionTest, LeadingZerosEqualPlainNumber) {
  EXPECT_EQ(v("001"), v("1"));
}

TEST(VersionTest, DatedVersionsCompareByNumericParts) {
  EXPECT_GT(v("2017.07.08.11.10"), v("2017.7.8.11.9"));
}

TEST(VersionTest, NonZeroTrailingPartMakesVersionGreater) {
  EXPECT_GT(v("1.0.0.1"), v("1"));
  EXPECT_LT(v("1"), v("1.0.0.1"));
}

// Further comparisons.

TEST(VersionTest, ExtraPartMakesVersionGreater) {
  EXPECT_GT(v("1.11.5.1"), v("1.11.5"));
}

TEST(VersionTest, NumbersBeyondSixtyFourBitsCompareByValue) {
  EXPECT_LT(v("99999999999999999999999"), v("100000000000000000000000"));
  EXPECT_GT(v("100000000000000000000000"), v("99999999999999999999999"));
  EXPECT_EQ(v("000100000000000000000000000"), v("100000000000000000000000"));
}

TEST(VersionTest, FourteenDigitTimestampsCompare) {
  EXPECT_LT(v("20170708111000"), v("20170708111001"));
  EXPECT_GT(v("20240101000000"), v("9"));
}

TEST(VersionTest, AllZeroVersionsAreEqual) {
  EXPECT_EQ(v("0.0.0"), v("0"));
}

TEST(VersionTest, EqualVersionsAreNeitherLessNorGreater) {
  EXPECT_EQ(v("1.0.0") <=> v("1"), std::strong_ordering::equal);
  EXPECT_FALSE(v("1.0.0") < v("1"));
  EXPECT_FALSE(v("1.0.0") > v("1"));
}

// Parsing and display text (spec 2.1).

TEST(VersionTest, DisplayTextKeepsLeadingZeros) {
  EXPECT_EQ(v("001").text(), "001");
}

TEST(VersionTest, UnderscoresBecomeDotsInDisplayText) {
  EXPECT_EQ(v("1_1").text(), "1.1");
  EXPECT_EQ(v("001_02").text(), "001.02");
}

TEST(VersionTest, DatedVersionKeepsItsDigits) {
  EXPECT_EQ(v("2017_07_08_11_10").text(), "2017.07.08.11.10");
  EXPECT_EQ(v("2017_07_08_11_10"), v("2017.7.8.11.10"));
}

TEST(VersionTest, FourteenDigitTimestampIsOnePart) {
  MigrationVersion timestamp = v("20170708111000");
  EXPECT_EQ(timestamp.text(), "20170708111000");
  EXPECT_EQ(timestamp.normalized(), "20170708111000");
  EXPECT_TRUE(timestamp.is_regular());
}

TEST(VersionTest, TrailingDotIsInvalid) {
  expect_invalid("1.", "1.");
}

TEST(VersionTest, LeadingDotIsInvalid) {
  expect_invalid(".1", ".1");
}

TEST(VersionTest, DoubleDotIsInvalid) {
  expect_invalid("1..2", "1..2");
}

TEST(VersionTest, LetterPartIsInvalid) {
  expect_invalid("1.a", "1.a");
}

TEST(VersionTest, DashIsInvalid) {
  expect_invalid("1-2", "1-2");
}

TEST(VersionTest, EmptyTextIsInvalid) {
  expect_invalid("", "");
}

TEST(VersionTest, InvalidMessageShowsDisplayTextWithDots) {
  expect_invalid("1__2", "1..2");
}

// Special versions (spec 2.3).

TEST(VersionTest, SpecialLiteralsAreCaseInsensitive) {
  EXPECT_EQ(v("LATEST").kind(), MigrationVersion::Kind::Latest);
  EXPECT_EQ(v("Current").kind(), MigrationVersion::Kind::Current);
  EXPECT_EQ(v("next").kind(), MigrationVersion::Kind::Next);
}

TEST(VersionTest, EmptyIsBelowEveryRealVersion) {
  EXPECT_LT(MigrationVersion::empty(), v("0"));
  EXPECT_LT(MigrationVersion::empty(), v("1"));
  EXPECT_EQ(MigrationVersion::empty(), MigrationVersion());
  EXPECT_TRUE(MigrationVersion().is_empty());
}

TEST(VersionTest, LatestIsAboveEveryRealVersion) {
  EXPECT_GT(MigrationVersion::latest(), v("99999999999999999999999999999"));
  EXPECT_GT(MigrationVersion::latest(), MigrationVersion::empty());
  EXPECT_EQ(MigrationVersion::latest(), v("latest"));
}

TEST(VersionTest, EmptyDisplaysAsEmptySchema) {
  EXPECT_EQ(MigrationVersion::empty().display(), "<< Empty Schema >>");
  EXPECT_EQ(v("1.0").display(), "1.0");
}

// normalized(): one spelling for all equal versions.

TEST(VersionTest, NormalizedDropsLeadingZerosAndTrailingZeroParts) {
  EXPECT_EQ(v("001").normalized(), "1");
  EXPECT_EQ(v("1.0.0").normalized(), "1");
  EXPECT_EQ(v("1_01").normalized(), "1.1");
  EXPECT_EQ(v("1.0.2").normalized(), "1.0.2");
  EXPECT_EQ(v("0").normalized(), "0");
  EXPECT_EQ(v("0.0").normalized(), "0");
}

TEST(VersionTest, EqualVersionsHaveEqualNormalizedForms) {
  EXPECT_EQ(v("2017.07.08").normalized(), v("2017_7_8_0").normalized());
}

}  // namespace
}  // namespace runway
