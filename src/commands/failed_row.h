// The failed row a non-transactional migration or undo leaves (spec 5.4.1, 8.4): its partial
// effects stay in the database, so the history must say that the script ran and failed.
#pragma once

#include "commands/session.h"

namespace runway {

// Writes `row` (success=false) to the history. A transaction the script opened itself
// (BEGIN; ...) and left aborted is rolled back first, so that the row can be written. A
// failure to write is logged, not returned: the script's own failure is what the command
// reports.
void record_failed_row(Session& session, const HistoryRow& row);

}  // namespace runway
