#include <gtest/gtest.h>

#include "runway/config.h"

namespace runway {
namespace {

TEST(ConfigSecrets, MasksTheConfiguredPassword) {
  Settings settings;
  settings.password = "hunter2";
  EXPECT_EQ(mask_secrets("login failed with hunter2 (hunter2)", settings),
            "login failed with ******** (********)");
}

TEST(ConfigSecrets, MasksPasswordsInsideUrls) {
  Settings settings;
  EXPECT_EQ(mask_secrets("cannot open postgresql://app:s3cret@db:5432/app now", settings),
            "cannot open postgresql://app:********@db:5432/app now");
  EXPECT_EQ(
      mask_secrets("url 'jdbc:postgresql://db/app?user=app&password=s3cret&ssl=true'", settings),
      "url 'jdbc:postgresql://db/app?user=app&password=********&ssl=true'");
}

TEST(ConfigSecrets, EmptyPasswordMasksNothing) {
  Settings settings;
  EXPECT_EQ(mask_secrets("nothing  secret\there", settings), "nothing  secret\there");
}

}  // namespace
}  // namespace runway
