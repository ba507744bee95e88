#include <gtest/gtest.h>

#include "core/config_conf_file.h"

namespace runway {
namespace {

using Env = std::map<std::string, std::string>;

// name=value pairs, for compact expectations.
std::vector<std::pair<std::string, std::string>> conf_pairs(std::string_view text,
                                                            const Env& env = {}) {
  auto properties = parse_conf(text, env);
  EXPECT_TRUE(properties) << properties.error().message;
  std::vector<std::pair<std::string, std::string>> pairs;
  if (!properties) return pairs;
  for (const Property& property : *properties) {
    pairs.emplace_back(property.name, std::get<std::string>(property.value));
  }
  return pairs;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(ConfigConf, SeparatorsCommentsAndTrimming) {
  EXPECT_EQ(
      conf_pairs("  flyway.url = jdbc:sqlite:a.db  \r\n"
                 "# flyway.user=commented\n"
                 "! flyway.user=commented too\n"
                 "flyway.user:app\n"
                 "flyway.table history\n"
                 "\n"
                 "flyway.target=\n"),
      (Pairs{{"url", "jdbc:sqlite:a.db"}, {"user", "app"}, {"table", "history"}, {"target", ""}}));
}

TEST(ConfigConf, BackslashesAreLiteral) {
  EXPECT_EQ(conf_pairs("flyway.locations=filesystem:C:\\migrations\\tab\\t\\u0041\n"),
            (Pairs{{"locations", "filesystem:C:\\migrations\\tab\\t\\u0041"}}));
}

TEST(ConfigConf, ContinuationLines) {
  EXPECT_EQ(conf_pairs("flyway.locations=filesystem:a,\\\n"
                       "    filesystem:b\n"
                       "flyway.schemas=one\\\n"
                       "flyway.table=t\n"
                       "flyway.user=u\\\n"
                       "\n"
                       "flyway.target=5\\"),
            (Pairs{{"locations", "filesystem:a,filesystem:b"},
                   {"schemas", "one\\"},
                   {"table", "t"},
                   {"user", "u\\"},
                   {"target", "5\\"}}));
}

TEST(ConfigConf, ExpandsEnvironmentVariablesInTheRawText) {
  Env env = {{"DB_USER", "app"}, {"TBL", "person"}};
  EXPECT_EQ(conf_pairs("flyway.user=${DB_USER}\n"
                       "flyway.placeholders.t=${TBL}_${UNSET}x\n"
                       "flyway.placeholders.keep=${not-a-name} ${\n",
                       env),
            (Pairs{{"user", "app"},
                   {"placeholders.t", "person_x"},
                   {"placeholders.keep", "${not-a-name} ${"}}));
}

TEST(ConfigConf, KeysWithoutPrefixAreIgnored) {
  EXPECT_EQ(conf_pairs("other.key=1\nurl=jdbc:sqlite:x\nflyway.user=u\n"), (Pairs{{"user", "u"}}));
}

TEST(ConfigConf, UnknownFlywayKeysAreFatal) {
  auto one = parse_conf("flyway.nope=1\nflyway.user=u\n", {});
  ASSERT_FALSE(one);
  EXPECT_EQ(one.error().message,
            "Unknown configuration property: flyway.nope. Please check your conf files or "
            "commandline parameters");
  // Command-line-only options are not valid in files either.
  auto two = parse_conf("flyway.nope=1\nflyway.outputType=json\n", {});
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().message,
            "Unknown configuration properties: flyway.nope, flyway.outputType. Please check your "
            "conf files or commandline parameters");
}

}  // namespace
}  // namespace runway
