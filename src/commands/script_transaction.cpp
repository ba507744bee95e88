#include "commands/script_transaction.h"

#include "commands/script_text.h"

namespace runway {

Result<bool> runs_in_transaction(Session& session, const ScriptIdentity& script,
                                 const ScriptConfig& config) {
  if (config.execute_in_transaction) return *config.execute_in_transaction;
  if (!session.settings.execute_in_transaction) return false;
  RUNWAY_ASSIGN(text, open_script_text(session, script, config));
  auto traits = inspect_script(*text, session.db->dialect(), session.splitter_options());
  if (!traits) return fail(parse_error(traits.error(), script));
  if (!traits->has_non_transactional) return true;
  if (traits->has_transactional && !session.settings.mixed) {
    return fail(ErrorCode::Error,
                "Detected both transactional and non-transactional statements within the same "
                "migration (even though mixed is false). Offending statement found at line " +
                    std::to_string(traits->first_non_transactional_line) + ": " +
                    traits->first_non_transactional_sql + " [non-transactional]\nin " +
                    script.absolute_path);
  }
  return false;
}

}  // namespace runway
