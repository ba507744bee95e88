// Validation (spec 6.1) and ignoreMigrationPatterns (spec 6.2) over hand-built plans.
#include "runway/validation.h"

#include <gtest/gtest.h>

#include "core/ignore_patterns.h"
#include "unit/plan_builders.h"

namespace runway {
namespace {

using namespace runway::test;
using Type = MigrationType;

// Rules from `<type>:<state>` pairs, through the same parser the configuration uses.
IgnoreRules patterns(std::initializer_list<std::pair<std::string, std::string>> list) {
  std::vector<std::string> items;
  for (const auto& [type, state] : list) items.push_back(type + ":" + state);
  auto parsed = parse_ignore_patterns(items);
  EXPECT_TRUE(parsed.has_value());
  return IgnoreRules(parsed.value_or(std::vector<IgnorePattern>{}));
}

IgnorePattern::State state(const std::string& word) {
  auto parsed = parse_ignore_patterns({"*:" + word});
  EXPECT_TRUE(parsed.has_value()) << word;
  return parsed->front().state;
}

const IgnoreRules kNoPatterns = patterns({});
const IgnoreRules kDefaultPatterns = patterns({{"*", "future"}});

const std::string kRepairHint =
    "\nPlease remove any half-completed changes then run repair to fix the schema history.";
const std::string kDeletedHint =
    "\nIf you removed this migration intentionally, run repair to mark the migration as deleted.";
const std::string kPendingHint =
    "\nTo fix this error, either run migrate, or set -ignoreMigrationPatterns='*:pending'.";
const std::string kMismatchHint =
    "\nEither revert the changes to the migration, or run repair to update the schema history.";

// Spec 6.1's mismatch template.
std::string mismatch_message(const std::string& kind, const std::string& id,
                             const std::string& applied, const std::string& local) {
  return "Migration " + kind + " mismatch for migration " + id +
         "\n-> Applied to database : " + applied + "\n-> Resolved locally    : " + local +
         kMismatchHint;
}

std::vector<ValidationFailure> validate(const std::vector<ResolvedMigration>& resolved,
                                        const std::vector<AppliedMigration>& applied,
                                        const IgnoreRules& rules,
                                        const PlanOptions& options = PlanOptions{}) {
  return validate_plan(plan_of(resolved, applied, options), rules);
}

// The single failure of a validation, or a test failure when there is not exactly one.
ValidationFailure only_failure(const std::vector<ValidationFailure>& failures) {
  if (failures.size() != 1) {
    ADD_FAILURE() << "expected exactly one failure, got " << failures.size();
    for (const ValidationFailure& f : failures) ADD_FAILURE() << f.message;
  }
  return failures.empty() ? ValidationFailure{} : failures.front();
}

std::vector<ErrorCode> codes(const std::vector<ValidationFailure>& failures) {
  std::vector<ErrorCode> out;
  for (const ValidationFailure& f : failures) out.push_back(f.code);
  return out;
}

MigrationInfo entry_in_state(bool versioned, MigrationState state) {
  // A plan points at the files it was made from; these live as long as the test binary.
  static const ResolvedMigration kVersioned = V("1");
  static const ResolvedMigration kRepeatable = R("views");
  MigrationInfo info;
  info.resolved = versioned ? &kVersioned : &kRepeatable;
  info.state = state;
  return info;
}

// Rule 1.

TEST(ValidationTest, AboveTargetIsNeverAnError) {
  EXPECT_TRUE(validate({V("1"), V("2")}, {row(1, "1", "")}, kNoPatterns, with_target("1")).empty());
}

TEST(ValidationTest, DeletedRowIsNeverAnError) {
  AppliedMigration v2 = row(2, "2", "");
  EXPECT_TRUE(validate({V("1")}, {row(1, "1", ""), v2, delete_row(3, v2)}, kNoPatterns).empty());
}

// Rule 2.

TEST(ValidationTest, MatchingPatternSwitchesOffEveryCheckOfThatKind) {
  auto failures = validate({V("1", "", 2), R("views")}, {row(1, "1", "", Type::Sql, 1)},
                           patterns({{"versioned", "*"}}));
  EXPECT_EQ(codes(failures), (std::vector{ErrorCode::ResolvedRepeatableMigrationNotApplied}));
}

TEST(ValidationTest, StarStarIgnoresEverything) {
  auto failures = validate({V("2", "", 9), V("3"), R("views")},
                           {failed_row(1, "1", ""), row(2, "2", "")}, patterns({{"*", "*"}}));
  EXPECT_TRUE(failures.empty());
}

// Rule 3.

TEST(ValidationTest, FailedVersionedMigration) {
  ValidationFailure f =
      only_failure(validate({V("1", "add col")}, {failed_row(1, "1", "add col")}, kNoPatterns));
  EXPECT_EQ(f.code, ErrorCode::FailedVersionedMigration);
  EXPECT_EQ(f.message, "Detected failed migration to version 1 (add col)." + kRepairHint);
  EXPECT_EQ(f.version, "1");
  EXPECT_EQ(f.description, "add col");
  EXPECT_EQ(f.filepath, "/project/sql/V1__add_col.sql");
}

TEST(ValidationTest, FailedRepeatableMigration) {
  ValidationFailure f =
      only_failure(validate({R("views")}, {failed_row(1, "", "views")}, kNoPatterns));
  EXPECT_EQ(f.code, ErrorCode::FailedRepeatableMigration);
  EXPECT_EQ(f.message, "Detected failed repeatable migration: views." + kRepairHint);
  EXPECT_EQ(f.version, "");
}

TEST(ValidationTest, FailedMissingIsFailedEvenWhenMissingIsIgnored) {
  ValidationFailure f = only_failure(validate({V("2")}, {failed_row(1, "1", "gone")},
                                              patterns({{"*", "missing"}, {"*", "pending"}})));
  EXPECT_EQ(f.code, ErrorCode::FailedVersionedMigration);
  EXPECT_EQ(f.message, "Detected failed migration to version 1 (gone)." + kRepairHint);
  EXPECT_EQ(f.filepath, "");
}

TEST(ValidationTest, FailedFutureIsFailedWithoutFuturePattern) {
  ValidationFailure f =
      only_failure(validate({V("1")}, {row(1, "1", ""), failed_row(2, "2", "")}, kNoPatterns));
  EXPECT_EQ(f.code, ErrorCode::FailedVersionedMigration);
}

// Spec 6.1 rule 3 exempts Failed (Future) when "future" is ignored, and rule 5 then skips it
// too, so the default `*:future` lets it pass although the pattern itself does not match it.
TEST(ValidationTest, FailedFutureIsLetThroughWhenFutureIsIgnored) {
  EXPECT_TRUE(
      validate({V("1")}, {row(1, "1", ""), failed_row(2, "2", "")}, kDefaultPatterns).empty());
}

// Rule 5.

TEST(ValidationTest, MissingVersionedMigration) {
  ValidationFailure f =
      only_failure(validate({V("2")}, {row(1, "1", ""), row(2, "2", "")}, kDefaultPatterns));
  EXPECT_EQ(f.code, ErrorCode::AppliedVersionedMigrationNotResolved);
  EXPECT_EQ(f.message, "Detected applied migration not resolved locally: 1." + kDeletedHint);
  EXPECT_EQ(f.filepath, "");
}

TEST(ValidationTest, MissingIsAllowedByMissingPattern) {
  EXPECT_TRUE(
      validate({V("2")}, {row(1, "1", ""), row(2, "2", "")}, patterns({{"*", "missing"}})).empty());
}

TEST(ValidationTest, MissingRepeatableMigrationNamesDescription) {
  ValidationFailure f =
      only_failure(validate({}, {row(1, "", "views"), row(2, "", "views")}, kDefaultPatterns));
  EXPECT_EQ(f.code, ErrorCode::AppliedRepeatableMigrationNotResolved);
  EXPECT_EQ(f.message, "Detected applied migration not resolved locally: views." + kDeletedHint);
}

TEST(ValidationTest, FutureIsAnErrorWithoutFuturePattern) {
  ValidationFailure f =
      only_failure(validate({V("1")}, {row(1, "1", ""), row(2, "2", "")}, kNoPatterns));
  EXPECT_EQ(f.code, ErrorCode::AppliedVersionedMigrationNotResolved);
  EXPECT_EQ(f.message, "Detected applied migration not resolved locally: 2." + kDeletedHint);
}

TEST(ValidationTest, FutureIsHiddenByDefaultPattern) {
  EXPECT_TRUE(validate({V("1")}, {row(1, "1", ""), row(2, "2", "")}, kDefaultPatterns).empty());
}

TEST(ValidationTest, SyntheticRowsWithoutFilesAreNotMissing) {
  EXPECT_TRUE(
      validate({V("4")}, {schema_marker(0), baseline_marker(1, "3"), row(2, "4", "")}, kNoPatterns)
          .empty());
}

// Rule 6.

// The last line is runway's addition (spec 12, pain point 3: name the higher applied version).
TEST(ValidationTest, IgnoredLowerVersion) {
  ValidationFailure f = only_failure(
      validate({V("1"), V("2"), V("3")}, {row(1, "1", ""), row(2, "3", "")}, kDefaultPatterns));
  EXPECT_EQ(f.code, ErrorCode::ResolvedVersionedMigrationNotApplied);
  EXPECT_EQ(f.message,
            "Detected resolved migration not applied to database: 2.\nTo ignore this migration, "
            "set -ignoreMigrationPatterns='*:ignored'. To allow executing this migration, set "
            "-outOfOrder=true.\n(It sorts below version 3, which is already applied.)");
  EXPECT_EQ(f.filepath, "/project/sql/V2__.sql");
}

TEST(ValidationTest, IgnoredIsAllowedByIgnoredPattern) {
  EXPECT_TRUE(validate({V("1"), V("2"), V("3")}, {row(1, "1", ""), row(2, "3", "")},
                       patterns({{"*", "ignored"}}))
                  .empty());
}

TEST(ValidationTest, IgnoredBaselineMigrationIsNotAnError) {
  EXPECT_TRUE(
      validate({V("1"), B("5"), V("6")}, {row(1, "1", "")}, patterns({{"*", "pending"}})).empty());
}

TEST(ValidationTest, BelowBaselineFilesAreNotErrors) {
  EXPECT_TRUE(
      validate({V("1"), V("2"), V("3")}, {baseline_marker(1, "3")}, kDefaultPatterns).empty());
}

// Rule 7.

TEST(ValidationTest, PendingVersionedMigration) {
  ValidationFailure f =
      only_failure(validate({V("1"), V("2")}, {row(1, "1", "")}, kDefaultPatterns));
  EXPECT_EQ(f.code, ErrorCode::ResolvedVersionedMigrationNotApplied);
  EXPECT_EQ(f.message, "Detected resolved migration not applied to database: 2." + kPendingHint);
}

TEST(ValidationTest, PendingRepeatableMigration) {
  ValidationFailure f = only_failure(validate({R("views")}, {}, kDefaultPatterns));
  EXPECT_EQ(f.code, ErrorCode::ResolvedRepeatableMigrationNotApplied);
  EXPECT_EQ(f.message, "Detected resolved repeatable migration not applied to database: views." +
                           kPendingHint);
  EXPECT_EQ(f.version, "");
  EXPECT_EQ(f.description, "views");
}

TEST(ValidationTest, MigrateIgnoresPending) {
  IgnoreRules migrate_rules = kDefaultPatterns.with_pending_ignored();
  EXPECT_EQ(validate({V("1"), R("views")}, {}, kDefaultPatterns).size(), 2u);
  EXPECT_TRUE(validate({V("1"), R("views")}, {}, migrate_rules).empty());
}

TEST(ValidationTest, VersionedAndRepeatablePendingPatternsTogetherIgnorePending) {
  IgnoreRules both = patterns({{"versioned", "pending"}, {"repeatable", "pending"}});
  EXPECT_TRUE(validate({V("1"), R("views", 2)}, {row(1, "", "views", Type::Sql, 1)}, both).empty());
}

TEST(ValidationTest, VersionedPendingPatternAloneLeavesRepeatablesChecked) {
  auto failures = validate({V("1"), R("views", 2)}, {row(1, "", "views", Type::Sql, 1)},
                           patterns({{"versioned", "pending"}}));
  EXPECT_EQ(codes(failures), (std::vector{ErrorCode::OutdatedRepeatableMigration,
                                          ErrorCode::ResolvedRepeatableMigrationNotApplied}));
}

// Rule 8.

TEST(ValidationTest, OutdatedRepeatable) {
  auto failures = validate({R("views", 2)}, {row(1, "", "views", Type::Sql, 1)}, kDefaultPatterns);
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].code, ErrorCode::OutdatedRepeatableMigration);
  EXPECT_EQ(failures[0].message,
            "Detected outdated resolved repeatable migration that should be re-applied to "
            "database: views.\nRun migrate to execute this migration.");
  EXPECT_EQ(failures[1].code, ErrorCode::ResolvedRepeatableMigrationNotApplied);
}

