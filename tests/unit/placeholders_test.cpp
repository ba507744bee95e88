// Placeholder replacement (spec 7.8) and the checksums of replaced repeatables (spec 3.2, 3.3).
#include "runway/placeholders.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>

#include "runway/checksum.h"

namespace runway {
namespace {

// A source over a string that hands out at most `max_read` bytes per read, so that
// placeholders, prefixes and line breaks get split across reads.
class ChunkedStringSource : public TextSource {
 public:
  ChunkedStringSource(std::string text, std::size_t max_read)
      : text_(std::move(text)), max_read_(max_read) {}

  Result<std::size_t> read(std::span<char> buffer) override {
    std::size_t n = std::min({buffer.size(), max_read_, text_.size() - position_});
    std::copy_n(text_.data() + position_, n, buffer.data());
    position_ += n;
    return n;
  }

 private:
  std::string text_;
  std::size_t max_read_;
  std::size_t position_ = 0;
};

constexpr std::size_t kLargestRead = 7;
const std::string kScriptPath = "sql/R__views.sql";

std::unique_ptr<TextSource> replacing(const std::string& text, const PlaceholderValues& values,
                                      std::size_t max_read,
                                      const PlaceholderSyntax& syntax = PlaceholderSyntax{}) {
  return replace_placeholders(std::make_unique<ChunkedStringSource>(text, max_read), values, syntax,
                              kScriptPath);
}

Result<std::string> read_through(TextSource& source) {
  std::string out;
  std::array<char, 5> buffer;
  while (true) {
    RUNWAY_ASSIGN(n, source.read(buffer));
    if (n == 0) return out;
    out.append(buffer.data(), n);
  }
}

// Replaces with every read size from 1 to kLargestRead and expects the same text each time.
void expect_replaced(const std::string& text, const PlaceholderValues& values,
                     const std::string& expected,
                     const PlaceholderSyntax& syntax = PlaceholderSyntax{}) {
  for (std::size_t max_read = 1; max_read <= kLargestRead; ++max_read) {
    auto source = replacing(text, values, max_read, syntax);
    auto out = read_through(*source);
    ASSERT_TRUE(out.has_value()) << "reads of " << max_read << ": " << out.error().message;
    EXPECT_EQ(*out, expected) << "reads of " << max_read;
  }
}

void expect_error(const std::string& text, const PlaceholderValues& values,
                  const std::string& message) {
  for (std::size_t max_read = 1; max_read <= kLargestRead; ++max_read) {
    auto source = replacing(text, values, max_read);
    auto out = read_through(*source);
    ASSERT_FALSE(out.has_value()) << "reads of " << max_read << " gave " << *out;
    EXPECT_EQ(out.error().message, message) << "reads of " << max_read;
  }
}

PlaceholderValues values_of(std::initializer_list<std::pair<std::string, std::string>> pairs) {
  PlaceholderValues values;
  for (const auto& [name, value] : pairs) values.set(name, value);
  return values;
}

BuiltinFacts sqlite_facts() {
  BuiltinFacts facts;
  facts.default_schema = "main";
  facts.user = "";
  facts.timestamp = "2024-05-06 07:08:09";
  facts.working_directory = "/srv/app";
  return facts;
}

PlaceholderValues builtins(const Settings& settings, const BuiltinFacts& facts) {
  auto values = make_placeholder_values(settings, facts);
  EXPECT_TRUE(values.has_value()) << values.error().message;
  return values ? *values : PlaceholderValues{};
}

TEST(PlaceholdersTest, ReplacesPlaceholder) {
  expect_replaced("SELECT * FROM ${tbl};\n", values_of({{"tbl", "person"}}),
                  "SELECT * FROM person;\n");
}

TEST(PlaceholdersTest, ReplacesEveryOccurrenceInCommentsAndStringsToo) {
  expect_replaced("-- ${a}\nSELECT '${a}', ${a}${a};", values_of({{"a", "x"}}),
                  "-- x\nSELECT 'x', xx;");
}

TEST(PlaceholdersTest, TextWithoutPlaceholdersIsUnchanged) {
  const std::string text = "SELECT '$', '{', '}', '$5', 'a$' || '$$';\r\n$";
  expect_replaced(text, PlaceholderValues{}, text);
}

TEST(PlaceholdersTest, NamesAreCaseInsensitive) {
  PlaceholderValues values = values_of({{"Tbl", "person"}});
  expect_replaced("${TBL} ${tbl} ${tBl}", values, "person person person");
}

TEST(PlaceholdersTest, CustomPrefixAndSuffix) {
  PlaceholderSyntax syntax{"@@", "@@", ":"};
  expect_replaced("SELECT @@tbl@@ FROM ${tbl} @ x@", values_of({{"tbl", "t"}}),
                  "SELECT t FROM ${tbl} @ x@", syntax);
}

TEST(PlaceholdersTest, EmptyValueDeletesPlaceholder) {
  expect_replaced("CREATE ${opt}TABLE t();", values_of({{"opt", ""}}), "CREATE TABLE t();");
}

TEST(PlaceholdersTest, ValuesAreNotRescanned) {
  expect_replaced("${a}", values_of({{"a", "${b}"}, {"b", "x"}}), "${b}");
}

TEST(PlaceholdersTest, NameIsTextUpToFirstSuffix) {
  expect_replaced("${ a b }}", values_of({{" a b ", "v"}}), "v}");
}

TEST(PlaceholdersTest, PrefixSplitAcrossReads) {
  // With reads of 1..7 bytes, `${` falls on a read boundary for several sizes.
  expect_replaced("abcde${x}fgh$", values_of({{"x", "X"}}), "abcdeXfgh$");
}

TEST(PlaceholdersTest, UnknownPlaceholderNamesFileAndLine) {
  expect_error("SELECT 1;\n\nSELECT ${nope};\n", PlaceholderValues{},
               "No value provided for placeholder: ${nope}.  Check your configuration!\n"
               "(sql/R__views.sql line 3 col 8)");
}

TEST(PlaceholdersTest, LineNumberCountsLinesBeforeAndInsideReplacedPlaceholders) {
  // ${b} is on line 6: the value's own line breaks do not count, the name's do.
  expect_error("${a}\n${\na}\n${a}\r\n\n${b}", values_of({{"a", "1\n2\n3"}, {"\na", "x"}}),
               "No value provided for placeholder: ${b}.  Check your configuration!\n"
               "(sql/R__views.sql line 6 col 1)");
}

// Flyway reads to the end of the file and drops as many characters as the suffix has.
TEST(PlaceholdersTest, UnterminatedPlaceholderIsNamedAsFlywayNamesIt) {
  expect_error("SELECT '${abc');\n", PlaceholderValues{},
               "No value provided for placeholder: ${abc');}.  Check your configuration!\n"
               "(sql/R__views.sql line 1 col 9: no closing '}' before the end of the file)");
}

TEST(PlaceholdersTest, UnknownPlaceholderKeepsNameCase) {
  expect_error("${NoPe}", values_of({{"nope2", "x"}}),
               "No value provided for placeholder: ${NoPe}.  Check your configuration!\n"
               "(sql/R__views.sql line 1 col 1)");
}

TEST(PlaceholdersTest, BuiltinTableAndEnvironment) {
  Settings settings;
  settings.table = "history";
  settings.environment = "prod";
  PlaceholderValues values = builtins(settings, sqlite_facts());
  expect_replaced("${flyway:table} ${flyway:environment}", values, "history prod");
}

TEST(PlaceholdersTest, BuiltinConnectionFacts) {
  PlaceholderValues values = builtins(Settings{}, sqlite_facts());
  expect_replaced(
      "[${flyway:defaultSchema}][${flyway:user}][${flyway:timestamp}][${flyway:workingDirectory}]",
      values, "[main][][2024-05-06 07:08:09][/srv/app]");
}

TEST(PlaceholdersTest, BuiltinNamesAreCaseInsensitive) {
  PlaceholderValues values = builtins(Settings{}, sqlite_facts());
  expect_replaced("${FLYWAY:TABLE}", values, "flyway_schema_history");
}

TEST(PlaceholdersTest, BuiltinUsesConfiguredSeparator) {
  Settings settings;
  settings.placeholder_separator = ".";
  PlaceholderValues values = builtins(settings, sqlite_facts());
  expect_replaced("${flyway.table}", values, "flyway_schema_history");
}

TEST(PlaceholdersTest, FilenameComesFromForScript) {
  PlaceholderValues values = builtins(Settings{}, sqlite_facts());
  PlaceholderValues script_values = values.for_script("R__views.sql", ":");
  expect_replaced("-- ${flyway:filename}", script_values, "-- R__views.sql");
  EXPECT_EQ(values.find("flyway:filename"), nullptr);
}

TEST(PlaceholdersTest, DatabaseBuiltinWhenKnown) {
  BuiltinFacts facts = sqlite_facts();
  facts.database = "appdb";
  PlaceholderValues values = builtins(Settings{}, facts);
  expect_replaced("${flyway:database}", values, "appdb");
}

TEST(PlaceholdersTest, MissingDatabaseBuiltinFails) {
  PlaceholderValues values = builtins(Settings{}, sqlite_facts());
  expect_error("SELECT\n'${flyway:database}';", values,
               "Failed to populate value for default placeholder: ${flyway:database}\n"
               "(sql/R__views.sql line 2 col 2)");
}

PlaceholderValues with_user_placeholder(const std::string& name, const std::string& value) {
  Settings settings;
  settings.placeholders = {{name, value}};
  return builtins(settings, sqlite_facts());
}

TEST(PlaceholdersTest, UserPlaceholdersAreAvailable) {
  expect_replaced("${owner}", with_user_placeholder("Owner", "alice"), "alice");
}

TEST(PlaceholdersTest, ReservedFlywayPrefixIsRejected) {
  Settings settings;
  settings.placeholders = {{"Flyway:table", "x"}};
  auto values = make_placeholder_values(settings, sqlite_facts());
  ASSERT_FALSE(values.has_value());
  EXPECT_EQ(values.error().message,
            "Invalid placeholder ('flyway:' prefix is reserved): Flyway:table");
}

TEST(PlaceholdersTest, FlywayWithoutSeparatorIsAnOrdinaryName) {
  expect_replaced("${flywayish}", with_user_placeholder("flywayish", "ok"), "ok");
}

// Spec 3.3: the checksum of a repeatable is taken over the replaced text.

const std::string kViewScript = "CREATE VIEW v AS SELECT * FROM ${tbl};\n";

std::int32_t replaced_checksum(const PlaceholderValues& values, std::size_t max_read) {
  auto source = replacing(kViewScript, values, max_read);
  auto checksum = checksum_of(*source);
  EXPECT_TRUE(checksum.has_value()) << checksum.error().message;
  return checksum ? *checksum : 0;
}

TEST(PlaceholdersTest, RepeatableChecksumWithPerson) {
  PlaceholderValues values = values_of({{"tbl", "person"}});
  for (std::size_t max_read = 1; max_read <= kLargestRead; ++max_read) {
    EXPECT_EQ(replaced_checksum(values, max_read), 1842084908) << "reads of " << max_read;
  }
}

TEST(PlaceholdersTest, RepeatableChecksumWithPeople) {
  PlaceholderValues values = values_of({{"tbl", "people"}});
  for (std::size_t max_read = 1; max_read <= kLargestRead; ++max_read) {
    EXPECT_EQ(replaced_checksum(values, max_read), 113010531) << "reads of " << max_read;
  }
}

TEST(PlaceholdersTest, RepeatableRawChecksum) {
  ChunkedStringSource raw(kViewScript, 3);
  auto checksum = checksum_of(raw);
  ASSERT_TRUE(checksum.has_value());
  EXPECT_EQ(*checksum, -2017367822);
}

TEST(PlaceholdersTest, UnknownPlaceholderMakesChecksumFail) {
  auto source = replacing(kViewScript, PlaceholderValues{}, 4);
  auto checksum = checksum_of(*source);
  ASSERT_FALSE(checksum.has_value());
  EXPECT_EQ(checksum.error().message,
            "No value provided for placeholder: ${tbl}.  Check your configuration!\n"
            "(sql/R__views.sql line 1 col 32)");
}

}  // namespace
}  // namespace runway
