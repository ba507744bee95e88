#include "cli/arguments.h"

#include <gtest/gtest.h>

#include "cli/commands_table.h"

namespace runway {
namespace {

std::string error_of(const std::vector<std::string>& args) {
  auto parsed = parse_arguments(args);
  return parsed ? "" : parsed.error().message;
}

TEST(Arguments, CommandsAndOptionsInAnyOrder) {
  auto parsed = parse_arguments({"-url=jdbc:sqlite:a.db", "clean", "-X", "migrate", "-q", "info"});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->commands, (std::vector<std::string>{"clean", "migrate", "info"}));
  EXPECT_TRUE(parsed->debug);
  EXPECT_TRUE(parsed->quiet);
  ASSERT_EQ(parsed->settings.size(), 1u);
  EXPECT_EQ(parsed->settings[0].first, "url");
  EXPECT_EQ(parsed->settings[0].second, "jdbc:sqlite:a.db");
}

TEST(Arguments, ValueIsEverythingAfterTheFirstEqualsAndMayBeEmpty) {
  auto parsed = parse_arguments({"-url=jdbc:postgresql://h/db?user=a&password=b", "-target="});
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->settings[0].second, "jdbc:postgresql://h/db?user=a&password=b");
  EXPECT_EQ(parsed->settings[1].first, "target");
  EXPECT_EQ(parsed->settings[1].second, "");
}

TEST(Arguments, VersionAndHelpFlags) {
  for (std::string flag : {"-v", "--version"}) {
    auto parsed = parse_arguments({flag});
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->version) << flag;
  }
  for (std::string flag : {"-h", "-?", "--help", "help"}) {
    auto parsed = parse_arguments({flag});
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->help) << flag;
    EXPECT_TRUE(parsed->commands.empty()) << flag;
  }
}

TEST(Arguments, HelpCommandKeepsTheCommandItExplains) {
  auto parsed = parse_arguments({"help", "migrate"});
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->help);
  EXPECT_EQ(parsed->commands, std::vector<std::string>{"migrate"});
}

TEST(Arguments, BooleanFlagsBecomeSettings) {
  auto parsed = parse_arguments({"info", "-migrationIds", "-skipCheckForUpdate"});
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->settings.size(), 2u);
  EXPECT_EQ(parsed->settings[0].first, "migrationIds");
  EXPECT_EQ(parsed->settings[0].second, "true");
  EXPECT_EQ(parsed->settings[1].first, "skipCheckForUpdate");
}

TEST(Arguments, BlankArgumentsAreDropped) {
  auto parsed = parse_arguments({"", "  ", "info"});
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->commands, std::vector<std::string>{"info"});
}

TEST(Arguments, Errors) {
  EXPECT_EQ(error_of({"-bogus"}), "Invalid flag: -bogus");
  EXPECT_EQ(error_of({"-url", "=", "jdbc:sqlite:a.db"}),
            "Invalid configuration argument: -url. Please check you have not included any "
            "spaces in your configuration argument.");
  EXPECT_EQ(error_of({"="}),
            "Invalid configuration argument: =. Please check you have not included any spaces "
            "in your configuration argument.");
  EXPECT_EQ(error_of({"-environments.ci=x"}),
            "Invalid configuration argument: -environments.ci. Both the environment name and "
            "configuration option are required.");
  EXPECT_EQ(error_of({"migrat"}),
            "Unknown command 'migrat'. Valid commands are: migrate, info, validate, baseline, "
            "repair, undo, clean, metrics, check, help");
}

TEST(Arguments, MisplacedValuesAreNeverEchoed) {
  std::string after_space = error_of({"-password=", "s3cret", "migrate"});
  EXPECT_EQ(after_space, "Unexpected argument after -password= (did you put a space after `=`?)");
  EXPECT_EQ(error_of({"-password=", "-s3cret!"}),
            "Unexpected argument after -password= (did you put a space after `=`?)");
  EXPECT_EQ(error_of({"p@ss:word"}),
            "Unknown command (not shown). Valid commands are: migrate, info, validate, baseline, "
            "repair, undo, clean, metrics, check, help");
  EXPECT_EQ(error_of({"-p@ss"}), "Invalid flag: (not shown)");
  EXPECT_EQ(error_of({"-user=app", "migrat_2"}),
            "Unknown command 'migrat_2'. Valid commands are: migrate, info, validate, baseline, "
            "repair, undo, clean, metrics, check, help");
}

TEST(CommandsTable, FindsEveryListedCommand) {
  for (const CommandInfo& command : command_table()) {
    ASSERT_EQ(find_command(command.name), &command);
    EXPECT_FALSE(command.summary.empty());
  }
  EXPECT_EQ(find_command("Migrate"), nullptr);
}

// What the runner reads from the table: which commands open the session, may be dry-run
// and are recorded by the run log.
TEST(CommandsTable, SaysWhatEachCommandNeeds) {
  std::vector<std::string_view> session, dry_run, run_log;
  for (const CommandInfo& command : command_table()) {
    if (command.session) session.push_back(command.name);
    if (command.dry_run) dry_run.push_back(command.name);
    if (command.run_log) run_log.push_back(command.name);
  }
  EXPECT_EQ(session, (std::vector<std::string_view>{"migrate", "info", "validate", "baseline",
                                                    "repair", "undo", "clean"}));
  EXPECT_EQ(dry_run, (std::vector<std::string_view>{"migrate", "info", "validate", "baseline",
                                                    "undo"}));
  EXPECT_EQ(run_log, (std::vector<std::string_view>{"migrate", "baseline", "repair", "undo"}));
}

}  // namespace
}  // namespace runway
