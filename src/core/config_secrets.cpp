// mask_secrets: the last line of defence before text reaches a terminal, a log or JSON.
#include <cctype>
#include <string>

#include "runway/config.h"
#include "runway/driver.h"

namespace runway {
namespace {

constexpr std::string_view kMask = "********";

void replace_all(std::string& text, std::string_view secret) {
  for (std::size_t pos = text.find(secret); pos != std::string::npos;
       pos = text.find(secret, pos + kMask.size())) {
    text.replace(pos, secret.size(), kMask);
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

std::string mask_secrets(std::string_view text, const Settings& settings) {
  std::string masked(text);
  if (!settings.password.empty()) replace_all(masked, settings.password);
  return redact_urls(masked);
}

}  // namespace runway
