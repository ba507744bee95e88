// Small text rules shared by the configuration readers (Flyway trims and lower-cases the
// same way whichever source a value comes from).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace runway {

// What a secret's value is replaced with wherever it would be shown.
inline constexpr std::string_view kSecretMask = "********";
// The prefix of every key in flyway.conf and in Java system-property spellings.
inline constexpr std::string_view kFlywayKeyPrefix = "flyway.";

std::string_view trim(std::string_view text);
std::string to_lower(std::string_view text);
bool equals_ignore_case(std::string_view a, std::string_view b);

// Flyway's list rule: split on commas, trim each item, drop empty items.
std::vector<std::string> split_list(std::string_view text);

// `items` joined with `separator`.
std::string join(const std::vector<std::string>& items, std::string_view separator);

}  // namespace runway
