#include "runway/placeholders.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace runway {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Streams `inner` to the caller, replacing every `<prefix>name<suffix>`. Text is handled in
// a window: everything before a possible prefix start is emitted at once; a placeholder is
// held until its suffix arrives.
class PlaceholderReplacingSource : public TextSource {
 public:
  PlaceholderReplacingSource(std::unique_ptr<TextSource> inner, const PlaceholderValues& values,
                             PlaceholderSyntax syntax, std::string script_path)
      : inner_(std::move(inner)),
        values_(values),
        syntax_(std::move(syntax)),
        script_path_(std::move(script_path)) {}

  Result<std::size_t> read(std::span<char> buffer) override {
    while (output_.size() - output_pos_ == 0) {
      if (finished_) return 0;
      RUNWAY_TRY(fill());
    }
    std::size_t n = std::min(buffer.size(), output_.size() - output_pos_);
    std::copy_n(output_.data() + output_pos_, n, buffer.data());
    output_pos_ += n;
    return n;
  }

 private:
  // Reads more input and moves whatever can be decided into output_.
  Result<void> fill() {
    output_.clear();
    output_pos_ = 0;
    std::array<char, 64 * 1024> chunk;
    RUNWAY_ASSIGN(n, inner_->read(chunk));
    bool at_end = n == 0;
    pending_.append(chunk.data(), n);

    std::size_t pos = 0;
    while (pos < pending_.size()) {
      std::size_t start = pending_.find(syntax_.prefix, pos);
      if (start == std::string::npos) {
        // Keep a tail that could be the beginning of a prefix split across reads.
        std::size_t keep = at_end ? 0 : partial_prefix_length(pos);
        emit(pos, pending_.size() - keep);
        pos = pending_.size() - keep;
        break;
      }
      emit(pos, start);
      std::size_t name_start = start + syntax_.prefix.size();
      std::size_t end = pending_.find(syntax_.suffix, name_start);
      if (end == std::string::npos) {
        if (at_end) {
          return fail(placeholder_error(pending_.substr(name_start), false));
        }
        pos = start;
        break;
      }
      std::string name = pending_.substr(name_start, end - name_start);
      const std::string* value = values_.find(name);
      if (value == nullptr) {
        return fail(placeholder_error(name, true));
      }
      output_ += *value;
      pos = end + syntax_.suffix.size();
      advance(start, pos);
    }
    pending_.erase(0, pos);
    if (at_end) {
      output_ += pending_;
      pending_.clear();
      finished_ = true;
    }
    return {};
  }

  void emit(std::size_t from, std::size_t to) {
    advance(from, to);
    output_.append(pending_, from, to - from);
  }

  // Moves the input position past pending_[from, to); columns count characters, not bytes.
  void advance(std::size_t from, std::size_t to) {
    std::string_view passed = std::string_view(pending_).substr(from, to - from);
    std::size_t last_newline = passed.rfind('\n');
    if (last_newline != std::string_view::npos) {
      line_ += std::count(passed.begin(), passed.end(), '\n');
      column_ = 0;
      passed.remove_prefix(last_newline + 1);
    }
    column_ += std::count_if(passed.begin(), passed.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a UTF-8 continuation byte
    });
  }

  // Length of the longest suffix of pending_[from..] that is a proper prefix of the
  // placeholder prefix.
  std::size_t partial_prefix_length(std::size_t from) const {
    std::size_t max = std::min(syntax_.prefix.size() - 1, pending_.size() - from);
    for (std::size_t len = max; len > 0; --len) {
      if (std::string_view(pending_).substr(pending_.size() - len) ==
          std::string_view(syntax_.prefix).substr(0, len)) {
        return len;
      }
    }
    return 0;
  }

  // Flyway's words on the first line; where the placeholder is on the next, since Flyway's
  // message names no file when it comes from a checksum or a callback.
  // An unterminated placeholder is named as Flyway names it: the rest of the file less as many
  // characters as the suffix has, then the suffix.
  Error placeholder_error(const std::string& name, bool terminated) const {
    std::string shown_name =
        terminated ? name
                   : name.substr(0, name.size() - std::min(name.size(), syntax_.suffix.size()));
    std::string shown = syntax_.prefix + shown_name + syntax_.suffix;
    std::string builtin_prefix = "flyway" + syntax_.separator;
    std::string message =
        lower(name).starts_with(builtin_prefix)
            ? "Failed to populate value for default placeholder: " + shown
            : "No value provided for placeholder: " + shown + ".  Check your configuration!";
    message += "\n(" + script_path_ + " line " + std::to_string(line_) + " col " +
               std::to_string(column_ + 1);
    if (!terminated) message += ": no closing '" + syntax_.suffix + "' before the end of the file";
    Error error(ErrorCode::Configuration, message + ")");
    error.at(SourceLocation{script_path_, script_path_, static_cast<int>(line_),
                            static_cast<int>(column_ + 1)});
    return error;
  }

  std::unique_ptr<TextSource> inner_;
  // A copy, not a reference: callers naturally pass temporaries such as
  // `values.for_script(name, separator)`, which would dangle once this source outlives them.
  const PlaceholderValues values_;
  PlaceholderSyntax syntax_;
  std::string script_path_;
  std::string pending_;  // input not yet decided
  std::string output_;   // decided text not yet returned
  std::size_t output_pos_ = 0;
  long line_ = 1;    // line of the input position at the start of pending_
  long column_ = 0;  // characters before it on that line
  bool finished_ = false;
};

}  // namespace

PlaceholderSyntax PlaceholderSyntax::from(const Settings& s) {
  return PlaceholderSyntax{s.placeholder_prefix, s.placeholder_suffix, s.placeholder_separator};
}

void PlaceholderValues::set(std::string name, std::string value) {
  values_[lower(name)] = std::move(value);
}

const std::string* PlaceholderValues::find(std::string_view name) const {
  auto it = values_.find(lower(name));
  return it == values_.end() ? nullptr : &it->second;
}

PlaceholderValues PlaceholderValues::for_script(const std::string& file_name,
                                                const std::string& separator) const {
  PlaceholderValues copy = *this;
  copy.set("flyway" + separator + "filename", file_name);
  return copy;
}

Result<PlaceholderValues> make_placeholder_values(const Settings& settings,
                                                  const BuiltinFacts& facts) {
  PlaceholderValues values;
  std::string reserved = "flyway" + settings.placeholder_separator;
  for (const auto& [name, value] : settings.placeholders) {
    if (lower(name).starts_with(reserved)) {
      return fail(ErrorCode::Configuration,
                  "Invalid placeholder ('" + reserved + "' prefix is reserved): " + name);
    }
    values.set(name, value);
  }
  auto builtin = [&](const char* name, const std::string& value) {
    values.set(reserved + name, value);
  };
  if (facts.default_schema) builtin("defaultSchema", *facts.default_schema);
  if (facts.user) builtin("user", *facts.user);
  if (facts.database) builtin("database", *facts.database);
  builtin("timestamp", facts.timestamp);
  builtin("workingDirectory", facts.working_directory);
  builtin("table", settings.table);
  builtin("environment", settings.environment);
  return values;
}

std::unique_ptr<TextSource> replace_placeholders(std::unique_ptr<TextSource> inner,
                                                 const PlaceholderValues& values,
                                                 const PlaceholderSyntax& syntax,
                                                 std::string script_path) {
  return std::make_unique<PlaceholderReplacingSource>(std::move(inner), values, syntax,
                                                      std::move(script_path));
}

}  // namespace runway
