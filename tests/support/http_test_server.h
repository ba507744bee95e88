// A tiny HTTP/1.1 server on 127.0.0.1 for flightpath tests: it records each request body
// and answers 200 after an optional delay, so tests can see events arrive and prove that a
// slow endpoint does not hold runway up. Also a port nobody listens on, and a GET client.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace runway::testing {

class HttpTestServer {
 public:
  explicit HttpTestServer(std::chrono::milliseconds delay = std::chrono::milliseconds(0));
  ~HttpTestServer();
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/events"; }
  // Bodies of the requests received so far, in order.
  std::vector<std::string> bodies() const;

 private:
  void serve();
  void answer(int client);

  int listener_ = -1;
  int port_ = 0;
  std::chrono::milliseconds delay_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<std::string> bodies_;
  std::thread thread_;
};

// A port on 127.0.0.1 that nothing listens on (connections are refused).
int refused_port();
// A port that was free a moment ago, for servers the test starts (Pushgateway).
int free_port();
// GET http://127.0.0.1:<port><path>: the body on status 200, nothing otherwise.
std::optional<std::string> http_get(int port, const std::string& path);

}  // namespace runway::testing
