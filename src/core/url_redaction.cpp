// Passwords in URLs: found and masked before a URL reaches a log line, an error or JSON.
#include <string>
#include <string_view>

#include "core/config_text.h"
#include "runway/config.h"

namespace runway {

namespace {

// Whether a URL parameter carries a password: `password`, `sslpassword`, in any case.
bool is_password_parameter(std::string_view name) {
  std::string lower = to_lower(name);
  return lower == "password" || lower == "sslpassword";
}

// Where a parameter's value ends: at the next parameter (`&`, or `;` in `;key=value` URLs), or
// at a character that the text around a URL uses to quote or close it ("(url)", 'url') and
// that a value therefore carries percent-encoded.
constexpr std::string_view kValueEnd = "&; \t\r\n\"'`<>)]}";

// Masks the value of every password parameter (`password=`, `sslPassword=`, any case) in a
// URL query string.
std::string mask_password_parameters(std::string url) {
  // Each `name=value`: the name starts after the last separator before its `=`.
  std::size_t name_start = 0;
  while (name_start < url.size()) {
    std::size_t equals = url.find('=', name_start);
    if (equals == std::string::npos) break;
    std::size_t boundary = url.find_last_of("?&; ", equals);
    std::size_t name_begin = boundary == std::string::npos ? 0 : boundary + 1;
    std::size_t value_end = url.find_first_of(kValueEnd, equals + 1);
    if (value_end == std::string::npos) value_end = url.size();
    if (is_password_parameter(std::string_view(url).substr(name_begin, equals - name_begin))) {
      url.replace(equals + 1, value_end - equals - 1, kSecretMask);
      value_end = equals + 1 + kSecretMask.size();
    }
    name_start = value_end;
  }
  return url;
}

// Masks the password of `scheme://user:password@host` forms.
std::string mask_userinfo_password(std::string url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  std::size_t authority_start = scheme + 3;
  std::size_t authority_end = url.find_first_of("/?", authority_start);
  if (authority_end == std::string::npos) authority_end = url.size();
  std::size_t at = url.rfind('@', authority_end);
  if (at == std::string::npos || at < authority_start) return url;
  std::size_t colon = url.find(':', authority_start);
  if (colon == std::string::npos || colon > at) return url;
  url.replace(colon + 1, at - colon - 1, kSecretMask);
  return url;
}

}  // namespace

std::string redact_url(std::string_view url) {
  return mask_password_parameters(mask_userinfo_password(std::string(url)));
}

std::string_view userinfo_password(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view before_query = url.substr(scheme + 3);
  before_query = before_query.substr(0, before_query.find('?'));
  std::size_t at = before_query.rfind('@');
  std::size_t colon = before_query.find(':');
  if (at == std::string_view::npos || colon == std::string_view::npos || colon > at) return {};
  return before_query.substr(colon + 1, at - colon - 1);
}

}  // namespace runway
