#include "cli/runner.h"

#include <spdlog/spdlog.h>
#include <strings.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <utility>

#include "check/check.h"
#include "cli/arguments.h"
#include "cli/commands_table.h"
#include "cli/help.h"
#include "cli/logging.h"
#include "commands/commands.h"
#include "core/config_environment.h"
#include "core/config_properties.h"
#include "db/dry_run_database.h"
#include "flightpath/environments.h"
#include "flightpath/metrics_command.h"
#include "cli/metrics_delivery.h"
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

// Flyway's exit code for every error (spec 10.2). Its 35 (paid feature) never arises: runway
// rejects the keys of paid features as configuration errors.
constexpr int kErrorExit = 1;

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    std::size_t eq = entry.find('=');
    if (eq != std::string::npos) environment[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return environment;
}

Result<ConfigSources> gather_sources(const std::vector<std::string>& args,
                                     std::map<std::string, std::string> environment) {
  ConfigSources sources;
  RUNWAY_ASSIGN(arguments, parse_arguments(args));
  sources.command_line = std::move(arguments);
  sources.environment = std::move(environment);
  std::error_code ec;
  sources.current_directory = std::filesystem::current_path(ec).string();
  sources.install_directory =
      std::filesystem::canonical("/proc/self/exe", ec).parent_path().string();
  if (const char* home = std::getenv("HOME")) sources.home_directory = home;
  return sources;
}

// Masks secrets inside the string values of a JSON document only: masking its dumped text
// would turn a short password such as `1` into corrupt keys and numbers.
void mask_json_strings(nlohmann::json& node, const Settings& settings) {
  if (node.is_string()) {
    node = mask_secrets(node.get_ref<const std::string&>(), settings);
  } else if (node.is_structured()) {
    for (nlohmann::json& child : node) mask_json_strings(child, settings);
  }
}

// Whether the raw command line asks for JSON, for errors raised before it could be loaded.
bool asks_for_json(const std::vector<std::string>& args) {
  return std::any_of(args.begin(), args.end(), [](const std::string& arg) {
    constexpr std::string_view kOption = "-outputType=";
    return arg.size() == kOption.size() + 4 && arg.starts_with(kOption) &&
           strcasecmp(arg.c_str() + kOption.size(), "json") == 0;
  });
}

// Errors before logging is set up, masked like the log: on stderr, or with -outputType=json
// as Flyway's error document on stdout, so a script always gets JSON.
void print_startup_error(const Error& error, const Settings& settings, bool json) {
  std::string text;
  if (json) {
    nlohmann::json document = error_to_json(error);
    mask_json_strings(document, settings);
    text = document.dump(2) + "\n";
  } else {
    text = "ERROR: " + mask_secrets(error.message, settings) + "\n";
  }
  std::fwrite(text.data(), 1, text.size(), json ? stdout : stderr);
}

// The secrets of the raw command line and environment, for when the configuration (or the
// command line itself) failed to load.
Settings secrets_of(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& environment) {
  std::vector<Property> properties = read_environment_variables(environment);
  for (const std::string& arg : args) {
    std::size_t equals = arg.find('=');
    if (arg.starts_with('-') && equals != std::string::npos) {
      properties.push_back({arg.substr(1, equals - 1), arg.substr(equals + 1)});
    }
  }
  Settings settings;
  settings.secrets = secret_values(properties);
  return settings;
}

// -outputFile, opened (truncated) once: logs and results both go there.
Result<std::shared_ptr<std::FILE>> open_output_file(const std::string& path) {
  if (path.empty()) return nullptr;
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) {
    return fail(ErrorCode::Configuration,
                "Unable to open the output file " + path + ": " + std::strerror(errno));
  }
  return std::shared_ptr<std::FILE>(file, std::fclose);
}

// Runs the commands of one invocation in order; the first failure stops the chain.
class CommandChain {
 public:
  CommandChain(const Configuration& config, const ConfigSources& sources, std::FILE* output_file)
      : config_(config), sources_(sources), output_file_(output_file) {}

  int run() {
    if (auto refused = open_dry_run_output(); !refused) {
      int status = report(refused.error());
      if (config_.cli.json) emit_json(status);
      return status;
    }
    int status = 0;
    for (const std::string& name : config_.cli.commands) {
      // parse_arguments let only the commands of the table through.
      status = run_one(*find_command(name));
      if (status != 0) break;
    }
    if (config_.cli.json) emit_json(status);
    return status;
  }

 private:
  // Opens the session if the command runs on one and it is not open yet, then runs the
  // command, recorded by the run log if the table says so.
  int run_one(const CommandInfo& command) {
    if (command.session && !session_) {
      auto opened = open_session(config_.settings, dry_run_output_);
      if (!opened) return report(opened.error());
      session_ = std::move(*opened);
    }
    // Flightpath's run log (opt-in): records what the command changed, after it finished.
    auto flight = command.run_log
                      ? flightpath::RunRecorder::start(std::string(command.name), *session_)
                      : std::nullopt;
    last_error_.reset();
    int status = dispatch(command.id);
    if (flight) flight->finish(*session_, last_error_ ? &*last_error_ : nullptr);
    return status;
  }

