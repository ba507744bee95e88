#include "commands/callbacks.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "commands/locked_section.h"
#include "commands/script_text.h"
#include "commands/script_transaction.h"

namespace runway {

namespace {

// `<event> - <description>`, or just the event for a script without a description.
std::string describe(const CallbackScript& callback) {
  return callback.description.empty() ? callback.event
                                      : callback.event + " - " + callback.description;
}

// As Flyway: a generic error caused by the script's failure, which names the file and line,
// itself caused by the database's error.
Error callback_error(const CallbackScript& callback, const Error& failure) {
  Error error(ErrorCode::Error,
              "Error while executing " + callback.event + " callback: " + failure.message);
  error.because(failure.message);
  if (failure.sql) error.because(failure.sql->message);
  return error;
}

// A script that cannot be parsed fails with the parser's error alone, as in Flyway, which
// parses it before running it; a failure while running it is the callback's error.
Result<void> run_callback(Session& session, const CallbackScript& callback) {
  Database& db = *session.db;
  ScriptIdentity identity{callback.script, callback.absolute_path, callback.file_name};
  bool joins_open_transaction = db.in_transaction();
  bool own_transaction = false;
  if (!joins_open_transaction) {
    RUNWAY_ASSIGN(transactional, runs_in_transaction(session, identity, callback.config));
    own_transaction = transactional;
  }
  spdlog::info("Executing SQL callback: {}{}", describe(callback),
               joins_open_transaction || own_transaction ? "" : " [non-transactional]");
  RUNWAY_ASSIGN(text, open_script_text(session, identity, callback.config));
  auto ran = with_transaction(db, own_transaction, [&] {
    return run_script(db, *text, identity,
                      RunOptions{session.splitter_options(), session.settings.output_query_results,
                                 StatementHook()});
  });
  if (!ran) return fail(callback_error(callback, ran.error()));
  return {};
}

bool has_callbacks(const Session& session, CallbackEvent event) {
  std::string_view name = callback_event_name(event);
  return std::any_of(session.resolved.callbacks.begin(), session.resolved.callbacks.end(),
                     [&](const CallbackScript& callback) { return callback.event == name; });
}

}  // namespace

Result<void> fire_callbacks(Session& session, CallbackEvent event) {
  std::string_view name = callback_event_name(event);
  // The scanner sorted the scripts by event, then description (spec 7.10).
  for (const CallbackScript& callback : session.resolved.callbacks) {
    if (callback.event != name) continue;
    RUNWAY_TRY(run_callback(session, callback));
  }
  return {};
}

void fire_callbacks_after_failure(Session& session, CallbackEvent event) {
  auto fired = fire_callbacks(session, event);
  if (!fired) spdlog::error("{}", fired.error().message);
}

StatementHook statement_callbacks(Session& session, CallbackEvent before, CallbackEvent after,
                                  CallbackEvent error) {
  if (!has_callbacks(session, before) && !has_callbacks(session, after) &&
      !has_callbacks(session, error)) {
    return {};
  }
  return [&session, before, after, error](StatementPhase phase) -> Result<void> {
    switch (phase) {
      case StatementPhase::Before:
        return fire_callbacks(session, before);
      case StatementPhase::After:
        return fire_callbacks(session, after);
      case StatementPhase::AfterError:
        fire_callbacks_after_failure(session, error);
        return {};
    }
    return {};
  };
}

}  // namespace runway
