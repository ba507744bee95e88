// SQL callbacks (spec 7.10): scripts named after an event (`beforeMigrate__seed.sql`) that run
// when a command reaches that event. Commands fire events with one call; the scripts of an
// event run in the order of their descriptions (no description first).
#pragma once

#include <type_traits>

#include "commands/script_runner.h"
#include "commands/session.h"
#include "runway/naming.h"

namespace runway {

// Runs every callback script of `event`. Inside an open transaction (a migration's) the
// scripts join it; otherwise each script gets its own transaction, unless it cannot run in
// one. A failure is fatal: `Error while executing <event> callback: <message>`.
Result<void> fire_callbacks(Session& session, CallbackEvent event);

// For events fired after a command already failed (the *Error events, operation-finish after a
// failure): runs their scripts, but only logs a failure of theirs, so that the error which
// fired the event is the one the command reports.
void fire_callbacks_after_failure(Session& session, CallbackEvent event);

// A hook for run_script that fires the statement-level events `before`, `after` and `error`
// around every statement of a migration; empty when no script subscribes to them, so
// migrations without such callbacks pay nothing per statement.
StatementHook statement_callbacks(Session& session, CallbackEvent before, CallbackEvent after,
                                  CallbackEvent error);

// Runs a command's `work` between its `before` and `after` events; `error` fires instead of
// `after` when the work (or the before event) fails, or returns a result whose success() is
// false, such as a validate that found problems.
template <typename Work>
auto with_callbacks(Session& session, CallbackEvent before, CallbackEvent after,
                    CallbackEvent error, Work work) -> decltype(work()) {
  auto succeeded = [](const auto& result) {
    if constexpr (requires { result->success(); })
      return result && result->success();
    else
      return result.has_value();
  };
  decltype(work()) result = [&]() -> decltype(work()) {
    RUNWAY_TRY(fire_callbacks(session, before));
    return work();
  }();
  if (!succeeded(result)) {
    fire_callbacks_after_failure(session, error);
    return result;
  }
  RUNWAY_TRY(fire_callbacks(session, after));
  return result;
}

}  // namespace runway
