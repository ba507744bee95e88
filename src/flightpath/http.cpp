#include "flightpath/http.h"

#include <curl/curl.h>

#include <memory>

namespace runway::flightpath {

namespace {

std::size_t discard_body(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

}  // namespace

Result<void> send_http(const HttpRequest& request) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return fail(ErrorCode::Error, "libcurl could not start a request");
  std::string header = "Content-Type: " + request.content_type;
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(
      curl_slist_append(nullptr, header.c_str()), curl_slist_free_all);
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, discard_body);
  CURLcode code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    return fail(ErrorCode::Error,
                std::string("HTTP ") + request.method + " failed: " + curl_easy_strerror(code));
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 300) {
    return fail(ErrorCode::Error,
                "HTTP " + request.method + " answered with status " + std::to_string(status));
  }
  return {};
}

}  // namespace runway::flightpath
