// libcurl, loaded when runway first sends an HTTP request (a Flightpath event or a
// Pushgateway push) rather than at start-up: libcurl's dependencies (TLS, HTTP/2, SSH, LDAP:
// about 25 libraries) would otherwise load into every run.
#pragma once

#include <curl/curl.h>

#include "runway/error.h"

namespace runway::flightpath {

// The libcurl functions runway calls, named as in libcurl.
struct LibCurl {
  decltype(&::curl_easy_cleanup) curl_easy_cleanup;
  decltype(&::curl_easy_getinfo) curl_easy_getinfo;
  decltype(&::curl_easy_init) curl_easy_init;
  decltype(&::curl_easy_perform) curl_easy_perform;
  decltype(&::curl_easy_setopt) curl_easy_setopt;
  decltype(&::curl_easy_strerror) curl_easy_strerror;
  decltype(&::curl_slist_append) curl_slist_append;
  decltype(&::curl_slist_free_all) curl_slist_free_all;
};

// Loads libcurl once (thread-safe), or says how to install it.
Result<const LibCurl*> load_libcurl();

}  // namespace runway::flightpath
