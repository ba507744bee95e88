#include "core/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>

extern char** environ;

namespace runway {
namespace {

struct Pipe {
  int read = -1;
  int write = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) == 0) {
      read = fds[0];
      write = fds[1];
    }
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  bool ok() const { return read >= 0; }
  void close_read() {
    if (read >= 0) ::close(read);
    read = -1;
  }
  void close_write() {
    if (write >= 0) ::close(write);
    write = -1;
  }
};

// A child that exits before reading all its input must not kill us with SIGPIPE: the signal
// is blocked for this thread while we write, and a pending one is swallowed afterwards.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &previous_);
  }
  ~SigpipeBlocked() {
    const timespec no_wait{0, 0};
    while (sigtimedwait(&pipe_, nullptr, &no_wait) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }

 private:
  sigset_t pipe_;
  sigset_t previous_;
};

}  // namespace

Result<ProcessOutput> run_process(const std::vector<std::string>& argv, std::string_view input,
                                  const std::string& directory) {
  if (argv.empty()) return fail(ErrorCode::Error, "No program to run");
  Pipe in, out, err;
  if (!in.ok() || !out.ok() || !err.ok()) {
    return fail(ErrorCode::Error, std::string("Unable to create a pipe: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write, 1);
  posix_spawn_file_actions_adddup2(&actions, err.write, 2);
  if (!directory.empty()) posix_spawn_file_actions_addchdir_np(&actions, directory.c_str());
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return fail(ErrorCode::Error, "Unable to run " + argv[0] + ": " + std::strerror(spawned));
  }
  in.close_read();
  out.close_write();
  err.close_write();
  if (input.empty())
    in.close_write();
  else
    fcntl(in.write, F_SETFL, O_NONBLOCK);

  SigpipeBlocked sigpipe_blocked;
  ProcessOutput result;
  std::array<char, 64 * 1024> buffer;
  while (out.read >= 0 || err.read >= 0) {
    std::array<pollfd, 3> fds = {
        {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}, {in.write, POLLOUT, 0}}};
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[2].revents != 0) {
      const ssize_t n = ::write(in.write, input.data(), input.size());
      if (n > 0) input.remove_prefix(static_cast<std::size_t>(n));
      if (n < 0 && errno != EAGAIN) input = {};  // the child stopped reading
      if (input.empty()) in.close_write();
    }
    for (auto [fd, sink] : {std::pair{0, &result.out}, std::pair{1, &result.err}}) {
      if (fds[fd].revents == 0) continue;
      const ssize_t n = ::read(fds[fd].fd, buffer.data(), buffer.size());
      if (n > 0)
        sink->append(buffer.data(), static_cast<std::size_t>(n));
      else if (n == 0 || errno != EINTR)
        (fd == 0 ? out : err).close_read();
    }
  }
  in.close_write();
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace runway
