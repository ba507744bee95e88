#include "report/check_output.h"

namespace runway {
namespace {

std::string plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string location(const Finding& f) {
  return f.line > 0 ? f.path + ":" + std::to_string(f.line) : f.path;
}

std::string rule_name(const Finding& f) {
  const CheckRule* rule = find_check_rule(f.rule);
  return rule ? std::string(rule->name) : std::string();
}

// Workflow commands end at a line break; their properties also at `,` and `:`.
std::string escape_annotation(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else if (property && c == ':')
      out += "%3A";
    else if (property && c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

// GitHub calls a note a notice.
const char* annotation_level(Severity severity) {
  return severity == Severity::Note ? "notice" : severity_name(severity);
}

std::string summary(const CheckResult& r) {
  std::string line = "runway check " + std::string(r.passed() ? "passed" : "failed") + ": " +
                     plural(r.migrations_checked, "script") + ", " +
                     plural(r.count(Severity::Error), "error") + ", " +
                     plural(r.count(Severity::Warning), "warning") + ", " +
                     plural(r.count(Severity::Note), "note");
  if (!r.base.empty()) line += "; compared with " + r.base;
  if (!r.history_file.empty()) line += "; validated against " + r.history_file;
  return line + "\n";
}

}  // namespace

Result<CheckFormat> parse_check_format(const std::string& text) {
  if (text == "text" || text.empty()) return CheckFormat::Text;
  if (text == "json") return CheckFormat::Json;
  if (text == "github") return CheckFormat::Github;
  if (text == "sarif") return CheckFormat::Sarif;
  return fail(ErrorCode::Configuration,
              "check.format must be text, json, github or sarif, not '" + text + "'");
}

std::string render_check_text(const CheckResult& r) {
  std::string out;
  for (const Finding& f : r.findings) {
    out += location(f) + ": " + severity_name(f.severity) + " [" + f.rule + "] " + f.message + "\n";
    if (!f.hint.empty()) out += "    hint: " + f.hint + "\n";
  }
  return out + summary(r);
}

nlohmann::json check_to_json(const CheckResult& r) {
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : r.findings) {
    findings.push_back({{"path", f.path},
                        {"line", f.line},
                        {"severity", severity_name(f.severity)},
                        {"rule", f.rule},
                        {"name", rule_name(f)},
                        {"message", f.message},
                        {"hint", f.hint}});
  }
  return {{"operation", "check"},
          {"flywayVersion", RUNWAY_VERSION},
          {"success", r.passed()},
          {"scriptsChecked", r.migrations_checked},
          {"errorCount", r.count(Severity::Error)},
          {"warningCount", r.count(Severity::Warning)},
          {"noteCount", r.count(Severity::Note)},
          {"base", r.base.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.base)},
          {"history",
           r.history_file.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.history_file)},
          {"findings", findings}};
}

std::string render_github_annotations(const CheckResult& r) {
  std::string out;
  for (const Finding& f : r.findings) {
    out += "::" + std::string(annotation_level(f.severity)) +
           " file=" + escape_annotation(f.path, true);
    if (f.line > 0) out += ",line=" + std::to_string(f.line);
    out += ",title=" + escape_annotation(f.rule + " " + rule_name(f), true) +
           "::" + escape_annotation(f.message + (f.hint.empty() ? "" : "\n" + f.hint), false) +
           "\n";
  }
  return out + summary(r);
}

}  // namespace runway
