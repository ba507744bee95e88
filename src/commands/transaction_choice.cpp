#include "commands/transaction_choice.h"

#include "commands/script_runner.h"

namespace runway {

Result<bool> script_runs_in_transaction(Session& s, const ResolvedMigration& m) {
  if (m.config.execute_in_transaction) return *m.config.execute_in_transaction;
  if (!s.settings.execute_in_transaction) return false;
  RUNWAY_ASSIGN(text, open_migration_text(m.absolute_path, m.file_name, m.config, s.settings,
                                          s.placeholders));
  RUNWAY_ASSIGN(traits, inspect_script(*text, s.db->dialect(), s.splitter_options()));
  if (!traits.has_non_transactional) return true;
  if (!traits.has_transactional || s.settings.mixed) return false;
  return fail(ErrorCode::Error,
              "Detected both transactional and non-transactional statements within the same "
              "script (even though mixed is false). Offending statement found at line " +
                  std::to_string(traits.first_non_transactional_line) + ": " +
                  traits.first_non_transactional_sql + " [non-transactional]\nin " +
                  m.absolute_path);
}

}  // namespace runway
