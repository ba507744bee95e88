#include "check/script_review.h"

#include <array>

#include "check/ddl_rules.h"
#include "check/ignore_comments.h"
#include "check/placeholder_review.h"
#include "check/stream_search.h"
#include "check/text_tap.h"
#include "runway/checksum.h"

namespace runway {
namespace {

// One read of a text, with what watches it go by.
class WatchedText {
 public:
  explicit WatchedText(std::unique_ptr<TextSource> text) : tap_(std::move(text)) {
    tap_.observe([this](std::string_view chunk) {
      checksum_.update(chunk);
      ignore_marker_.feed(chunk);
    });
  }
  WatchedText(const WatchedText&) = delete;
  WatchedText& operator=(const WatchedText&) = delete;

  TextTap& tap() { return tap_; }
  std::int32_t checksum() const { return checksum_.value(); }
  // Whether the text may hold `runway:ignore` comments.
  bool mentions_ignore() const { return ignore_marker_.found(); }

 private:
  TextTap tap_;
  ChecksumCalculator checksum_;
  NeedleWatch ignore_marker_{std::string(IgnoreComments::kMarker)};
};

// What splitting a text, statement by statement, found.
struct SplitText {
  int statements = 0;
  std::optional<Error> split_error;  // RW106: the text does not split
  std::vector<DdlFinding> ddl;
};

// `size` bytes of `text` from `offset`.
Result<std::string> read_span(TextSource& text, std::uint64_t offset, std::uint64_t size) {
  std::array<char, 64 * 1024> buffer;
  std::string span;
  std::uint64_t position = 0;
  while (span.size() < size) {
    RUNWAY_ASSIGN(count, text.read(buffer));
    if (count == 0) break;
    const std::string_view chunk(buffer.data(), count);
    if (position + count > offset) {
      const std::uint64_t skip = offset > position ? offset - position : 0;
      span.append(chunk.substr(skip, size - span.size()));
    }
    position += count;
  }
  return span;
}

class ScriptReviewer {
 public:
  ScriptReviewer(const ScriptOpener& open, const std::string& file_name, const std::string& path,
                 const ScriptReviewContext& context)
      : open_(open),
        path_(path),
        context_(context),
        placeholders_(
            context.placeholders.for_script(file_name, context.settings.placeholder_separator),
            context.database_placeholders, PlaceholderSyntax::from(context.settings), path,
            [this](const PlaceholderUse& use) { return read_whole_name(use); }) {}

  Result<ReviewedScript> run() {
    RUNWAY_ASSIGN(raw, open_());
    WatchedText written(std::move(raw));
    std::optional<PlaceholderScanner> scanner;
    if (context_.config.placeholder_replacement.value_or(
            context_.settings.placeholder_replacement)) {
      scanner.emplace(PlaceholderSyntax::from(context_.settings),
                      [this](PlaceholderUse use) { placeholders_.take(std::move(use)); });
      written.tap().observe([&scanner](std::string_view chunk) { scanner->feed(chunk); });
    }
    // Most scripts use no placeholder: then the text as written is the text migrate runs,
    // and this one read does everything. Once a placeholder shows up, splitting stops; the
    // rest is only read for the checksum and the placeholders.
    RUNWAY_ASSIGN(split, split_text(written.tap(), [&] { return scanner && scanner->found_any(); }));
    RUNWAY_TRY(written.tap().drain());
    if (scanner) scanner->finish();
    result_.checksum = written.checksum();
    if (!placeholders_.any()) {
      result_.replaced_checksum = result_.checksum;
      RUNWAY_TRY(report(split, written.mentions_ignore()));
      return std::move(result_);
    }

    for (Finding& finding : placeholders_.findings()) add(std::move(finding));
    RUNWAY_ASSIGN(text, open_reviewed_text());
    WatchedText replaced(std::move(text));
    RUNWAY_ASSIGN(split_replaced, split_text(replaced.tap(), [] { return false; }));
    RUNWAY_TRY(replaced.tap().drain());
    if (!placeholders_.unterminated() && placeholders_.all_known()) {
      result_.replaced_checksum = replaced.checksum();
    }
    RUNWAY_TRY(report(split_replaced, replaced.mentions_ignore()));
    return std::move(result_);
  }

