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

CommandOutput run_program(const std::vector<std::string>& argv, const std::string& working_directory,
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
  int status = 0;
  waitpid(pid, &status, 0);
  CommandOutput result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  std::remove(in_path.c_str());
  return result;
}

CommandOutput run_runway(const std::vector<std::string>& args, const std::string& working_directory,
                         const std::map<std::string, std::string>& environment) {
  std::vector<std::string> argv = {RUNWAY_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv, working_directory, environment);
}

}  // namespace runway::testing
