#include "commands/failed_row.h"

#include <spdlog/spdlog.h>

namespace runway {

void record_failed_row(Session& session, const HistoryRow& row) {
  if (session.db->in_transaction()) (void)session.db->rollback();
  HistoryRow failed = row;
  failed.success = false;
  auto recorded = session.history->insert(failed);
  if (!recorded) {
    spdlog::error("Could not record the failed {} in the schema history: {}", row.script,
                  recorded.error().message);
  }
}

}  // namespace runway
