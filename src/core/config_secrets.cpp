// mask_secrets: the last line of defence before text reaches a terminal, a log or JSON.
#include <algorithm>
#include <cctype>
#include <string>

#include "core/config_keys.h"
#include "core/config_text.h"
#include "runway/config.h"
#include "runway/driver.h"

namespace runway {
namespace {

void replace_all(std::string& text, std::string_view secret) {
  for (std::size_t pos = text.find(secret); pos != std::string::npos;
       pos = text.find(secret, pos + kSecretMask.size())) {
    text.replace(pos, secret.size(), kSecretMask);
  }
}

bool is_word_boundary(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == '\'' || c == '"' || c == '`' ||
         c == '<' || c == '>';
}

bool looks_like_url(std::string_view word) {
  return word.find("://") != std::string_view::npos || word.starts_with("jdbc:");
}

// Every word of `text` that looks like a URL, with its password redacted.
std::string redact_urls(std::string_view text) {
  std::string redacted;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size() && !is_word_boundary(text[end])) ++end;
    std::string_view word = text.substr(start, end - start);
    redacted += looks_like_url(word) ? redact_url(word) : std::string(word);
    if (end < text.size()) redacted += text[end];
    start = end + 1;
  }
  return redacted;
}

}  // namespace

std::vector<std::string> secrets_of(const Settings& settings) {
  std::vector<std::string> secrets = settings.secrets;
  if (!settings.password.empty()) secrets.push_back(settings.password);
  // redact_url masks such a password only where the URL is well formed; this masks it in any
  // text, the URL's own echo included (runway refuses a JDBC URL that holds one).
  if (std::string_view password = userinfo_password(settings.url); !password.empty()) {
    secrets.emplace_back(password);
  }
  for (const auto& [name, value] : settings.jdbc_properties) {
    if (!value.empty() && holds_secret("jdbcProperties." + name)) secrets.push_back(value);
  }
  // Longest first, so a password that contains a shorter one is masked whole.
  std::ranges::sort(secrets, [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  auto [first, last] = std::ranges::unique(secrets);
  secrets.erase(first, last);
  return secrets;
}

std::string mask_secrets(std::string_view text, const Settings& settings) {
  std::string masked(text);
  for (const std::string& secret : secrets_of(settings)) replace_all(masked, secret);
  return redact_urls(masked);
}

}  // namespace runway
