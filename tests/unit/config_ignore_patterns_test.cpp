#include <gtest/gtest.h>

#include "core/ignore_patterns.h"

namespace runway {
namespace {

using Type = IgnorePattern::Type;
using State = IgnorePattern::State;

TEST(ConfigIgnorePatterns, ParsesTypesAndStatesInAnyCase) {
  auto patterns = parse_ignore_patterns({"*:future", " Versioned : MISSING ", "repeatable:*"});
  ASSERT_TRUE(patterns) << patterns.error().message;
  EXPECT_EQ(*patterns, (std::vector<IgnorePattern>{{Type::Any, State::Future},
                                                   {Type::Versioned, State::Missing},
                                                   {Type::Repeatable, State::Any}}));
}

TEST(ConfigIgnorePatterns, FlywayMessages) {
  auto error_of = [](std::string pattern) {
    auto parsed = parse_ignore_patterns({pattern});
    return parsed ? "" : parsed.error().message;
  };
  EXPECT_EQ(error_of("future"),
            "Invalid pattern 'future'. Pattern must be of the form "
            "<migration_type>:<migration_state> See https://rd.gt/37m4hXD for full details");
  EXPECT_EQ(error_of("versioned:"),
            "Invalid pattern 'versioned:'. Pattern must be of the form "
            "<migration_type>:<migration_state> See https://rd.gt/37m4hXD for full details");
  EXPECT_EQ(error_of("a:b:c"),
            "Invalid pattern 'a:b:c'. Pattern must be of the form "
            "<migration_type>:<migration_state> See https://rd.gt/37m4hXD for full details");
  EXPECT_EQ(error_of("baseline:missing"),
            "Invalid migration type 'baseline'. Valid types are: [*, repeatable, versioned]");
  EXPECT_EQ(error_of("*:Failed"),
            "Invalid migration state 'Failed'. Valid states are: [*, missing, pending, ignored, "
            "future]");
}

}  // namespace
}  // namespace runway
