#include "support/http_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace runway::testing {

namespace {

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// Binds a socket to an ephemeral loopback port; returns the socket and its port.
std::pair<int, int> bind_ephemeral() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address = loopback(0);
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error("cannot bind a loopback socket");
  }
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  return {fd, ntohs(address.sin_port)};
}

// Reads one request: headers, then Content-Length bytes of body.
std::string read_request_body(int client) {
  std::string data;
  char buffer[4096];
  std::size_t header_end = std::string::npos;
  std::size_t length = 0;
  while (true) {
    if (header_end != std::string::npos && data.size() >= header_end + 4 + length) break;
    ssize_t n = recv(client, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
    if (header_end == std::string::npos &&
        (header_end = data.find("\r\n\r\n")) != std::string::npos) {
      std::string headers = data.substr(0, header_end);
      for (char& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::size_t at = headers.find("content-length:");
      if (at != std::string::npos) length = std::stoul(headers.substr(at + 15));
    }
  }
  return header_end == std::string::npos ? "" : data.substr(header_end + 4);
}

}  // namespace

HttpTestServer::HttpTestServer(std::chrono::milliseconds delay) : delay_(delay) {
  std::tie(listener_, port_) = bind_ephemeral();
  listen(listener_, 16);
  thread_ = std::thread([this] { serve(); });
}

HttpTestServer::~HttpTestServer() {
  stopping_ = true;
  thread_.join();
  close(listener_);
}

std::vector<std::string> HttpTestServer::bodies() const {
  std::lock_guard lock(mutex_);
  return bodies_;
}

void HttpTestServer::serve() {
  while (!stopping_) {
    pollfd waiting{listener_, POLLIN, 0};
    if (poll(&waiting, 1, 50) <= 0) continue;
    int client = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    answer(client);
    close(client);
  }
}

void HttpTestServer::answer(int client) {
  std::string body = read_request_body(client);
  {
    std::lock_guard lock(mutex_);
    bodies_.push_back(body);
  }
  // Sleep in slices so the destructor does not wait out a long delay.
  auto until = std::chrono::steady_clock::now() + delay_;
  while (!stopping_ && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const char response[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  send(client, response, sizeof response - 1, MSG_NOSIGNAL);
}

int refused_port() {
  auto [fd, port] = bind_ephemeral();  // bound but never listening: connect() is refused
  close(fd);
  return port;
}

int free_port() {
  return refused_port();
}

std::optional<std::string> http_get(int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address = loopback(port);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    if (fd >= 0) close(fd);
    return std::nullopt;
  }
  std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string response;
  char buffer[8192];
  ssize_t n = 0;
  while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0)
    response.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  if (response.rfind("HTTP/1.", 0) != 0 || response.find(" 200 ") != 8) return std::nullopt;
  std::size_t body = response.find("\r\n\r\n");
  return body == std::string::npos ? "" : response.substr(body + 4);
}

}  // namespace runway::testing
