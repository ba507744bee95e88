#include <algorithm>
#include <array>
#include <cctype>

#include "runway/plan.h"

namespace runway {

namespace {

struct StateFacts {
  MigrationState state;
  const char* display;
  const char* enum_name;
  bool applied;
  bool failed;
};

// Spec 5.1.1.
constexpr std::array<StateFacts, 18> kStates{{
    {MigrationState::Pending, "Pending", "PENDING", false, false},
    {MigrationState::AboveTarget, "Above Target", "ABOVE_TARGET", false, false},
    {MigrationState::BelowBaseline, "Below Baseline", "BELOW_BASELINE", false, false},
    {MigrationState::BaselineIgnored, "Ignored (Baseline)", "BASELINE_IGNORED", false, false},
    {MigrationState::Baseline, "Baseline", "BASELINE", true, false},
    {MigrationState::Ignored, "Ignored", "IGNORED", false, false},
    {MigrationState::MissingSuccess, "Missing", "MISSING_SUCCESS", true, false},
    {MigrationState::MissingFailed, "Failed (Missing)", "MISSING_FAILED", true, true},
    {MigrationState::Success, "Success", "SUCCESS", true, false},
    {MigrationState::Undone, "Undone", "UNDONE", true, false},
    {MigrationState::Available, "Available", "AVAILABLE", false, false},
    {MigrationState::Failed, "Failed", "FAILED", true, true},
    {MigrationState::OutOfOrder, "Out of Order", "OUT_OF_ORDER", true, false},
    {MigrationState::FutureSuccess, "Future", "FUTURE_SUCCESS", true, false},
    {MigrationState::FutureFailed, "Failed (Future)", "FUTURE_FAILED", true, true},
    {MigrationState::Outdated, "Outdated", "OUTDATED", true, false},
    {MigrationState::Superseded, "Superseded", "SUPERSEDED", true, false},
    {MigrationState::Deleted, "Deleted", "DELETED", true, false},
}};

const StateFacts& facts(MigrationState state) {
  return kStates[static_cast<std::size_t>(state)];
}

}  // namespace

const char* state_display_name(MigrationState state) { return facts(state).display; }
const char* state_enum_name(MigrationState state) { return facts(state).enum_name; }
bool is_applied_state(MigrationState state) { return facts(state).applied; }
bool is_failed_state(MigrationState state) { return facts(state).failed; }

std::optional<MigrationState> parse_state_enum_name(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const StateFacts& f : kStates)
    if (upper == f.enum_name) return f.state;
  return std::nullopt;
}

}  // namespace runway
