#include "check/script_review.h"

#include <cctype>

#include "check/ddl_rules.h"
#include "check/ignore_comments.h"
#include "check/placeholder_scan.h"
#include "runway/checksum.h"

namespace runway {
namespace {

class ScriptReviewer {
 public:
  ScriptReviewer(std::string_view text, const std::string& file_name, const std::string& path,
                 const ScriptReviewContext& context)
      : text_(text), file_name_(file_name), path_(path), context_(context) {}

  ReviewedScript run() {
    result_.checksum = checksum_of(text_);
    const std::string replaced = replace_placeholders_for_review();
    review_statements(replaced);
    return std::move(result_);
  }

 private:
  // The text as migrate would run it. Placeholders without a value are reported and left as
  // written, so the statements around them are still reviewed.
  std::string replace_placeholders_for_review() {
    const Settings& settings = context_.settings;
    if (!context_.config.placeholder_replacement.value_or(settings.placeholder_replacement)) {
      result_.replaced_checksum = result_.checksum;
      return std::string(text_);
    }
    const PlaceholderSyntax syntax = PlaceholderSyntax::from(settings);
    PlaceholderValues values =
        context_.placeholders.for_script(file_name_, settings.placeholder_separator);
    const std::vector<PlaceholderUse> uses = find_placeholders(text_, syntax);
    bool all_known = true;
    for (const PlaceholderUse& use : uses) {
      if (!use.terminated) {
        add("RW104", use.line,
            "placeholder " + syntax.prefix + use.name.substr(0, 40) + " has no closing '" +
                syntax.suffix + "' before the end of the file",
            "Close the placeholder, or set placeholderReplacement=false if it is not one.");
        return std::string(text_);
      }
      // A database placeholder is looked at first: check fills it with a stand-in.
      const bool from_database = is_database_placeholder(use.name);
      if (!from_database && values.find(use.name) != nullptr) continue;
      all_known = false;
      const std::string shown = syntax.prefix + use.name + syntax.suffix;
      if (from_database) {
        add("RW105", use.line, shown + " is given by the database at migrate time",
            "check reviews the statements around it with the placeholder left as written.");
      } else {
        add("RW104", use.line, "no value provided for placeholder " + shown,
            "Define it (placeholders." + use.name + "=...) in the configuration migrate uses.");
      }
      values.set(use.name, shown);  // keep the text as written for the statement review
    }
    if (uses.empty()) {
      result_.replaced_checksum = result_.checksum;
      return std::string(text_);
    }
    auto replaced =
        replace_placeholders(text_from_string(std::string(text_)), values, syntax, path_);
    auto text = read_all(*replaced);
    if (!text) return std::string(text_);
    if (all_known) result_.replaced_checksum = checksum_of(*text);
    return std::move(*text);
  }

  bool is_database_placeholder(const std::string& name) const {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return context_.database_placeholders.contains(lower);
  }

  void review_statements(const std::string& text) {
    auto source = text_from_string(text);
    auto splitter = make_splitter(context_.dialect, *source);
    const bool review_ddl = context_.dialect == SqlDialect::Postgres;
    DdlReview ddl(DdlOptions{
        context_.config.execute_in_transaction.value_or(context_.settings.execute_in_transaction),
        context_.settings.mixed});
    int statements = 0;
    for (;;) {
      auto statement = splitter->next();
      if (!statement) {
        const Error& error = statement.error();
        add("RW106", error.location ? error.location->line : 0, error.message,
            "Close the quote, dollar quote or comment that the statement opens.");
        return;
      }
      if (!*statement) break;
      ++statements;
      if (review_ddl) ddl.add(**statement);
    }
    if (statements == 0) {
      add("RW107", 0, "the migration has no SQL statement",
          "Add its statements, or delete the file if it is not needed.");
    }
    if (review_ddl) report_ddl(ddl, text);
  }

  void report_ddl(DdlReview& ddl, const std::string& text) {
    const std::vector<DdlFinding> findings = ddl.finish();
    if (findings.empty()) return;
    IgnoreComments ignored;
    if (text.find(IgnoreComments::kMarker) != std::string::npos) {  // the usual case: none
      auto source = text_from_string(text);
      ignored = IgnoreComments::read(*source, context_.dialect).value_or(IgnoreComments());
    }
    for (const DdlFinding& finding : findings) {
      const StatementLines& lines = finding.statement;
      if (ignored.silences(finding.rule, lines.previous_last, lines.last)) continue;
      add(finding.rule, finding.line, finding.message, finding.hint);
    }
  }

  void add(std::string_view rule, int line, std::string message, std::string hint) {
    result_.findings.push_back(
        make_finding(rule, path_, line, std::move(message), std::move(hint)));
  }

  std::string_view text_;
  const std::string& file_name_;
  const std::string& path_;
  const ScriptReviewContext& context_;
  ReviewedScript result_;
};

}  // namespace

ReviewedScript review_script(std::string_view text, const std::string& file_name,
                             const std::string& path, const ScriptReviewContext& context) {
  return ScriptReviewer(text, file_name, path, context).run();
}

}  // namespace runway
