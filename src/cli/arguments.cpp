#include "cli/arguments.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "cli/commands_table.h"
#include "core/config_text.h"

namespace runway {
namespace {

// Flag-style spellings of boolean keys: `-migrationIds` means `-migrationIds=true`.
constexpr std::array<std::string_view, 3> kBooleanKeyFlags = {
    "-migrationIds", "-skipCheckForUpdate", "-communityFallback"};

bool apply_flag(std::string_view arg, ParsedArguments& parsed) {
  if (arg == "-X") {
    parsed.debug = true;
  } else if (arg == "-q") {
    parsed.quiet = true;
  } else if (arg == "-v" || arg == "--version") {
    parsed.version = true;
  } else if (arg == "-h" || arg == "-?" || arg == "--help") {
    parsed.help = true;
  } else if (std::ranges::find(kBooleanKeyFlags, arg) != kBooleanKeyFlags.end()) {
    parsed.settings.push_back({std::string(arg.substr(1)), std::string("true")});
  } else {
    return false;
  }
  return true;
}

Error spaces_error(std::string_view arg) {
  return Error(ErrorCode::Configuration,
               "Invalid configuration argument: " + std::string(arg) +
                   ". Please check you have not included any spaces in your configuration "
                   "argument.");
}

// -environments.<env>.<key>=value needs both parts after `environments`.
Result<void> check_environment_setting(std::string_view name) {
  if (!name.starts_with("environments")) return {};
  std::size_t first_dot = name.find('.');
  bool complete = first_dot != std::string_view::npos &&
                  name.find('.', first_dot + 1) != std::string_view::npos;
  if (complete) return {};
  return fail(ErrorCode::Configuration,
              "Invalid configuration argument: -" + std::string(name) +
                  ". Both the environment name and configuration option are required.");
}

// Only plain words are echoed back: an unknown "command" may be a misplaced password.
bool is_plain_word(std::string_view text) {
  return std::ranges::all_of(text, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

// An argument that is neither a setting, a flag nor a command.
Error unknown_argument_error(std::string_view arg, std::string_view previous) {
  // `-password= s3cret migrate`: the value went into an argument of its own.
  if (previous.starts_with('-') && previous.ends_with('=')) {
    return Error(ErrorCode::Configuration, "Unexpected argument after " + std::string(previous) +
                                               " (did you put a space after `=`?)");
  }
  if (arg.starts_with('-')) {
    return Error(ErrorCode::Configuration,
                 "Invalid flag: " + (is_plain_word(arg) ? std::string(arg) : "(not shown)"));
  }
  std::string shown = is_plain_word(arg) ? "'" + std::string(arg) + "'" : "(not shown)";
  return Error(ErrorCode::Configuration,
               "Unknown command " + shown + ". Valid commands are: " + command_names());
}

}  // namespace

Result<ParsedArguments> parse_arguments(const std::vector<std::string>& args) {
  ParsedArguments parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (trim(arg).empty()) continue;  // Flyway drops blank arguments
    std::size_t equals = arg.find('=');
    if (arg.starts_with('-') && equals != std::string_view::npos) {
      std::string name(arg.substr(1, equals - 1));
      RUNWAY_TRY(check_environment_setting(name));
      parsed.settings.push_back({std::move(name), std::string(arg.substr(equals + 1))});
      continue;
    }
    if (apply_flag(arg, parsed)) continue;
    // `-url = x` arrives as three arguments; say so rather than "Invalid flag".
    if (arg == "=" || (i + 1 < args.size() && args[i + 1] == "=")) return fail(spaces_error(arg));
    const CommandInfo* command = arg.starts_with('-') ? nullptr : find_command(arg);
    if (command == nullptr) return fail(unknown_argument_error(arg, i > 0 ? args[i - 1] : ""));
    if (command->id == Command::Help) {
      parsed.help = true;
    } else {
      parsed.commands.emplace_back(command->name);
    }
  }
  return parsed;
}

}  // namespace runway
