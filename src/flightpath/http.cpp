#include "flightpath/http.h"

#include <curl/curl.h>

#include <memory>

#include "flightpath/libcurl.h"

namespace runway::flightpath {

namespace {

std::size_t discard_body(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

}  // namespace

Result<void> send_http(const HttpRequest& request) {
  RUNWAY_ASSIGN(lib, load_libcurl());
  const LibCurl& c = *lib;
  std::unique_ptr<CURL, decltype(c.curl_easy_cleanup)> curl(c.curl_easy_init(),
                                                            c.curl_easy_cleanup);
  if (!curl) return fail(ErrorCode::Error, "libcurl could not start a request");
  std::string header = "Content-Type: " + request.content_type;
  std::unique_ptr<curl_slist, decltype(c.curl_slist_free_all)> headers(
      c.curl_slist_append(nullptr, header.c_str()), c.curl_slist_free_all);
  CURL* handle = curl.get();
  c.curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  c.curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  c.curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
  c.curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  c.curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  c.curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  c.curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.timeout.count()));
  c.curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM
  c.curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, discard_body);
  CURLcode code = c.curl_easy_perform(handle);
  if (code != CURLE_OK) {
    return fail(ErrorCode::Error,
                std::string("HTTP ") + request.method + " failed: " + c.curl_easy_strerror(code));
  }
  long status = 0;
  c.curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 300) {
    return fail(ErrorCode::Error,
                "HTTP " + request.method + " answered with status " + std::to_string(status));
  }
  return {};
}

}  // namespace runway::flightpath
