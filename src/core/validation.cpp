// Flyway's validation chain (spec 6.1): for each entry the first matching rule decides.
#include "runway/validation.h"

#include <algorithm>

#include "core/cherry_pick.h"

namespace runway {

namespace {

bool type_matches(IgnorePattern::Type type, bool versioned) {
  return type == IgnorePattern::Type::Any ||
         (type == IgnorePattern::Type::Versioned) == versioned;
}

// The state word of a pattern against a state's display name: `missing` matches `Missing`
// only, not `Failed (Missing)` (spec 6.2).
bool state_matches(IgnorePattern::State pattern, MigrationState state) {
  switch (pattern) {
    case IgnorePattern::State::Any: return true;
    case IgnorePattern::State::Missing: return state == MigrationState::MissingSuccess;
    case IgnorePattern::State::Pending: return state == MigrationState::Pending;
    case IgnorePattern::State::Ignored: return state == MigrationState::Ignored;
    case IgnorePattern::State::Future: return state == MigrationState::FutureSuccess;
  }
  return false;
}

std::string value_or_null(const std::optional<std::int32_t>& v) {
  return v ? std::to_string(*v) : "null";
}

class Validator {
 public:
  Validator(const Plan& plan, const IgnoreRules& rules, const CherryPick* cherry_pick)
      : plan_(plan), rules_(rules), cherry_pick_(cherry_pick) {}

  std::optional<ValidationFailure> check(const MigrationInfo& m) const {
    MigrationState s = m.state;
    if (s == MigrationState::Undone || s == MigrationState::AboveTarget ||
        s == MigrationState::Deleted) {
      return std::nullopt;
    }
    if (rules_.matches(m)) return std::nullopt;
    bool versioned = m.is_versioned();
    std::string id = versioned ? m.version_text() : m.description();

    if (is_failed_state(s) && !(s == MigrationState::FutureFailed && rules_.ignores(IgnorePattern::State::Future))) {
      return versioned
                 ? failure(m, ErrorCode::FailedVersionedMigration,
                           "Detected failed migration to version " + id + " (" + m.description() +
                               ").\nPlease remove any half-completed changes then run repair to "
                               "fix the schema history.")
                 : failure(m, ErrorCode::FailedRepeatableMigration,
                           "Detected failed repeatable migration: " + id +
                               ".\nPlease remove any half-completed changes then run repair to "
                               "fix the schema history.");
    }
    if (cherry_pick_ != nullptr && cherry_pick_->skips(m)) return std::nullopt;
    bool missing = s == MigrationState::MissingSuccess || s == MigrationState::MissingFailed;
    bool future = s == MigrationState::FutureSuccess || s == MigrationState::FutureFailed;
    if (!m.resolved && m.applied && !is_synthetic(m.applied->type) &&
        !is_undo_type(m.applied->type) && s != MigrationState::Superseded &&
        !(missing && rules_.ignores(IgnorePattern::State::Missing)) && !(future && rules_.ignores(IgnorePattern::State::Future))) {
      return failure(m,
                     versioned ? ErrorCode::AppliedVersionedMigrationNotResolved
                               : ErrorCode::AppliedRepeatableMigrationNotResolved,
                     "Detected applied migration not resolved locally: " + id +
                         ".\nIf you removed this migration intentionally, run repair to mark the "
                         "migration as deleted.");
    }
    if (s == MigrationState::Ignored && !rules_.ignores(IgnorePattern::State::Ignored) && m.resolved &&
        m.resolved->kind == MigrationKind::Versioned) {
      return failure(m,
                     versioned ? ErrorCode::ResolvedVersionedMigrationNotApplied
                               : ErrorCode::ResolvedRepeatableMigrationNotApplied,
                     "Detected resolved migration not applied to database: " + id +
                         ".\nTo ignore this migration, set -ignoreMigrationPatterns='*:ignored'. "
                         "To allow executing this migration, set -outOfOrder=true." +
                         "\n(It sorts below version " + plan_.last_applied.text() +
                         ", which is already applied.)");
    }
    if (s == MigrationState::Pending && !rules_.ignores(IgnorePattern::State::Pending)) {
      return versioned
                 ? failure(m, ErrorCode::ResolvedVersionedMigrationNotApplied,
                           "Detected resolved migration not applied to database: " + id +
                               ".\nTo fix this error, either run migrate, or set "
                               "-ignoreMigrationPatterns='*:pending'.")
                 : failure(m, ErrorCode::ResolvedRepeatableMigrationNotApplied,
                           "Detected resolved repeatable migration not applied to database: " +
                               id +
                               ".\nTo fix this error, either run migrate, or set "
                               "-ignoreMigrationPatterns='*:pending'.");
    }
    if (s == MigrationState::Outdated && !rules_.ignores(IgnorePattern::State::Pending)) {
      return failure(m, ErrorCode::OutdatedRepeatableMigration,
                     "Detected outdated resolved repeatable migration that should be re-applied "
                     "to database: " +
                         id + ".\nRun migrate to execute this migration.");
    }
    return check_mismatch(m);
  }