// Rules 9-11.

TEST(ValidationTest, TypeMismatchNamesScriptOfRepeatable) {
  ValidationFailure f =
      only_failure(validate({R("views")}, {row(1, "", "views", Type::Jdbc)}, kDefaultPatterns));
  EXPECT_EQ(f.code, ErrorCode::TypeMismatch);
  EXPECT_EQ(f.message, mismatch_message("type", "R__views.sql", "JDBC", "SQL"));
}

TEST(ValidationTest, ChecksumMismatch) {
  ValidationFailure f = only_failure(
      validate({V("1.1", "init", 2)}, {row(1, "1.1", "init", Type::Sql, 1)}, kDefaultPatterns));
  EXPECT_EQ(f.code, ErrorCode::ChecksumMismatch);
  EXPECT_EQ(f.message,
            "Migration checksum mismatch for migration version 1.1\n-> Applied to database : 1\n"
            "-> Resolved locally    : 2" +
                kMismatchHint);
  EXPECT_EQ(f.filepath, "/project/sql/V1.1__init.sql");
}

// Flyway's isChecksumMatching(): a row or file without a checksum matches (measured with
// Flyway 12.0.2: a row whose checksum was set to NULL validates).
TEST(ValidationTest, RowWithoutChecksumMatchesAnyFile) {
  EXPECT_TRUE(
      validate({V("1", "", -5)}, {row(1, "1", "", Type::Sql, std::nullopt)}, kDefaultPatterns)
          .empty());
}

