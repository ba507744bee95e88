// `runway check` results for people (text), programs (JSON), GitHub Actions (workflow
// annotations) and code scanning (SARIF 2.1.0, see sarif.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "check/finding.h"
#include "runway/error.h"

namespace runway {

enum class CheckFormat { Text, Json, Github, Sarif };

// check.format: text, json, github or sarif.
Result<CheckFormat> parse_check_format(const std::string& text);

// `file:line: severity [rule] message`, a hint below each, and a summary line.
std::string render_check_text(const CheckResult& result);

nlohmann::json check_to_json(const CheckResult& result);

// `::error file=...,line=...,title=...::message` lines, which GitHub shows on the diff.
std::string render_github_annotations(const CheckResult& result);

}  // namespace runway
