// Small HTTP client on libcurl for flightpath's outbound calls: run events and Pushgateway
// pushes. Every call has a hard total timeout, so a slow endpoint cannot hold up a migration.
#pragma once

#include <chrono>
#include <string>

#include "runway/error.h"

namespace runway::flightpath {

struct HttpRequest {
  std::string method = "POST";  // POST or PUT
  std::string url;
  std::string body;
  std::string content_type;
  std::chrono::milliseconds timeout{2000};  // connect + send + receive
};

// Sends the request; fails on a transport error, a timeout or a status >= 300.
Result<void> send_http(const HttpRequest& request);

}  // namespace runway::flightpath
