// What check makes of the placeholders a script uses, one use at a time as the scanner finds
// them: each has a value, comes from the database (RW105), or has none (RW104). Unknown ones
// are left as written, so the statements around them are still reviewed.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "check/finding.h"
#include "check/placeholder_scan.h"
#include "runway/placeholders.h"
#include "runway/text_source.h"

namespace runway {

class PlaceholderReview {
 public:
  // Reads the whole name of a use whose name was too long for the scanner to keep.
  using NameReader = std::function<std::string(const PlaceholderUse& use)>;

  // `values` are the script's own (with ${flyway:filename}); `database_placeholders` the
  // lower-cased built-ins only a database can give; `path` is the path findings name.
  PlaceholderReview(PlaceholderValues values, const std::set<std::string>& database_placeholders,
                    PlaceholderSyntax syntax, std::string path, NameReader read_name);

  void take(PlaceholderUse use);

  bool any() const { return any_; }
  // A placeholder is never closed: migrate fails, and the text is reviewed as written.
  bool unterminated() const { return unterminated_; }
  // Every placeholder has a value: the replaced text is what a repeatable's checksum covers.
  bool all_known() const { return all_known_; }
  std::vector<Finding>& findings() { return findings_; }

  // `raw` with every placeholder replaced: by its value, or by itself when it has none.
  std::unique_ptr<TextSource> replaced(std::unique_ptr<TextSource> raw) const;

 private:
  bool is_database_placeholder(const std::string& name) const;
  void add(std::string_view rule, int line, std::string message, std::string hint);

  PlaceholderValues values_;
  const std::set<std::string>& database_placeholders_;
  PlaceholderSyntax syntax_;
  std::string path_;
  NameReader read_name_;
  bool any_ = false;
  bool unterminated_ = false;
  bool all_known_ = true;
  std::vector<Finding> findings_;
};

}  // namespace runway
