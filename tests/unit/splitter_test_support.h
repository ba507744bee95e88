// Helpers for the splitter tests: every input is split twice, once from a plain in-memory
// source and once from a source that hands out 1 to 7 bytes per read, and both runs must give
// the same statements, COPY data and errors. That shakes out chunk-boundary bugs everywhere.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/split_outcome.h"

namespace runway::testing {

// Splits `text` from a plain source and from a trickling one; both must agree.
inline SplitOutcome split(SqlDialect dialect, const std::string& text,
                          SplitterOptions options = {}) {
  auto plain = text_from_string(text);
  SplitOutcome outcome = split_source(dialect, *plain, options);
  TrickleSource trickle(text);
  EXPECT_EQ(split_source(dialect, trickle, options).describe(), outcome.describe())
      << "reading 1 to 7 bytes at a time changed the result for:\n"
      << text;
  return outcome;
}

inline std::vector<std::string> split_texts(SqlDialect dialect, const std::string& text) {
  const SplitOutcome outcome = split(dialect, text);
  EXPECT_FALSE(outcome.error) << outcome.describe();
  return outcome.texts();
}

using Texts = std::vector<std::string>;

inline std::string dialect_name(const ::testing::TestParamInfo<SqlDialect>& dialect) {
  return dialect.param == SqlDialect::Postgres ? "Postgres" : "Sqlite";
}

}  // namespace runway::testing
