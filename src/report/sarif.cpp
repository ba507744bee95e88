#include "report/sarif.h"

namespace runway {
namespace {

using nlohmann::json;

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";

json rule_descriptor(const CheckRule& rule) {
  return {{"id", rule.id},
          {"name", rule.name},
          {"shortDescription", {{"text", rule.reason}}},
          {"defaultConfiguration", {{"level", severity_name(rule.severity)}}}};
}

json result_of(const Finding& f) {
  json physical = {{"artifactLocation", {{"uri", f.path}, {"uriBaseId", "%SRCROOT%"}}}};
  if (f.line > 0) physical["region"] = {{"startLine", f.line}};
  json result = {{"ruleId", f.rule},
                 {"level", severity_name(f.severity)},
                 {"message", {{"text", f.hint.empty() ? f.message : f.message + ". " + f.hint}}},
                 {"locations", json::array({{{"physicalLocation", physical}}})}};
  const auto rules = check_rules();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].id == f.rule) result["ruleIndex"] = i;
  }
  return result;
}

}  // namespace

json check_to_sarif(const CheckResult& r) {
  json rules = json::array();
  for (const CheckRule& rule : check_rules()) rules.push_back(rule_descriptor(rule));
  json results = json::array();
  for (const Finding& f : r.findings) results.push_back(result_of(f));
  json driver = {{"name", "runway"}, {"version", RUNWAY_VERSION}, {"rules", rules}};
  json run = {
      {"tool", {{"driver", driver}}}, {"results", results}, {"columnKind", "unicodeCodePoints"}};
  return {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", json::array({run})}};
}

}  // namespace runway
