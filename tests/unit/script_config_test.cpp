// Script configuration files (spec 7.9): the keys, Java properties syntax, and the errors.
#include "core/script_config.h"

#include <gtest/gtest.h>

#include "runway/naming.h"

namespace runway {
namespace {

const std::string kPath = "/srv/sql/V2__x.sql.conf";

ScriptConfig parsed(std::string_view text) {
  auto config = parse_script_config(text, kPath);
  EXPECT_TRUE(config.has_value()) << config.error().message;
  return config ? *config : ScriptConfig{};
}

std::string error_of(std::string_view text) {
  auto config = parse_script_config(text, kPath);
  EXPECT_FALSE(config.has_value());
  return config ? "" : config.error().message;
}

TEST(ScriptConfigTest, EmptyFileOverridesNothing) {
  ScriptConfig config = parsed("# only a comment\n\n");
  EXPECT_FALSE(config.execute_in_transaction);
  EXPECT_FALSE(config.encoding);
  EXPECT_FALSE(config.placeholder_replacement);
}

TEST(ScriptConfigTest, ReadsEveryKeyInPropertiesSyntax) {
  ScriptConfig config = parsed(
      "executeInTransaction=false\r\n"
      "! a properties comment\n"
      "encoding : ISO-8859-1\n"
      "placeholderReplacement FALSE\n");
  EXPECT_EQ(config.execute_in_transaction, false);
  EXPECT_EQ(config.encoding, "ISO-8859-1");
  EXPECT_EQ(config.placeholder_replacement, false);
  EXPECT_EQ(parsed("executeInTransaction = True").execute_in_transaction, true);
}

TEST(ScriptConfigTest, UnknownKeyIsFatalAndNamesTheFile) {
  EXPECT_EQ(error_of("executeInTransaction=false\nflyway.encoding=UTF-8\n"),
            "Unknown configuration property: flyway.encoding. Please check your script config "
            "files\n(in " +
                kPath + ")");
}

TEST(ScriptConfigTest, InvalidValuesNameKeyAndFile) {
  EXPECT_EQ(error_of("executeInTransaction=yes"),
            "Invalid value for executeInTransaction (should be either true or false): yes\n(in "
            "script config file " +
                kPath + ")");
  EXPECT_NE(error_of("encoding=NOT-A-CHARSET")
                .find("Invalid encoding 'NOT-A-CHARSET' in script "
                      "config file " +
                      kPath),
            std::string::npos);
}

TEST(ScriptConfigTest, ShouldExecuteIsRefusedClearly) {
  EXPECT_NE(error_of("shouldExecute=${env}==prod").find("shouldExecute is not supported"),
            std::string::npos);
}

TEST(CallbackEventTest, NamesFollowTheEventTable) {
  EXPECT_EQ(callback_event_name(CallbackEvent::BeforeMigrate), "beforeMigrate");
  EXPECT_EQ(callback_event_name(CallbackEvent::AfterEachMigrateStatementError),
            "afterEachMigrateStatementError");
  EXPECT_EQ(callback_event_name(CallbackEvent::AfterInfoOperationFinish),
            "afterInfoOperationFinish");
  EXPECT_EQ(callback_event_name(CallbackEvent::AfterUndoError), "afterUndoError");
  EXPECT_EQ(callback_event_name(CallbackEvent::BeforeConnect), "beforeConnect");
}

}  // namespace
}  // namespace runway
