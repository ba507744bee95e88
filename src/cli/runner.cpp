#include "cli/runner.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "check/check.h"
#include "cli/arguments.h"
#include "cli/help.h"
#include "cli/logging.h"
#include "commands/commands.h"
#include "flightpath/environments.h"
#include "flightpath/metrics_delivery.h"
#include "flightpath/run_recorder.h"
#include "report/check_output.h"
#include "report/info_text.h"
#include "report/json_output.h"
#include "report/metrics_output.h"
#include "report/sarif.h"
#include "runway/config.h"

extern char** environ;

namespace runway {

namespace {

// Flyway's exit codes (spec 10.2): 1 for every error, 35 for licensing.
int exit_code_of(const Error& error) {
  return error.code == ErrorCode::Licensing ? 35 : 1;
}

Result<ConfigSources> gather_sources(int argc, char** argv) {
  ConfigSources sources;
  RUNWAY_ASSIGN(arguments, parse_arguments(std::vector<std::string>(argv + 1, argv + argc)));
  sources.command_line = std::move(arguments);
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    std::size_t eq = entry.find('=');
    if (eq != std::string::npos) sources.environment[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  std::error_code ec;
  sources.current_directory = std::filesystem::current_path(ec).string();
  sources.install_directory =
      std::filesystem::canonical("/proc/self/exe", ec).parent_path().string();
  if (const char* home = std::getenv("HOME")) sources.home_directory = home;
  return sources;
}

// Runs the commands of one invocation in order; the first failure stops the chain.
class CommandChain {
 public:
  CommandChain(const Configuration& config, const ConfigSources& sources)
      : config_(config), sources_(sources) {}

  int run() {
    if (auto refused = open_dry_run_output(); !refused) {
      int status = report(refused.error());
      if (config_.cli.json) emit_json();
      return status;
    }
    int status = 0;
    for (const std::string& command : config_.cli.commands) {
      status = run_one(command);
      if (status != 0) break;
    }
    if (config_.cli.json) emit_json();
    return status;
  }

 private:
  int run_one(const std::string& command) {
    if (command == "check") return run_check();  // never connects
    // metrics opens each environment it reports on itself.
    if (command == "metrics") {
      return emit(run_metrics(), [&](const MetricsReport& r) { print(r.text); });
    }
    if (!session_) {
      auto opened = open_session(config_.settings, dry_run_output_);
      if (!opened) return report(opened.error());
      session_ = std::move(*opened);
    }
    // Flightpath's run log (opt-in): records what the command changed, after it finished.
    auto flight = flightpath::RunRecorder::start(command, *session_);
    last_error_.reset();
    int status = dispatch(command, *session_);
    if (flight) flight->finish(*session_, last_error_ ? &*last_error_ : nullptr);
    return status;
  }

  int dispatch(const std::string& command, Session& s) {
    if (command == "migrate") return emit_run(migrate(s));
    if (command == "undo") return emit_run(undo(s));
    if (command == "info")
      return emit(info(s, info_filter()), [&](const InfoResult& r) {
        print(config_.cli.migration_ids ? render_migration_ids(r) : render_info_text(r));
      });
    if (command == "validate") {
      auto result = validate(s);
      if (!result) return report(result.error());
      if (config_.cli.json) json_results_.push_back(to_json(*result));
      if (result->success()) return 0;
      // runway exits 1 on a failed validate in every output mode (Flyway exits 0 with JSON).
      if (!config_.cli.json) {
        print_error(result->schema_error ? *result->schema_error
                                         : Error(ErrorCode::ValidateError,
                                                 validation_error_message(result->failures)));
      }
      return 1;
    }
    if (command == "baseline") return emit(baseline(s), nullptr);
    if (command == "repair") return emit(repair(s), nullptr);
    if (command == "clean") return emit(clean(s), nullptr);
    return report(
        Error(ErrorCode::Configuration, "runway " + command + " is not available in this build."));
  }

  int run_check() {
    auto format = parse_check_format(config_.settings.check_format);
    if (!format) return report(format.error());
    if (config_.cli.json && *format != CheckFormat::Text && *format != CheckFormat::Json) {
      return report(Error(ErrorCode::Configuration,
                          "-outputType=json and check.format=" + config_.settings.check_format +
                              " both choose the output: keep one"));
    }
    std::error_code ec;
    const CheckEnvironment environment{std::filesystem::current_path(ec).string(),
                                       std::chrono::system_clock::now()};
    auto result = check_migrations(config_.settings, environment);
    if (!result) return report(result.error());
    if (config_.cli.json || *format == CheckFormat::Json) {
      json_results_.push_back(check_to_json(*result));
      if (!config_.cli.json) print(check_to_json(*result).dump(2) + "\n");
    } else if (*format == CheckFormat::Sarif) {
      print(check_to_sarif(*result).dump(2) + "\n");
    } else {
      print(*format == CheckFormat::Github ? render_github_annotations(*result)
                                           : render_check_text(*result));
    }
    return result->passed() ? 0 : 1;
  }

  // migrate and undo: a failed script still returns what ran before it.
  template <typename T>
  int emit_run(const Result<T>& result) {
    if (!result) return report(result.error());
    json_results_.push_back(to_json(*result));
    if (result->success()) return 0;
    last_error_ = *result->failure;
    if (!config_.cli.json) print_error(*result->failure);
    return exit_code_of(*result->failure);
  }

  // -dryRunOutput (docs/dry-runs.md): a file, or `-` for standard output. Commands that
  // would change the database in ways the dry run cannot write out are refused up front.
  Result<void> open_dry_run_output() {
    const std::string& target = config_.settings.dry_run_output;
    if (target.empty()) return {};
    for (const std::string& command : config_.cli.commands) {
      if (command != "migrate" && command != "undo" && command != "baseline" && command != "info" &&
          command != "validate") {
        return fail(ErrorCode::Configuration,
                    "runway " + command +
                        " cannot be dry-run: dryRunOutput supports migrate, "
                        "undo and baseline (info and validate only read)");
      }
    }
    if (target == "-") {
      if (config_.cli.json) {
        return fail(ErrorCode::Configuration,
                    "dryRunOutput=- and outputType=json both need standard output: write the dry "
                    "run to a file instead");
      }
      dry_run_output_ = &std::cout;
    } else {
      dry_run_file_ = std::make_unique<std::ofstream>(target, std::ios::binary | std::ios::trunc);
      if (!*dry_run_file_) {
        return fail(ErrorCode::Configuration, "Unable to write the dry run output to " + target +
                                                  ": " + std::strerror(errno));
      }
      dry_run_output_ = dry_run_file_.get();
    }
    std::string commands;
    for (const std::string& command : config_.cli.commands) commands += " " + command;
    *dry_run_output_ << "-- runway dry run of" << commands << " on "
                     << mask_secrets(redact_url(config_.settings.url), config_.settings)
                     << "\n-- Nothing below has been executed.\n";
    return {};
  }

  template <typename T, typename TextPrinter>
  int emit(const Result<T>& result, TextPrinter print_text) {
    if (!result) return report(result.error());
    if (config_.cli.json) json_results_.push_back(to_json(*result));
    if constexpr (!std::is_same_v<TextPrinter, std::nullptr_t>) {
      if (!config_.cli.json) print_text(*result);
    }
    return 0;
  }

  Result<MetricsReport> run_metrics() {
    RUNWAY_ASSIGN(environments, flightpath::metrics_environments(config_, sources_));
    RUNWAY_ASSIGN(result, metrics(environments));
    return flightpath::deliver_metrics(std::move(result), config_.settings);
  }

  int report(const Error& error) {
    last_error_ = error;
    if (config_.cli.json)
      json_results_.push_back(error_to_json(error));
    else
      print_error(error);
    return exit_code_of(error);
  }

  void print_error(const Error& error) const {
    std::string message = error.message;
    if (error.cause) message += "\nCaused by: " + *error.cause;
    spdlog::error("{}", message);
  }

  void print(const std::string& text) const {
    std::string masked = mask_secrets(text, config_.settings);
    std::fwrite(masked.data(), 1, masked.size(), stdout);
  }

  void emit_json() const {
    nlohmann::json doc;
    if (json_results_.size() == 1)
      doc = json_results_.front();
    else
      doc = nlohmann::json{{"individualResults", json_results_}};
    std::string text = mask_secrets(doc.dump(2), config_.settings) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (!config_.cli.output_file.empty()) std::ofstream(config_.cli.output_file) << text;
  }

  InfoFilter info_filter() const {
    const CliOptions& c = config_.cli;
    return InfoFilter{c.info_since_date, c.info_until_date, c.info_since_version,
                      c.info_until_version, c.info_of_state};
  }

  const Configuration& config_;
  const ConfigSources& sources_;
  std::unique_ptr<std::ofstream> dry_run_file_;
  std::ostream* dry_run_output_ = nullptr;
  std::unique_ptr<Session> session_;
  std::optional<Error> last_error_;  // of the command running now, for the run log
  std::vector<nlohmann::json> json_results_;
};

}  // namespace

int run_cli(int argc, char** argv) {
  auto sources = gather_sources(argc, argv);
  Result<Configuration> loaded = sources ? load_configuration(*sources) : fail(sources.error());
  if (!loaded) {
    std::fprintf(stderr, "ERROR: %s\n", loaded.error().message.c_str());
    return exit_code_of(loaded.error());
  }
  const Configuration& config = *loaded;
  configure_logging(config);
  for (const std::string& warning : config.warnings) spdlog::warn("{}", warning);
  for (const std::string& note : config.notes) spdlog::debug("{}", note);

  if (config.cli.version) {
    std::printf("runway %s\n", RUNWAY_VERSION);
    return 0;
  }
  if (config.cli.help || config.cli.commands.empty()) {
    std::fputs(render_help().c_str(), stdout);
    return 0;
  }
  return CommandChain(config, *sources).run();
}

}  // namespace runway