 private:
  std::optional<ValidationFailure> check_mismatch(const MigrationInfo& m) const {
    if (!m.resolved || !m.applied) return std::nullopt;
    const AppliedMigration& row = *m.applied;
    const ResolvedMigration& file = *m.resolved;
    if (row.type == MigrationType::Delete || is_undo_type(row.type)) return std::nullopt;
    bool versioned = m.is_versioned();
    if (versioned && !(row.version > plan_.applied_baseline)) return std::nullopt;
    std::string id = versioned ? "version " + row.version_text : row.script;

    if (row.type != file.type()) {
      return mismatch(m, ErrorCode::TypeMismatch, "type", id, migration_type_name(row.type),
                      migration_type_name(file.type()));
    }
    bool compare_checksum = versioned || (rules_.ignores(IgnorePattern::State::Pending) &&
                                          m.state != MigrationState::Outdated &&
                                          m.state != MigrationState::Superseded);
    // Strictly, as Flyway's isChecksumMatching(): the checksum without placeholder replacement
    // (equivalent_checksum) only keeps a repeatable from being re-applied, so a repeatable
    // applied without replacement fails here once replacement is switched on.
    bool checksums_equal = !file.checksum || !row.checksum || *file.checksum == *row.checksum;
    if (compare_checksum && !checksums_equal) {
      return mismatch(m, ErrorCode::ChecksumMismatch, "checksum", id, value_or_null(row.checksum),
                      value_or_null(file.checksum));
    }
    std::string local = abbreviate_description(file.description);
    bool same = row.description == local || (row.description == "<< no description >>" && local.empty());
    if (!same) {
      return mismatch(m, ErrorCode::DescriptionMismatch, "description", id, row.description, local);
    }
    return std::nullopt;
  }

  static ValidationFailure failure(const MigrationInfo& m, ErrorCode code, std::string message) {
    return ValidationFailure{m.version_text(), m.description(),
                             m.resolved ? m.resolved->absolute_path : std::string(), code,
                             std::move(message)};
  }

  static ValidationFailure mismatch(const MigrationInfo& m, ErrorCode code, const char* kind,
                                    const std::string& id, const std::string& applied,
                                    const std::string& local) {
    return failure(m, code,
                   std::string("Migration ") + kind + " mismatch for migration " + id +
                       "\n-> Applied to database : " + applied +
                       "\n-> Resolved locally    : " + local +
                       "\nEither revert the changes to the migration, or run repair to update "
                       "the schema history.");
  }

  const Plan& plan_;
  const IgnoreRules& rules_;
  const CherryPick* cherry_pick_;
};

}  // namespace

bool IgnoreRules::matches(const MigrationInfo& info) const {
  bool versioned = info.applied ? info.applied->is_versioned() : info.resolved->is_versioned();
  return std::any_of(patterns_.begin(), patterns_.end(), [&](const IgnorePattern& p) {
    return type_matches(p.type, versioned) && state_matches(p.state, info.state);
  });
}

bool IgnoreRules::ignores(IgnorePattern::State state) const {
  auto has = [&](bool versioned) {
    return std::any_of(patterns_.begin(), patterns_.end(), [&](const IgnorePattern& p) {
      return type_matches(p.type, versioned) &&
             (p.state == IgnorePattern::State::Any || p.state == state);
    });
  };
  return has(true) && has(false);
}

IgnoreRules IgnoreRules::with_pending_ignored() const {
  std::vector<IgnorePattern> patterns = patterns_;
  patterns.push_back(IgnorePattern{IgnorePattern::Type::Any, IgnorePattern::State::Pending});
  return IgnoreRules(std::move(patterns));
}

std::vector<ValidationFailure> validate_plan(const Plan& plan, const IgnoreRules& rules,
                                             const CherryPick* cherry_pick) {
  Validator validator(plan, rules, cherry_pick);
  std::vector<ValidationFailure> failures;
  for (const MigrationInfo& m : plan.entries) {
    if (auto f = validator.check(m)) failures.push_back(std::move(*f));
  }
  return failures;
}

std::string validation_error_message(const std::vector<ValidationFailure>& failures) {
  std::string message = "Validate failed: Migrations have failed validation";
  for (const ValidationFailure& f : failures) message += "\n" + f.message;
  return message;
}

}  // namespace runway