TEST(ValidationTest, NullChecksumsMatch) {
  EXPECT_TRUE(validate({V("1", "", std::nullopt)}, {row(1, "1", "", Type::Sql, std::nullopt)},
                       kDefaultPatterns)
                  .empty());
}

TEST(ValidationTest, ChecksumMismatchUsesStoredVersionText) {
  ValidationFailure f =
      only_failure(validate({V("1", "", 2)}, {row(1, "1.0", "", Type::Sql, 1)}, kDefaultPatterns));
  EXPECT_EQ(f.code, ErrorCode::ChecksumMismatch);
  EXPECT_EQ(f.message, mismatch_message("checksum", "version 1.0", "1", "2"));
}

TEST(ValidationTest, DescriptionMismatch) {
  ValidationFailure f =
      only_failure(validate({V("1", "init")}, {row(1, "1", "initial")}, kDefaultPatterns));
  EXPECT_EQ(f.code, ErrorCode::DescriptionMismatch);
  EXPECT_EQ(f.message, mismatch_message("description", "version 1", "initial", "init"));
}

TEST(ValidationTest, ChecksumMismatchComesBeforeDescriptionMismatch) {
  ValidationFailure f = only_failure(
      validate({V("1", "new", 2)}, {row(1, "1", "old", Type::Sql, 1)}, kDefaultPatterns));
  EXPECT_EQ(f.code, ErrorCode::ChecksumMismatch);
}