 private:
  // The text as migrate would run it. Placeholders without a value are left as written, so
  // the statements around them are still reviewed; after one that is never closed, nothing
  // is replaced.
  Result<std::unique_ptr<TextSource>> open_reviewed_text() const {
    RUNWAY_ASSIGN(raw, open_());
    if (!placeholders_.any() || placeholders_.unterminated()) return raw;
    return placeholders_.replaced(std::move(raw));
  }

  // Splits `text` and reviews its DDL, one statement at a time, until `stop` says the
  // result will not be used. Fails only when reading the text fails.
  Result<SplitText> split_text(TextSource& text, const std::function<bool()>& stop) const {
    SplitText split;
    auto splitter = make_splitter(context_.dialect, text);
    const bool review_ddl = context_.dialect == SqlDialect::Postgres;
    DdlReview ddl(DdlOptions{
        context_.config.execute_in_transaction.value_or(context_.settings.execute_in_transaction),
        context_.settings.mixed});
    for (;;) {
      auto statement = splitter->next();
      if (!statement) {
        if (splitter->read_failed()) return fail(statement.error());
        split.split_error = statement.error();
        return split;
      }
      if (!*statement || stop()) break;
      ++split.statements;
      if (review_ddl) ddl.add(**statement);
    }
    if (review_ddl) split.ddl = ddl.finish();
    return split;
  }

  Result<void> report(const SplitText& split, bool mentions_ignore) {
    if (split.split_error) {
      const Error& error = *split.split_error;
      add("RW106", error.location ? error.location->line : 0, error.message,
          "Close the quote, dollar quote or comment that the statement opens.");
      return {};
    }
    if (split.statements == 0) {
      add("RW107", 0, "the migration has no SQL statement",
          "Add its statements, or delete the file if it is not needed.");
    }
    if (split.ddl.empty()) return {};
    IgnoreComments ignored;
    if (mentions_ignore) {
      RUNWAY_ASSIGN(text, open_reviewed_text());
      RUNWAY_ASSIGN(comments, IgnoreComments::read(*text, context_.dialect));
      ignored = std::move(comments);
    }
    for (const DdlFinding& finding : split.ddl) {
      const StatementLines& lines = finding.statement;
      if (ignored.silences(finding.rule, lines.previous_last, lines.last)) continue;
      add(finding.rule, finding.line, finding.message, finding.hint);
    }
    return {};
  }

  // A name too long for the scanner to keep, read again from the text.
  std::string read_whole_name(const PlaceholderUse& use) const {
    auto text = open_();
    if (!text) return use.name;
    auto name = read_span(**text, use.name_offset, use.name_size);
    return name ? std::move(*name) : use.name;
  }

  void add(std::string_view rule, int line, std::string message, std::string hint) {
    add(make_finding(rule, path_, line, std::move(message), std::move(hint)));
  }
  void add(Finding finding) { result_.findings.push_back(std::move(finding)); }

  const ScriptOpener& open_;
  const std::string& path_;
  const ScriptReviewContext& context_;
  PlaceholderReview placeholders_;
  ReviewedScript result_;
};

}  // namespace

Result<ReviewedScript> review_script(const ScriptOpener& open, const std::string& file_name,
                                     const std::string& path,
                                     const ScriptReviewContext& context) {
  return ScriptReviewer(open, file_name, path, context).run();
}

ReviewedScript review_script(std::string_view text, const std::string& file_name,
                             const std::string& path, const ScriptReviewContext& context) {
  const ScriptOpener open = [text]() -> Result<std::unique_ptr<TextSource>> {
    return text_from_string(std::string(text));
  };
  auto reviewed = review_script(open, file_name, path, context);
  return reviewed ? std::move(*reviewed) : ReviewedScript{};
}

}  // namespace runway
