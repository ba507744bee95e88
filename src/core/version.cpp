#include "runway/version.h"

#include <algorithm>
#include <cctype>

namespace runway {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

Error invalid_version(const std::string& text) {
  return Error(ErrorCode::Error,
               "Version may only contain 0..9 and . (dot). Invalid version: " + text);
}

// Compares two non-negative decimal numbers written without leading zeros.
std::strong_ordering compare_numbers(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() <=> b.size();
  return a.compare(b) <=> 0;
}

}  // namespace

Result<MigrationVersion> MigrationVersion::parse(std::string_view text) {
  if (iequals(text, "latest")) return latest();
  if (iequals(text, "current")) return current();
  if (iequals(text, "next")) return next();

  std::string display(text);
  std::replace(display.begin(), display.end(), '_', '.');

  // Flyway splits at each dot followed by a digit, so "1." and "1..2" leave a part that is
  // not a number, and every part must be digits only (an optional sign is a Java quirk
  // runway does not copy).
  MigrationVersion version(Kind::Regular, display);
  std::size_t start = 0;
  while (true) {
    std::size_t dot = display.find('.', start);
    std::string_view part = std::string_view(display).substr(
        start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty() || !std::all_of(part.begin(), part.end(), [](char c) {
          return c >= '0' && c <= '9';
        })) {
      return std::unexpected(invalid_version(display));
    }
    std::size_t first_nonzero = part.find_first_not_of('0');
    version.parts_.emplace_back(first_nonzero == std::string_view::npos
                                    ? std::string_view()
                                    : part.substr(first_nonzero));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  while (version.parts_.size() > 1 && version.parts_.back().empty()) version.parts_.pop_back();
  return version;
}

std::string MigrationVersion::normalized() const {
  if (kind_ != Kind::Regular) return text_;
  std::string out;
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    if (i > 0) out += '.';
    out += parts_[i].empty() ? "0" : parts_[i];
  }
  return out;
}

std::strong_ordering MigrationVersion::operator<=>(const MigrationVersion& other) const {
  // Special versions: Empty below everything, Latest above everything. Current and Next are
  // resolved to real versions before anything compares them; order them like Latest.
  auto rank = [](Kind k) {
    switch (k) {
      case Kind::Empty: return 0;
      case Kind::Regular: return 1;
      default: return 2;
    }
  };
  if (rank(kind_) != rank(other.kind_) || kind_ != Kind::Regular) {
    if (rank(kind_) != rank(other.kind_)) return rank(kind_) <=> rank(other.kind_);
    return kind_ <=> other.kind_;
  }
  std::size_t n = std::max(parts_.size(), other.parts_.size());
  static const std::string zero;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& a = i < parts_.size() ? parts_[i] : zero;
    const std::string& b = i < other.parts_.size() ? other.parts_[i] : zero;
    auto order = compare_numbers(a, b);
    if (order != std::strong_ordering::equal) return order;
  }
  return std::strong_ordering::equal;
}

}  // namespace runway
