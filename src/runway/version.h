// Migration versions exactly as Flyway parses and orders them (spec section 2).
#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <vector>

#include "runway/error.h"

namespace runway {

class MigrationVersion {
 public:
  enum class Kind { Empty, Regular, Latest, Current, Next };

  // The "no version" value, smaller than every real version (printed as << Empty Schema >>).
  MigrationVersion() = default;

  static MigrationVersion empty() { return MigrationVersion(); }
  static MigrationVersion latest() { return MigrationVersion(Kind::Latest, "latest"); }
  static MigrationVersion current() { return MigrationVersion(Kind::Current, "current"); }
  static MigrationVersion next() { return MigrationVersion(Kind::Next, "next"); }

  // Parses version text as written in a file name or the history table: `_` becomes `.`,
  // parts are arbitrary-precision integers, `latest`/`current`/`next` are special.
  static Result<MigrationVersion> parse(std::string_view text);

  Kind kind() const { return kind_; }
  bool is_empty() const { return kind_ == Kind::Empty; }
  bool is_regular() const { return kind_ == Kind::Regular; }

  // The text shown by info and written to the history table (`001_02` -> `001.02`).
  const std::string& text() const { return text_; }
  // Human form for logs: the text, or `<< Empty Schema >>`.
  std::string display() const { return is_empty() ? "<< Empty Schema >>" : text_; }
  // One spelling for all equal versions ("1.0.0", "001" -> "1"), for use as a map key.
  std::string normalized() const;

  // Numeric ordering with zero padding; `1.0` == `1`, `1.01` == `1.1`.
  std::strong_ordering operator<=>(const MigrationVersion& other) const;
  bool operator==(const MigrationVersion& other) const {
    return (*this <=> other) == std::strong_ordering::equal;
  }

 private:
  MigrationVersion(Kind kind, std::string text) : kind_(kind), text_(std::move(text)) {}

  Kind kind_ = Kind::Empty;
  std::string text_;
  // Normalised parts: decimal digits without leading zeros ("" for zero), trailing zero
  // parts removed. Strings so that numbers of any length compare correctly.
  std::vector<std::string> parts_;
};

}  // namespace runway