  // The switch names every command. Those the table marks `session` find it open.
  int dispatch(Command command) {
    switch (command) {
      case Command::Migrate:
        return emit_run(migrate(*session_));
      case Command::Undo:
        return emit_run(undo(*session_));
      case Command::Info:
        return emit(info(*session_, info_filter()), [&](const InfoResult& r) {
          print(config_.cli.migration_ids ? render_migration_ids(r)
                                          : render_info_text(r, config_.settings));
        });
      case Command::Validate:
        return run_validate(*session_);
      case Command::Baseline:
        return emit(baseline(*session_), nullptr);
      case Command::Repair:
        return emit(repair(*session_), nullptr);
      case Command::Clean:
        return emit(clean(*session_), nullptr);
      case Command::Check:
        return run_check();  // never connects
      // metrics opens each environment it reports on itself.
      case Command::Metrics:
        return emit(run_metrics(), [&](const MetricsReport& r) { print(r.text); });
      // `runway help` sets cli.help, which run_cli answers before any chain runs.
      case Command::Help:
        print(render_help());
        return 0;
    }
    std::unreachable();
  }

  int run_validate(Session& s) {
    auto result = validate(s);
    if (!result) return report(result.error());
    if (config_.cli.json) json_results_.push_back(to_json(*result));
    if (result->success()) return 0;
    // With JSON output Flyway reports a failed validation in the document, exits 0 and goes on
    // with the chain; validate.strictJson makes it a failure as in text mode.
    if (config_.cli.json) return config_.settings.validate_strict_json ? kErrorExit : 0;
    print_error(result->schema_error
                    ? *result->schema_error
                    : Error(ErrorCode::ValidateError, validation_error_message(result->failures)));
    return kErrorExit;
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
    return kErrorExit;
  }

  // -dryRunOutput (docs/dry-runs.md): a file, or `-` for standard output. Commands that
  // would change the database in ways the dry run cannot write out are refused up front.
  Result<void> open_dry_run_output() {
    const std::string& target = config_.settings.dry_run_output;
    if (target.empty()) return {};
    for (const std::string& command : config_.cli.commands) {
      if (!find_command(command)->dry_run) {
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
    *dry_run_output_ << sql_line_comment(
                            "runway dry run of" + commands + " on " +
                            mask_secrets(redact_url(config_.settings.url), config_.settings))
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
    return deliver_metrics(std::move(result), config_.settings);
  }

  int report(const Error& error) {
    last_error_ = error;
    if (config_.cli.json)
      json_results_.push_back(error_to_json(error));
    else
      print_error(error);
    return kErrorExit;
  }

  void print_error(const Error& error) const {
    std::string message = error.message;
    if (!error.causes.empty()) message += "\nCaused by: " + error.causes.front();
    spdlog::error("{}", message);
  }

  void print(const std::string& text) const { write_out(mask_secrets(text, config_.settings)); }

  // One document: a command's own, or individualResults for a chain. When a command of a
  // chain failed, Flyway prints the failed command's document alone, and so does runway:
  // a script reads `.error` the same way whether the failure came first or third.
  void emit_json(int status) const {
    nlohmann::json doc;
    if (json_results_.size() == 1 || (status != 0 && !json_results_.empty()))
      doc = json_results_.back();
    else
      doc = nlohmann::json{{"individualResults", json_results_}};
    mask_json_strings(doc, config_.settings);
    write_out(doc.dump(2) + "\n");
  }

  // Results go to stdout and, like the log lines, to -outputFile (spec 10.1).
  void write_out(const std::string& text) const {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (output_file_ != nullptr) std::fwrite(text.data(), 1, text.size(), output_file_);
  }

  InfoFilter info_filter() const {
    const CliOptions& c = config_.cli;
    return InfoFilter{c.info_since_date, c.info_until_date, c.info_since_version,
                      c.info_until_version, c.info_of_state};
  }

  const Configuration& config_;
  const ConfigSources& sources_;
  std::FILE* output_file_;  // -outputFile, or null
  std::unique_ptr<std::ofstream> dry_run_file_;
  std::ostream* dry_run_output_ = nullptr;
  std::unique_ptr<Session> session_;
  std::optional<Error> last_error_;  // of the command running now, for the run log
  std::vector<nlohmann::json> json_results_;
};

}  // namespace

int run_cli(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const std::map<std::string, std::string> environment = process_environment();
  auto sources = gather_sources(args, environment);
  Result<Configuration> loaded = sources ? load_configuration(*sources) : fail(sources.error());
  if (!loaded) {
    print_startup_error(loaded.error(), secrets_of(args, environment), asks_for_json(args));
    return kErrorExit;
  }
  const Configuration& config = *loaded;
  auto output_file = open_output_file(config.cli.output_file);
  if (!output_file) {
    print_startup_error(output_file.error(), config.settings, config.cli.json);
    return kErrorExit;
  }
  configure_logging(config, *output_file);
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
  return CommandChain(config, *sources, output_file->get()).run();
}

}  // namespace runway
