#include "support/run_command.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace runway::testing {

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string temp_file(const char* tag) {
  std::string pattern = std::string("/tmp/runway-cmd-") + tag + "-XXXXXX";
  int fd = mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  return pattern;
}

}  // namespace

StartedCommand start_program(const std::vector<std::string>& argv,
                             const std::string& working_directory,
                             const std::map<std::string, std::string>& environment,
                             const std::string& stdin_text) {
  std::string out_path = temp_file("out"), err_path = temp_file("err"), in_path = temp_file("in");
  std::ofstream(in_path, std::ios::binary) << stdin_text;

  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    if (entry.rfind("FLYWAY_", 0) == 0 || entry.rfind("flyway_", 0) == 0) continue;
    std::string key = entry.substr(0, entry.find('='));
    if (environment.count(key)) continue;
    env_strings.push_back(entry);
  }
  for (const auto& [k, v] : environment) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp, args;
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (std::string& a : argv_copy) args.push_back(a.data());
  args.push_back(nullptr);

  pid_t pid = fork();
  if (pid == 0) {
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_TRUNC);
    int err = open(err_path.c_str(), O_WRONLY | O_TRUNC);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (chdir(working_directory.c_str()) != 0) _exit(126);
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  if (pid < 0) throw std::runtime_error("fork failed");
  return StartedCommand(pid, out_path, err_path, in_path);
}

StartedCommand::StartedCommand(StartedCommand&& other) noexcept
    : pid_(other.pid_),
      out_path_(std::move(other.out_path_)),
      err_path_(std::move(other.err_path_)),
      in_path_(std::move(other.in_path_)) {
  other.pid_ = -1;
}

StartedCommand::~StartedCommand() {
  if (pid_ > 0) wait();
}

CommandOutput StartedCommand::wait() {
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  CommandOutput result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(out_path_);
  result.err = slurp(err_path_);
  std::remove(out_path_.c_str());
  std::remove(err_path_.c_str());
  std::remove(in_path_.c_str());
  return result;
}

StartedCommand start_runway(const std::vector<std::string>& args,
                            const std::string& working_directory,
                            const std::map<std::string, std::string>& environment) {
  std::vector<std::string> argv = {RUNWAY_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return start_program(argv, working_directory, environment);
}

CommandOutput run_program(const std::vector<std::string>& argv,
                          const std::string& working_directory,
                          const std::map<std::string, std::string>& environment,
                          const std::string& stdin_text) {
  return start_program(argv, working_directory, environment, stdin_text).wait();
}

CommandOutput run_runway(const std::vector<std::string>& args, const std::string& working_directory,
                         const std::map<std::string, std::string>& environment) {
  return start_runway(args, working_directory, environment).wait();
}

std::vector<CommandOutput> run_runway_concurrently(
    int count, const std::vector<std::string>& args, const std::string& working_directory,
    const std::map<std::string, std::string>& environment) {
  std::vector<StartedCommand> started;
  for (int i = 0; i < count; ++i)
    started.push_back(start_runway(args, working_directory, environment));
  std::vector<CommandOutput> outputs;
  for (StartedCommand& command : started) outputs.push_back(command.wait());
  return outputs;
}

}  // namespace runway::testing