TEST(ValidationTest, NoDescriptionMarkerEqualsEmptyDescription) {
  EXPECT_TRUE(validate({V("1")}, {row(1, "1", "<< no description >>")}, kDefaultPatterns).empty());
}

TEST(ValidationTest, LongDescriptionIsComparedAbbreviated) {
  std::string long_description(250, 'd');
  EXPECT_TRUE(validate({V("1", long_description)},
                       {row(1, "1", abbreviate_description(long_description))}, kDefaultPatterns)
                  .empty());
}

TEST(ValidationTest, NoChecksAtOrBelowAppliedBaseline) {
  auto failures = validate({B("5", "", 9), V("6", "", 9)},
                           {row(1, "5", "", Type::SqlBaseline, 1), row(2, "6", "", Type::Sql, 1)},
                           kDefaultPatterns);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].code, ErrorCode::ChecksumMismatch);
  EXPECT_EQ(failures[0].version, "6");
}

TEST(ValidationTest, EveryFailingEntryIsReportedInPlanOrder) {
  auto failures = validate({V("2", "", 9), V("3"), R("views")}, {row(1, "1", ""), row(2, "2", "")},
                           kDefaultPatterns);
  EXPECT_EQ(codes(failures), (std::vector{ErrorCode::AppliedVersionedMigrationNotResolved,
                                          ErrorCode::ChecksumMismatch,
                                          ErrorCode::ResolvedVersionedMigrationNotApplied,
                                          ErrorCode::ResolvedRepeatableMigrationNotApplied}));
}

