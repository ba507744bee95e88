#include "commands/script_text.h"

#include <sys/stat.h>

#include <utility>

namespace runway {

namespace {

// Larger scripts stream: a cache must not make a huge script's memory grow.
constexpr off_t kSmallScript = 256 * 1024;

bool is_small(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && info.st_size <= kSmallScript;
}

}  // namespace

Result<std::unique_ptr<TextSource>> open_script_text(Session& session, const ScriptIdentity& script,
                                                     const ScriptConfig& config) {
  auto open = [&] {
    return open_migration_text(script.absolute_path, script.file_name, config, session.settings,
                               session.placeholders);
  };
  if (session.last_script_text && session.last_script_path == script.absolute_path) {
    return text_from_shared(session.last_script_text);
  }
  if (!is_small(script.absolute_path)) return open();
  RUNWAY_ASSIGN(source, open());
  auto text = read_all(*source);
  // A script that cannot be read whole (a placeholder without a value, bad encoding) is
  // streamed, so its error comes from the pass that meets it, with the file and line.
  if (!text) return open();
  session.last_script_path = script.absolute_path;
  session.last_script_text = std::make_shared<const std::string>(std::move(*text));
  return text_from_shared(session.last_script_text);
}

}  // namespace runway
