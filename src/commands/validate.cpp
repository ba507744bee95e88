// `validate` (spec 5.3): the plan through the validation chain; never writes.
#include <spdlog/spdlog.h>

#include "commands/callbacks.h"
#include "commands/commands.h"
#include "core/cherry_pick.h"
#include "core/ignore_patterns.h"

namespace runway {

namespace {

// Spec 5.3: without the default schema there is nothing to validate, and no callback fires.
ValidateResult without_schema(Session& session, const IgnoreRules& rules) {
  ValidateResult result;
  static_cast<CommonResult&>(result) = session.common();
  if (!session.resolved.migrations.empty() && !rules.ignores(IgnorePattern::State::Pending)) {
    result.schema_error = Error(ErrorCode::SchemaDoesNotExist,
                                "Schema \"" + session.default_schema + "\" doesn't exist yet");
  }
  return result;
}

Result<ValidateResult> validate_without_callbacks(Session& session, const IgnoreRules& rules) {
  Stopwatch watch;
  ValidateResult result;
  static_cast<CommonResult&>(result) = session.common();
  RUNWAY_ASSIGN(plan, plan_with_configured_target(session));
  CherryPick cherry_pick(session.settings);
  result.failures = validate_plan(plan, rules, &cherry_pick);
  // Flyway counts the validated migrations only when all of them passed.
  if (result.failures.empty()) result.validate_count = static_cast<int>(plan.entries.size());
  if (result.failures.empty()) {
    spdlog::info("Successfully validated {} migration{} (execution time {})", result.validate_count,
                 result.validate_count == 1 ? "" : "s", watch.formatted());
    if (result.validate_count == 0) {
      spdlog::warn("No migrations found. Are your locations set up correctly?");
    }
  }
  return result;
}

}  // namespace

Result<ValidateResult> validate(Session& session) {
  RUNWAY_ASSIGN(patterns, parse_ignore_patterns(session.settings.ignore_migration_patterns));
  IgnoreRules rules(patterns);
  RUNWAY_ASSIGN(schema_exists, session.db->schema_exists(session.default_schema));
  if (!schema_exists) return without_schema(session, rules);
  return with_callbacks(session, CallbackEvent::BeforeValidate, CallbackEvent::AfterValidate,
                        CallbackEvent::AfterValidateError,
                        [&] { return validate_without_callbacks(session, rules); });
}

}  // namespace runway
