// docs/configuration.md is generated from the key table; this test keeps them identical.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "core/config_help.h"

namespace runway {
namespace {

const std::string kDocsPath = std::string(RUNWAY_SOURCE_DIR) + "/docs/configuration.md";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ConfigDocs, CommittedPageMatchesTheKeyTable) {
  std::string generated = render_config_markdown();
  const char* update = std::getenv("RUNWAY_UPDATE_DOCS");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(kDocsPath, std::ios::binary) << generated;
  }
  // EXPECT_TRUE, not EXPECT_EQ: a diff of the whole page would bury the hint.
  EXPECT_TRUE(read_file(kDocsPath) == generated)
      << "docs/configuration.md is out of date. Regenerate it with\n"
         "  RUNWAY_UPDATE_DOCS=1 build/tests/runway_tests --gtest_filter=ConfigDocs.*";
}

TEST(ConfigDocs, PageListsEverySpellingOfAKey) {
  std::string page = render_config_markdown();
  EXPECT_NE(page.find("| `sqlMigrationPrefix` | `FLYWAY_SQL_MIGRATION_PREFIX` | "
                      "`[flyway] sqlMigrationPrefix` | text | `V` |"),
            std::string::npos);
  EXPECT_NE(page.find("| `placeholders.<name>` | `FLYWAY_PLACEHOLDERS_<NAME>` | "
                      "`[flyway.placeholders] <name>` | map |  |"),
            std::string::npos);
  EXPECT_NE(page.find("`[flyway.postgresql.transactional] lock` | boolean |"), std::string::npos);
  EXPECT_NE(page.find("| `url` | `FLYWAY_URL` | `[environments.<name>] url` | text |  |"),
            std::string::npos);
}

TEST(ConfigHelp, ListsKeysButNotRejectedOnes) {
  std::string help = render_config_help();
  EXPECT_NE(help.find("  -url=<text> "), std::string::npos);
  EXPECT_NE(help.find("  -placeholders.<name>=<text> "), std::string::npos);
  EXPECT_NE(help.find("(ignored) runway loads no jars"), std::string::npos);
  EXPECT_EQ(help.find("-batch="), std::string::npos);
  EXPECT_EQ(help.find("-licenseKey="), std::string::npos);
}

}  // namespace
}  // namespace runway
