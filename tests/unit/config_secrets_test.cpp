#include <gtest/gtest.h>

#include "core/config_keys.h"
#include "runway/config.h"
#include "runway/driver.h"

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

TEST(ConfigSecrets, PasswordParametersOfAnyCase) {
  EXPECT_EQ(redact_url("jdbc:postgresql://db/app?PassWord=a1&sslpassword=b2&sslPassword=c3&x=d4"),
            "jdbc:postgresql://db/app?PassWord=********&sslpassword=********"
            "&sslPassword=********&x=d4");
  EXPECT_EQ(redact_url("jdbc:postgresql://db/app;user=u;SSLPASSWORD=k;mypassword=keep"),
            "jdbc:postgresql://db/app;user=u;SSLPASSWORD=********;mypassword=keep");
}

// The mask replaces the value only: what closes or quotes the URL in the message stays.
TEST(ConfigSecrets, PasswordParameterMaskEndsWhereTheValueEnds) {
  Settings settings;
  EXPECT_EQ(mask_secrets("database (jdbc:postgresql://db/app?user=app&password=s3cret) for user",
                         settings),
            "database (jdbc:postgresql://db/app?user=app&password=********) for user");
  for (const char* closing : {")", "]", "}", ">", "\"", "'", "`", "\n"}) {
    EXPECT_EQ(redact_url(std::string("(jdbc:postgresql://db/app?password=s3cret") + closing),
              std::string("(jdbc:postgresql://db/app?password=********") + closing)
        << closing;
  }
  EXPECT_EQ(redact_url("postgresql://db/app?sslpassword=k3y&password=s3cret"),
            "postgresql://db/app?sslpassword=********&password=********");
}

// A URL with `user:password@` is refused, but may be printed first (the dry run header, an
// error about the URL): its password is masked wherever it appears, even one holding a '/'
// that ends the authority for other URL readers.
TEST(ConfigSecrets, MasksThePasswordBeforeTheHostOfTheConfiguredUrl) {
  Settings settings;
  settings.url = "jdbc:postgresql://app:Le/ak@127.0.0.1:5432/appdb";
  EXPECT_EQ(mask_secrets("Invalid URL " + settings.url, settings),
            "Invalid URL jdbc:postgresql://app:********@127.0.0.1:5432/appdb");
  settings.url = "jdbc:postgresql://db/appdb?user=app@server";
  EXPECT_EQ(mask_secrets("Database: " + settings.url, settings), "Database: " + settings.url);
}

TEST(ConfigSecrets, MasksPasswordLikeJdbcPropertiesAndOtherSecrets) {
  Settings settings;
  settings.jdbc_properties = {
      {"password", "jp-secret"}, {"sslPassword", "ssl-secret"}, {"ssl", "true"}};
  settings.secrets = {"prod-secret"};
  EXPECT_EQ(mask_secrets("jp-secret ssl-secret prod-secret true", settings),
            "******** ******** ******** true");
}

TEST(ConfigSecrets, LongerSecretsAreMaskedWhole) {
  Settings settings;
  settings.password = "pw";
  settings.secrets = {"pw-long"};
  EXPECT_EQ(mask_secrets("pw-long", settings), "********");
}

TEST(ConfigSecrets, KeysThatHoldSecrets) {
  EXPECT_TRUE(holds_secret("password"));
  EXPECT_TRUE(holds_secret("licenseKey"));
  EXPECT_TRUE(holds_secret("jdbcProperties.password"));
  EXPECT_TRUE(holds_secret("jdbcProperties.sslPassword"));
  EXPECT_FALSE(holds_secret("jdbcProperties.ssl"));
  EXPECT_FALSE(holds_secret("user"));
}

TEST(ConfigSecrets, EmptyPasswordMasksNothing) {
  Settings settings;
  EXPECT_EQ(mask_secrets("nothing  secret\there", settings), "nothing  secret\there");
}

}  // namespace
}  // namespace runway
