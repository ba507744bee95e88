#include "cli/logging.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

namespace runway {

namespace {

const char* prefix_of(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::warn: return "WARNING: ";
    case spdlog::level::err:
    case spdlog::level::critical: return "ERROR: ";
    case spdlog::level::debug:
    case spdlog::level::trace: return "DEBUG: ";
    default: return "";
  }
}

const char* json_level_of(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::warn: return "WARN";
    case spdlog::level::err:
    case spdlog::level::critical: return "ERROR";
    case spdlog::level::debug:
    case spdlog::level::trace: return "DEBUG";
    default: return "INFO";
  }
}

class RunwaySink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  RunwaySink(Settings settings, bool json_lines, bool to_stderr, std::shared_ptr<std::FILE> copy)
      : settings_(std::move(settings)),
        json_lines_(json_lines),
        to_stderr_(to_stderr),
        copy_(std::move(copy)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string text = mask_secrets(std::string_view(msg.payload.data(), msg.payload.size()), settings_);
    std::string out;
    std::size_t start = 0;
    // Multi-line messages: the prefix goes on the first line, as Flyway prints them; as JSON
    // every line becomes its own object.
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
      out += json_lines_ ? nlohmann::json{{"level", json_level_of(msg.level)}, {"message", line}}.dump()
                         : (start == 0 ? prefix_of(msg.level) : "") + line;
      out += "\n";
      if (end == std::string::npos) break;
      start = end + 1;
    }
    if (to_stderr_) std::fwrite(out.data(), 1, out.size(), stderr);
    if (copy_) std::fwrite(out.data(), 1, out.size(), copy_.get());
  }
  void flush_() override {
    std::fflush(stderr);
    if (copy_) std::fflush(copy_.get());
  }

 private:
  Settings settings_;
  bool json_lines_;
  bool to_stderr_;
  std::shared_ptr<std::FILE> copy_;
};

}  // namespace

void configure_logging(const Configuration& config, std::shared_ptr<std::FILE> output_file) {
  const CliOptions& cli = config.cli;
  // With -outputType=json the log is silent unless asked for as JSON lines, and the output
  // file holds just the JSON document.
  bool to_stderr = !cli.json || cli.logs_in_json;
  if (cli.json) output_file.reset();
  auto sink = std::make_shared<RunwaySink>(config.settings, cli.logs_in_json, to_stderr,
                                           std::move(output_file));
  auto logger = std::make_shared<spdlog::logger>("runway", sink);
  logger->set_level(cli.debug ? spdlog::level::debug
                    : cli.quiet ? spdlog::level::warn
                                : spdlog::level::info);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
}

}  // namespace runway
