#include "check/placeholder_review.h"

#include <cctype>

namespace runway {

PlaceholderReview::PlaceholderReview(PlaceholderValues values,
                                     const std::set<std::string>& database_placeholders,
                                     PlaceholderSyntax syntax, std::string path,
                                     NameReader read_name)
    : values_(std::move(values)),
      database_placeholders_(database_placeholders),
      syntax_(std::move(syntax)),
      path_(std::move(path)),
      read_name_(std::move(read_name)) {}

void PlaceholderReview::take(PlaceholderUse use) {
  any_ = true;
  if (!use.terminated) {
    unterminated_ = true;
    add("RW104", use.line,
        "placeholder " + syntax_.prefix + use.name.substr(0, 40) + " has no closing '" +
            syntax_.suffix + "' before the end of the file",
        "Close the placeholder, or set placeholderReplacement=false if it is not one.");
    return;
  }
  if (!use.name_complete) use.name = read_name_(use);
  // A database placeholder is looked at first: check fills it with a stand-in.
  const bool from_database = is_database_placeholder(use.name);
  if (!from_database && values_.find(use.name) != nullptr) return;
  all_known_ = false;
  const std::string shown = syntax_.prefix + use.name + syntax_.suffix;
  if (from_database) {
    add("RW105", use.line, shown + " is given by the database at migrate time",
        "check reviews the statements around it with the placeholder left as written.");
  } else {
    add("RW104", use.line, "no value provided for placeholder " + shown,
        "Define it (placeholders." + use.name + "=...) in the configuration migrate uses.");
  }
  values_.set(use.name, shown);  // keep the text as written for the statement review
}

std::unique_ptr<TextSource> PlaceholderReview::replaced(std::unique_ptr<TextSource> raw) const {
  return replace_placeholders(std::move(raw), values_, syntax_, path_);
}

bool PlaceholderReview::is_database_placeholder(const std::string& name) const {
  std::string lower = name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return database_placeholders_.contains(lower);
}

void PlaceholderReview::add(std::string_view rule, int line, std::string message,
                            std::string hint) {
  findings_.push_back(make_finding(rule, path_, line, std::move(message), std::move(hint)));
}

}  // namespace runway
