#include "core/config_keys.h"

#include <gtest/gtest.h>

namespace runway {
namespace {

TEST(ConfigKeys, FindsPlainAndMapKeys) {
  ASSERT_NE(find_config_key("url"), nullptr);
  EXPECT_EQ(find_config_key("url")->env_var, "FLYWAY_URL");
  ASSERT_NE(find_config_key("placeholders.table"), nullptr);
  EXPECT_EQ(find_config_key("placeholders.table")->name, "placeholders.");
  EXPECT_EQ(find_config_key("placeholders."), nullptr);
  EXPECT_EQ(find_config_key("nosuchkey"), nullptr);
}

}  // namespace
}  // namespace runway
