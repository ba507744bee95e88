// Whether a migration or callback script runs in a transaction (spec 8.2).
#pragma once

#include "commands/script_runner.h"
#include "commands/session.h"

namespace runway {

// The script's .conf decides when it sets executeInTransaction; otherwise
// executeInTransaction=false says no; otherwise a first, streaming pass over the statements
// does: any non-transactional statement means no. With mixed=false a script holding both
// kinds is an error naming the offending line.
Result<bool> runs_in_transaction(Session& session, const ScriptIdentity& script,
                                 const ScriptConfig& config);

}  // namespace runway
