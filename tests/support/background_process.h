// A program a test starts and stops: e.g. a Pushgateway on a free port. Stopped (SIGTERM,
// then waited for) when the object goes away, even when the test fails.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace runway::testing {

class BackgroundProcess {
 public:
  // Starts argv[0] (an absolute path) with output discarded; pid() is -1 if it could not.
  explicit BackgroundProcess(const std::vector<std::string>& argv);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

}  // namespace runway::testing
