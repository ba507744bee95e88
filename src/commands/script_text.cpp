#include "commands/script_text.h"

#include <sys/stat.h>

#include <optional>
#include <utility>

namespace runway {

namespace {

// Larger scripts stream: a cache must not make a huge script's memory grow.
constexpr off_t kSmallScript = 256 * 1024;

// The file's size when it is small, nullopt when it is large or cannot be asked.
std::optional<std::size_t> small_size(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || info.st_size > kSmallScript) return std::nullopt;
  return static_cast<std::size_t>(info.st_size);
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
  const std::optional<std::size_t> size = small_size(script.absolute_path);
  if (!size) return open();
  RUNWAY_ASSIGN(source, open());
  auto text = read_all(*source, *size);
  // A script that cannot be read whole (a placeholder without a value, bad encoding) is
  // streamed, so its error comes from the pass that meets it, with the file and line.
  if (!text) return open();
  session.last_script_path = script.absolute_path;
  session.last_script_text = std::make_shared<const std::string>(std::move(*text));
  return text_from_shared(session.last_script_text);
}

}  // namespace runway
