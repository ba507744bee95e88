// A script's text for the passes commands make over it: a first one deciding whether it runs
// in a transaction, then the run.
#pragma once

#include <memory>

#include "commands/script_runner.h"
#include "commands/session.h"
#include "runway/text_source.h"

namespace runway {

// The script decoded and with its placeholders replaced (open_migration_text). A small script
// is read into memory once and kept as the session's last script, so its next pass costs no
// second open and read; a large one streams each time, so memory stays flat.
Result<std::unique_ptr<TextSource>> open_script_text(Session& session, const ScriptIdentity& script,
                                                     const ScriptConfig& config);

}  // namespace runway
