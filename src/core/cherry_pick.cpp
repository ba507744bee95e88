#include "core/cherry_pick.h"

#include <algorithm>

namespace runway {

namespace {

std::string replaced(std::string text, char from, char to) {
  std::replace(text.begin(), text.end(), from, to);
  return text;
}

bool is_waiting(MigrationState state) {
  return state == MigrationState::Pending || state == MigrationState::Ignored ||
         state == MigrationState::Outdated;
}

}  // namespace

CherryPick::CherryPick(const Settings& settings) {
  const std::string stem_prefix =
      settings.repeatable_sql_migration_prefix + settings.sql_migration_separator;
  for (const std::string& text : settings.cherry_pick) {
    if (text.empty()) continue;
    Entry entry{text, std::nullopt, replaced(text, '_', ' '), false};
    if (text.starts_with(stem_prefix) && text.size() > stem_prefix.size()) {
      entry.repeatable_stem = true;
      entry.description = replaced(text.substr(stem_prefix.size()), '_', ' ');
    } else if (auto version = MigrationVersion::parse(replaced(text, '_', '.'));
               version && version->is_regular()) {
      entry.version = *version;
    }
    entries_.push_back(std::move(entry));
  }
}

bool CherryPick::names(const Entry& entry, const ResolvedMigration& m) {
  if (m.is_versioned()) return entry.version && *entry.version == m.version;
  return m.description == entry.description;
}

bool CherryPick::picks(const ResolvedMigration& m) const {
  return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return names(e, m); });
}

bool CherryPick::skips(const MigrationInfo& m) const {
  return active() && m.resolved && is_waiting(m.state) && !picks(*m.resolved);
}

Result<std::vector<const MigrationInfo*>> cherry_picked_pending(const Plan& plan,
                                                                const Settings& settings,
                                                                bool check_entries) {
  CherryPick pick(settings);
  std::vector<const MigrationInfo*> pending = plan.pending();
  if (!pick.active()) return pending;
  std::erase_if(pending, [&](const MigrationInfo* m) { return !pick.picks(*m->resolved); });
  if (!check_entries) return pending;

  for (const CherryPick::Entry& entry : pick.entries()) {
    bool named_pending = std::any_of(pending.begin(), pending.end(), [&](const MigrationInfo* m) {
      return CherryPick::names(entry, *m->resolved);
    });
    if (named_pending) continue;
    // Name what the entry does match, so the user sees why it cannot be applied.
    const MigrationInfo* named = nullptr;
    for (const MigrationInfo& m : plan.entries) {
      if (m.resolved && m.resolved->kind != MigrationKind::Undo &&
          CherryPick::names(entry, *m.resolved)) {
        named = &m;
      }
    }
    std::string message = "Invalid cherryPick entry '" + entry.text + "': ";
    if (named == nullptr) {
      message += "no migration in the configured locations has this version or description";
    } else {
      message += "migration " + named->resolved->script + " is " +
                 state_display_name(named->state) +
                 ", not Pending; only pending migrations can "
                 "be cherry-picked";
      if (named->state == MigrationState::Ignored) {
        message += " (set -outOfOrder=true to apply a migration below the current version)";
      }
    }
    return fail(ErrorCode::Configuration, message);
  }
  return pending;
}

}  // namespace runway
