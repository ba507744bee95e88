// PostgreSQL COPY ... FROM STDIN with inline data (spec 9.4).
#include <gtest/gtest.h>

#include "unit/splitter_test_support.h"

namespace runway::testing {
namespace {

SplitOutcome postgres(const std::string& sql) {
  return split(SqlDialect::Postgres, sql);
}

TEST(SplitterCopy, StreamsDataUpToTheEndMarker) {
  const SplitOutcome out = postgres(
      "COPY public.t (a, b) FROM stdin;\n"
      "1\tfoo\n"
      "2\t\\N\n"
      "\\.\n"
      "SELECT 1;");
  EXPECT_EQ(out.describe(),
            "1:1 copy [COPY public.t (a, b) FROM stdin] data [1\tfoo\n2\t\\N\n]\n"
            "5:1 [SELECT 1] data []\n");
}

TEST(SplitterCopy, DataIsNeverInterpreted) {
  const std::string data =
      "it's\t\"quoted\";\t-- not a comment\n"
      "/* not a comment either\t$$ nor a dollar quote\n"
      "back\\\\slash\t\\t\t\\.not the end\n"
      "\t\n"
      "\n"
      "E'\\'\tBEGIN\tEND;\n";
  const SplitOutcome out = postgres("COPY t FROM STDIN;\n" + data + "\\.\nSELECT 2;");
  ASSERT_EQ(out.statements.size(), 2u) << out.describe();
  EXPECT_EQ(out.copy_data[0], data);
  EXPECT_EQ(out.statements[1].text, "SELECT 2");
  EXPECT_EQ(out.statements[1].line, 9);
}

TEST(SplitterCopy, TheRestOfTheCopyLineIsDiscarded) {
  const SplitOutcome out = postgres("COPY t FROM STDIN; -- load it\n1\n\\.\nSELECT 2;");
  EXPECT_EQ(out.describe(),
            "1:1 copy [COPY t FROM STDIN] data [1\n]\n"
            "4:1 [SELECT 2] data []\n");
}

TEST(SplitterCopy, EndMarkerMayHaveSurroundingWhitespaceAndEndTheText) {
  EXPECT_EQ(postgres("COPY t FROM STDIN;\r\n1\r\n  \\.\t\r\n").copy_data,
            (std::vector<std::string>{"1\r\n"}));
  EXPECT_EQ(postgres("COPY t FROM STDIN;\n1\n\\.").copy_data, (std::vector<std::string>{"1\n"}));
}

TEST(SplitterCopy, EmptyData) {
  EXPECT_EQ(postgres("COPY t FROM STDIN;\n\\.\nSELECT 1;").describe(),
            "1:1 copy [COPY t FROM STDIN] data []\n"
            "3:1 [SELECT 1] data []\n");
}

TEST(SplitterCopy, MissingEndMarkerNamesTheCopyLine) {
  EXPECT_EQ(postgres("SELECT 1;\nCOPY t FROM STDIN;\n1\n2\n").describe(),
            "1:1 [SELECT 1] data []\n"
            "error: Missing end of COPY data (a line containing only \\.) for the COPY statement "
            "at line 2 @2:1");
  EXPECT_EQ(postgres("COPY t FROM STDIN;").describe(),
            "error: Missing end of COPY data (a line containing only \\.) for the COPY statement "
            "at line 1 @1:1");
}

TEST(SplitterCopy, OnlyCopyFromStdinHasData) {
  const SplitOutcome out = postgres(
      "COPY t TO STDOUT;\n"
      "COPY t (a, b) FROM STDIN WITH (FORMAT csv);\n"
      "a,b\n"
      "\\.\n"
      "COPY t FROM '/tmp/file';\n");
  ASSERT_EQ(out.statements.size(), 3u) << out.describe();
  EXPECT_FALSE(out.statements[0].copy_from_stdin);
  EXPECT_TRUE(out.statements[1].copy_from_stdin);
  EXPECT_EQ(out.copy_data[1], "a,b\n");
  EXPECT_FALSE(out.statements[2].copy_from_stdin);
}

TEST(SplitterCopy, NextSkipsDataThatWasNotRead) {
  auto source = text_from_string("COPY t FROM STDIN;\n1;2\n\\.\nSELECT 2;");
  auto splitter = make_splitter(SqlDialect::Postgres, *source);
  auto copy = splitter->next();
  ASSERT_TRUE(copy && *copy && (*copy)->copy_from_stdin);
  auto select = splitter->next();
  ASSERT_TRUE(select && *select);
  EXPECT_EQ((*select)->text, "SELECT 2");
}

TEST(SplitterCopy, ReadingDataWithoutACopyIsAnError) {
  auto source = text_from_string("SELECT 1;");
  auto splitter = make_splitter(SqlDialect::Postgres, *source);
  ASSERT_TRUE(splitter->next());
  EXPECT_FALSE(splitter->read_copy_data([](std::string_view) -> Result<void> { return {}; }));
}

TEST(SplitterCopy, SinkErrorsStopTheCopy) {
  auto source = text_from_string("COPY t FROM STDIN;\n1\n\\.\n");
  auto splitter = make_splitter(SqlDialect::Postgres, *source);
  ASSERT_TRUE(splitter->next());
  auto copied = splitter->read_copy_data(
      [](std::string_view) -> Result<void> { return fail(ErrorCode::Error, "server gone"); });
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().message, "server gone");
}

}  // namespace
}  // namespace runway::testing
