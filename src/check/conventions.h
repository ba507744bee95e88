// Team conventions (RW401, RW402): descriptions that follow a pattern, and one version scheme,
// sequential with a fixed padding or timestamps that are real dates and not in the future.
#pragma once

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "check/checked_migration.h"
#include "check/finding.h"
#include "runway/config.h"

namespace runway {

class Conventions {
 public:
  // Parses check.descriptionPattern and check.versionScheme; a bad value is a configuration
  // error naming the key.
  static Result<Conventions> from(const Settings& settings);

  bool empty() const { return !description_ && scheme_ == Scheme::Any; }

  // Findings for `m`, whose raw description is the file-name part after the separator.
  // `now` decides what is in the future.
  void review(const CheckedMigration& m, const std::string& raw_description,
              std::chrono::system_clock::time_point now, std::vector<Finding>& out) const;

 private:
  enum class Scheme { Any, Sequential, Timestamp };

  std::optional<std::regex> description_;
  std::string description_text_;
  Scheme scheme_ = Scheme::Any;
  std::size_t digits_ = 0;  // sequential: exact number of digits
};

}  // namespace runway