TEST(ValidationTest, CombinedMessageListsEveryFailure) {
  auto failures = validate({V("1"), R("views")}, {}, kDefaultPatterns);
  EXPECT_EQ(validation_error_message(failures),
            "Validate failed: Migrations have failed validation\n"
            "Detected resolved migration not applied to database: 1." +
                kPendingHint +
                "\nDetected resolved repeatable migration not applied to database: views." +
                kPendingHint);
}

// ignoreMigrationPatterns matching (spec 6.2).

TEST(IgnoreRulesTest, StateWordMatchesDisplayNameOnly) {
  IgnoreRules rules = patterns({{"*", "future"}, {"*", "missing"}, {"*", "ignored"}});
  EXPECT_TRUE(rules.matches(entry_in_state(true, MigrationState::FutureSuccess)));
  EXPECT_FALSE(rules.matches(entry_in_state(true, MigrationState::FutureFailed)));
  EXPECT_TRUE(rules.matches(entry_in_state(true, MigrationState::MissingSuccess)));
  EXPECT_FALSE(rules.matches(entry_in_state(true, MigrationState::MissingFailed)));
  EXPECT_TRUE(rules.matches(entry_in_state(true, MigrationState::Ignored)));
  EXPECT_FALSE(rules.matches(entry_in_state(true, MigrationState::BaselineIgnored)));
}

TEST(IgnoreRulesTest, TypePartSelectsVersionedOrRepeatable) {
  IgnoreRules rules = patterns({{"repeatable", "pending"}});
  EXPECT_TRUE(rules.matches(entry_in_state(false, MigrationState::Pending)));
  EXPECT_FALSE(rules.matches(entry_in_state(true, MigrationState::Pending)));
}

TEST(IgnoreRulesTest, StarStateMatchesAnyState) {
  IgnoreRules rules = patterns({{"versioned", "*"}});
  EXPECT_TRUE(rules.matches(entry_in_state(true, MigrationState::Failed)));
  EXPECT_FALSE(rules.matches(entry_in_state(false, MigrationState::Failed)));
}

TEST(IgnoreRulesTest, StateIsIgnoredByStarPatternOrByBothTypes) {
  EXPECT_TRUE(patterns({{"*", "pending"}}).ignores(state("pending")));
  EXPECT_TRUE(
      patterns({{"versioned", "pending"}, {"repeatable", "pending"}}).ignores(state("pending")));
  EXPECT_FALSE(patterns({{"versioned", "pending"}}).ignores(state("pending")));
  EXPECT_FALSE(patterns({{"repeatable", "pending"}}).ignores(state("pending")));
  EXPECT_TRUE(patterns({{"versioned", "*"}, {"repeatable", "missing"}}).ignores(state("missing")));
  EXPECT_FALSE(patterns({{"*", "missing"}}).ignores(state("future")));
}

TEST(IgnoreRulesTest, StarStarIgnoresEveryState) {
  IgnoreRules rules = patterns({{"*", "*"}});
  for (const char* word : {"missing", "pending", "ignored", "future"}) {
    EXPECT_TRUE(rules.ignores(state(word))) << word;
  }
}

TEST(IgnoreRulesTest, NoPatternsIgnoreNothing) {
  EXPECT_FALSE(kNoPatterns.ignores(state("future")));
  EXPECT_FALSE(kNoPatterns.matches(entry_in_state(true, MigrationState::FutureSuccess)));
}

TEST(IgnoreRulesTest, WithPendingIgnoredKeepsOtherPatterns) {
  IgnoreRules rules = kDefaultPatterns.with_pending_ignored();
  EXPECT_TRUE(rules.ignores(state("pending")));
  EXPECT_TRUE(rules.ignores(state("future")));
  EXPECT_FALSE(kDefaultPatterns.ignores(state("pending")));
}

}  // namespace
}  // namespace runway
