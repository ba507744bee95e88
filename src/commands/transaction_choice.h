// Spec 8.2 for one script: whether it runs in a transaction.
#pragma once

#include "commands/session.h"

namespace runway {

// The script's .conf decides if it says so; otherwise it runs in a transaction unless
// executeInTransaction is off or it holds a statement that cannot (a first, streaming pass
// classifies its statements). Both kinds in one script need `mixed`.
Result<bool> script_runs_in_transaction(Session& session, const ResolvedMigration& script);

}  // namespace runway
