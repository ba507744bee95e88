// Risky PostgreSQL DDL (PG001-PG010): every rule fires on the risky statement and stays
// quiet on a look-alike that is safe.
#include <gmock/gmock.h>

#include <set>
#include <string>

#include "check/script_review.h"

namespace runway {
namespace {

// The rule ids review_script reports for `sql`, with the line of each ("PG001@2").
std::vector<std::string> findings_for(const std::string& sql, Settings settings = {}) {
  const PlaceholderValues values;
  const std::set<std::string> database_placeholders;
  const ScriptConfig no_script_config;
  const ScriptReviewContext context{settings, no_script_config, values, database_placeholders,
                                    SqlDialect::Postgres};
  std::vector<std::string> out;
  for (const Finding& f :
       review_script(sql, "V2__change.sql", "V2__change.sql", context).findings) {
    out.push_back(f.rule + "@" + std::to_string(f.line));
  }
  return out;
}

std::set<std::string> rules_for(const std::string& sql, Settings settings = {}) {
  std::set<std::string> rules;
  for (const std::string& f : findings_for(sql, std::move(settings))) {
    rules.insert(f.substr(0, f.find('@')));
  }
  return rules;
}

struct RuleCase {
  const char* name;
  const char* rule;
  const char* risky;       // must fire `rule`
  const char* look_alike;  // must not
};

const RuleCase kCases[] = {
    {"IndexWithoutConcurrently", "PG001", "CREATE INDEX users_name ON users (name);",
     "CREATE INDEX CONCURRENTLY users_name ON users (name);"},
    {"IndexOnTableCreatedHere", "PG001", "CREATE UNIQUE INDEX users_name ON public.users (name);",
     "CREATE TABLE users (id int, name text);\nCREATE INDEX users_name ON users (name);"},
    {"ConcurrentlyNextToOtherStatements", "PG002",
     "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY users_name ON users (name);",
     "CREATE INDEX CONCURRENTLY users_name ON users (name);"},
    {"NotNullColumnWithoutDefault", "PG003", "ALTER TABLE users ADD COLUMN email text NOT NULL;",
     "ALTER TABLE users ADD COLUMN email text NOT NULL DEFAULT '';"},
    {"NotNullWordsInsideADefault", "PG003", "ALTER TABLE users ADD email text NOT NULL;",
     "ALTER TABLE users ADD COLUMN note text DEFAULT 'NOT NULL';"},
    {"VolatileDefault", "PG004",
     "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();",
     "ALTER TABLE users ADD COLUMN created timestamptz DEFAULT now();"},
    {"SerialColumn", "PG004", "ALTER TABLE users ADD COLUMN n bigserial;",
     "ALTER TABLE users ADD COLUMN n bigint;"},
    {"ColumnTypeChange", "PG005", "ALTER TABLE users ALTER COLUMN name TYPE varchar(200);",
     "ALTER TABLE users ALTER COLUMN type SET DEFAULT 'TYPE';"},
    {"ColumnSetDataType", "PG005", "ALTER TABLE users ALTER name SET DATA TYPE text;",
     "ALTER TABLE users ALTER COLUMN name SET STATISTICS 500;"},
    {"ForeignKeyWithoutNotValid", "PG006",
     "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id);",
     "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id) "
     "NOT VALID;"},
    {"CheckWithoutNotValid", "PG006", "ALTER TABLE orders ADD CHECK (total >= 0);",
     "ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0) NOT VALID;"},
    {"DropTable", "PG007", "DROP TABLE IF EXISTS old_users CASCADE;", "DROP VIEW old_users;"},
    {"DropColumn", "PG007", "ALTER TABLE users DROP COLUMN name;",
     "ALTER TABLE users ALTER COLUMN name DROP DEFAULT;"},
    {"DropColumnWithoutTheWordColumn", "PG007", "ALTER TABLE users DROP name;",
     "ALTER TABLE users DROP CONSTRAINT users_name_check;"},
    {"DropIndex", "PG007", "DROP INDEX CONCURRENTLY users_name;",
     "SELECT 'DROP INDEX users_name';"},
    {"RenameTable", "PG008", "ALTER TABLE users RENAME TO people;",
     "ALTER TABLE users RENAME CONSTRAINT users_pkey TO people_pkey;"},
    {"RenameColumn", "PG008", "ALTER TABLE users RENAME COLUMN name TO full_name;",
     "-- ALTER TABLE users RENAME COLUMN name TO full_name;\nSELECT 1;"},
    {"VacuumFull", "PG009", "VACUUM (FULL, ANALYZE) users;", "VACUUM (ANALYZE) users;"},
    {"VacuumFullKeyword", "PG009", "VACUUM FULL users;", "VACUUM users;"},
    {"Cluster", "PG009", "CLUSTER users USING users_pkey;",
     "ALTER TABLE users CLUSTER ON users_pkey;"},
    {"LockTable", "PG009", "LOCK TABLE users IN SHARE MODE;", "SELECT * FROM users FOR UPDATE;"},
    {"AccessExclusiveWithoutLockTimeout", "PG010", "ALTER TABLE users ADD COLUMN note text;",
     "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;"},
    {"LockTimeoutSwitchedOff", "PG010",
     "SET lock_timeout = 0;\nALTER TABLE users ADD COLUMN note text;",
     "SELECT set_config('lock_timeout', '3s', false);\nALTER TABLE users ADD COLUMN note text;"},
    {"WeakLockIsNotExclusive", "PG010", "TRUNCATE users;",
     "ALTER TABLE orders VALIDATE CONSTRAINT orders_user;"},
    {"DollarQuotedBodyIsNotDdl", "PG007", "DROP TABLE users;",
     "CREATE FUNCTION f() RETURNS void AS $$ DROP TABLE users; $$ LANGUAGE sql;"},
};

class DdlRuleTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(DdlRuleTest, FiresOnTheRiskyStatement) {
  EXPECT_TRUE(rules_for(GetParam().risky).contains(GetParam().rule))
      << GetParam().risky
      << "\n found: " << ::testing::PrintToString(findings_for(GetParam().risky));
}

TEST_P(DdlRuleTest, StaysQuietOnTheLookAlike) {
  EXPECT_FALSE(rules_for(GetParam().look_alike).contains(GetParam().rule)) << GetParam().look_alike;
}

INSTANTIATE_TEST_SUITE_P(Rules, DdlRuleTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<RuleCase>& rule_case) {
                           return std::string(rule_case.param.rule) + "_" + rule_case.param.name;
                         });

TEST(DdlRules, EveryRuleHasACase) {
  std::set<std::string> covered;
  for (const RuleCase& c : kCases) covered.insert(c.rule);
  for (const CheckRule& rule : check_rules()) {
    if (rule.id.starts_with("PG")) {
      EXPECT_TRUE(covered.contains(std::string(rule.id))) << rule.id;
    }
  }
}

TEST(DdlRules, FindingsPointAtTheStatementLine) {
  EXPECT_THAT(findings_for("SET lock_timeout = '1s';\n\nCREATE INDEX i ON users (name);"),
              ::testing::ElementsAre("PG001@3"));
}

TEST(DdlRules, ConcurrentlyWithMixedOrWithoutTransactionsIsAllowed) {
  const std::string sql = "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY i ON users (a);";
  Settings mixed;
  mixed.mixed = true;
  EXPECT_FALSE(rules_for(sql, mixed).contains("PG002"));
  Settings no_transactions;
  no_transactions.execute_in_transaction = false;
  EXPECT_FALSE(rules_for(sql, no_transactions).contains("PG002"));
}

TEST(DdlRules, RulesDoNotRunOnSqlite) {
  Settings settings;
  const PlaceholderValues values;
  const std::set<std::string> none;
  const ScriptConfig no_script_config;
  const ScriptReviewContext context{settings, no_script_config, values, none, SqlDialect::Sqlite};
  EXPECT_TRUE(
      review_script("DROP TABLE users;", "V1__x.sql", "V1__x.sql", context).findings.empty());
}

TEST(DdlIgnoreComments, OnTheLineOrAboveSilenceOneRule) {
  EXPECT_THAT(findings_for("DROP TABLE users; -- runway:ignore PG007\n"),
              ::testing::ElementsAre("PG010@1"));
  EXPECT_THAT(findings_for("-- runway:ignore PG007, PG010\n-- why: users moved to people\n"
                           "DROP TABLE users;"),
              ::testing::IsEmpty());
  EXPECT_THAT(findings_for("/* runway:ignore pg007 */ DROP TABLE users;\nSET lock_timeout='1s';"),
              ::testing::ElementsAre("PG010@1"));
}

TEST(DdlIgnoreComments, DoNotReachPastTheNextStatement) {
  EXPECT_THAT(findings_for("-- runway:ignore PG007\nSET lock_timeout = '1s';\nDROP TABLE users;"),
              ::testing::ElementsAre("PG007@3"));
  // Naming another rule silences nothing.
  EXPECT_THAT(findings_for("SET lock_timeout = '1s';\nDROP TABLE users; -- runway:ignore PG001"),
              ::testing::ElementsAre("PG007@2"));
}

}  // namespace
}  // namespace runway
