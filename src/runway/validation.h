// Validation: Flyway's per-migration rule chain (spec 6.1) over a plan.
#pragma once

#include <string>
#include <vector>

#include "runway/plan.h"

namespace runway {

class CherryPick;

// One entry of ignoreMigrationPatterns (spec 6.2): `<type>:<state>`, e.g. `*:future`.
struct IgnorePattern {
  enum class Type { Any, Repeatable, Versioned };
  enum class State { Any, Missing, Pending, Ignored, Future };

  Type type = Type::Any;
  State state = State::Any;

  bool operator==(const IgnorePattern&) const = default;
};

struct ValidationFailure {
  std::string version;  // "" for repeatables
  std::string description;
  std::string filepath;  // absolute local path, or "" when there is no local file
  ErrorCode code;
  std::string message;
};

// Which kinds of entry validation lets through, derived from ignoreMigrationPatterns.
class IgnoreRules {
 public:
  explicit IgnoreRules(std::vector<IgnorePattern> patterns) : patterns_(std::move(patterns)) {}

  // True when some pattern matches this entry's kind and state display name.
  bool matches(const MigrationInfo& info) const;
  // "X is ignored" (spec 6.2): `*:X`, or X ignored for versioned and for repeatable alike.
  bool ignores(IgnorePattern::State state) const;
  // The same rules plus `*:pending`, as migrate validates.
  IgnoreRules with_pending_ignored() const;

 private:
  std::vector<IgnorePattern> patterns_;
};

// With a cherry pick, migrations waiting to run that it does not pick pass (rule 4).
std::vector<ValidationFailure> validate_plan(const Plan& plan, const IgnoreRules& rules,
                                             const CherryPick* cherry_pick = nullptr);

// Flyway's combined message: "Validate failed: Migrations have failed validation" + each
// failure's message.
std::string validation_error_message(const std::vector<ValidationFailure>& failures);

}  // namespace runway
