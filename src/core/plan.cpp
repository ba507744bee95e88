// State computation, following Flyway's MigrationInfoServiceImpl.refresh (spec 5.1.2).
#include "runway/plan.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

namespace runway {

bool MigrationInfo::is_versioned() const {
  return resolved ? resolved->is_versioned() : applied->is_versioned();
}
MigrationVersion MigrationInfo::version() const {
  return applied ? applied->version : resolved->version;
}
std::string MigrationInfo::version_text() const {
  if (applied) return applied->version_text;
  return resolved->is_versioned() ? resolved->version.text() : std::string();
}
const std::string& MigrationInfo::description() const {
  return applied ? applied->description : resolved->description;
}
MigrationType MigrationInfo::type() const {
  return applied ? applied->type : resolved->type();
}
std::string MigrationInfo::script() const {
  return applied ? applied->script : resolved->script;
}
std::optional<std::int32_t> MigrationInfo::checksum() const {
  return applied ? applied->checksum : resolved->checksum;
}

Result<Target> Target::parse(const std::string& text) {
  Target target;
  std::string version_text = text;
  target.must_exist = true;
  if (!version_text.empty() && version_text.back() == '?') {
    version_text.pop_back();
    target.must_exist = false;
  }
  if (version_text.empty()) version_text = "latest";
  auto version = MigrationVersion::parse(version_text);
  if (!version) {
    return fail(ErrorCode::Configuration,
                version.error().message + "\n(the value of flyway.target: '" + text + "')");
  }
  target.version = *version;
  if (!target.version.is_regular()) target.must_exist = false;
  return target;
}

namespace {

// Applied rows and resolved files while states are being worked out.
struct AppliedEntry {
  const AppliedMigration* row;
  bool deleted = false;
  bool undone = false;
  bool out_of_order = false;
  const ResolvedMigration* resolved = nullptr;
};

using VersionKey = std::pair<std::string, MigrationType>;  // normalised version text, type

// Spec 5.1.3: below-baseline files first, then history rows by rank, then the other files
// in resolved order.
void sort_entries(std::vector<MigrationInfo>& entries) {
  auto group = [](const MigrationInfo& m) {
    if (m.applied) return 1;
    if (m.state == MigrationState::BelowBaseline || m.state == MigrationState::BaselineIgnored)
      return 0;
    return 2;
  };
  std::stable_sort(
      entries.begin(), entries.end(), [&](const MigrationInfo& a, const MigrationInfo& b) {
        int ga = group(a), gb = group(b);
        if (ga != gb) return ga < gb;
        if (ga == 1) return a.applied->installed_rank < b.applied->installed_rank;
        const ResolvedMigration& ra = *a.resolved;
        const ResolvedMigration& rb = *b.resolved;
        if (ra.is_versioned() != rb.is_versioned()) return ra.is_versioned();
        if (!ra.is_versioned()) return ra.description < rb.description;
        if (auto order = ra.version <=> rb.version; order != 0) return order < 0;
        return ra.kind == MigrationKind::Versioned && rb.kind != MigrationKind::Versioned;
      });
}

class Planner {
 public:
  Planner(const std::vector<ResolvedMigration>& resolved,
          const std::vector<AppliedMigration>& applied, const PlanOptions& options)
      : resolved_(resolved), applied_(applied), options_(options) {}

  Result<Plan> run() {
    index_resolved();
    RUNWAY_TRY(walk_applied_versioned());
    find_last_applied();
    target_ = options_.target.version;
    if (target_.kind() == MigrationVersion::Kind::Current) target_ = last_applied_;
    match_versioned();
    RUNWAY_TRY(check_target_exists());
    RUNWAY_TRY(walk_applied_repeatables());

    bool target_is_next = target_.kind() == MigrationVersion::Kind::Next;
    if (target_is_next) target_ = MigrationVersion::latest();
    Plan plan = build();
    if (target_is_next) {
      auto pending = plan.pending();
      target_ = pending.empty() || !pending.front()->is_versioned() ? MigrationVersion::latest()
                                                                    : pending.front()->version();
      plan = build();
    }
    return plan;
  }

 private:
  void index_resolved() {
    for (const ResolvedMigration& r : resolved_) {
      if (r.is_versioned()) {
        resolved_versioned_[{r.version.normalized(), r.type()}] = &r;
        if (r.version > last_resolved_) last_resolved_ = r.version;
      } else {
        resolved_repeatable_[r.description] = &r;
      }
    }
  }

  // Step 2: baseline markers, DELETE rows and undo rows flag earlier rows; everything else
  // with a version becomes an applied versioned entry.
  Result<void> walk_applied_versioned() {
    for (const AppliedMigration& row : applied_) {
      if (!row.is_versioned()) continue;
      if (is_baseline_type(row.type) && row.version > applied_baseline_) {
        applied_baseline_ = row.version;
      }
      if (row.type == MigrationType::Delete && row.success) {
        // The latest row with this version, even one already deleted: a second DELETE for
        // it means a corrupt history rather than a licence to delete an older row.
        AppliedEntry* target = latest_entry_with_version(row.version);
        if (target == nullptr) continue;
        if (target->deleted) {
          return fail(
              ErrorCode::DuplicateDeletedMigration,
              "Corrupted schema history: multiple delete entries for version " + row.version_text);
        }
        target->deleted = true;
        continue;
      }
      if (is_undo_type(row.type) && row.success) {
        AppliedEntry* target = latest_entry_with_version(row.version);
        if (target != nullptr && !target->deleted) target->undone = true;
      }
      versioned_.push_back(AppliedEntry{&row});
    }
    return {};
  }

  AppliedEntry* latest_entry_with_version(const MigrationVersion& version) {
    for (auto it = versioned_.rbegin(); it != versioned_.rend(); ++it) {
      if (it->row->version == version && !is_synthetic(it->row->type) &&
          !is_undo_type(it->row->type)) {
        return &*it;
      }
    }
    return nullptr;
  }

  // Step 3: the highest applied version, and which rows arrived out of order.
  void find_last_applied() {
    for (AppliedEntry& entry : versioned_) {
      if (is_undo_type(entry.row->type)) continue;
      if (entry.row->version > last_applied_) {
        if (!entry.deleted && !entry.undone) last_applied_ = entry.row->version;
      } else {
        entry.out_of_order = true;
      }
    }
  }

  // Steps 5-6: pair rows with files on (version, type); unmatched files are resolved-only.
  void match_versioned() {
    std::map<VersionKey, bool> consumed;
    for (AppliedEntry& entry : versioned_) {
      MigrationType type = is_undo_type(entry.row->type) ? MigrationType::UndoSql : entry.row->type;
      if (type == MigrationType::UndoSql) continue;
      auto it = resolved_versioned_.find({entry.row->version.normalized(), type});
      if (it == resolved_versioned_.end()) continue;
      entry.resolved = it->second;
      if (!entry.deleted && !entry.undone) consumed[it->first] = true;
    }
    for (const ResolvedMigration& r : resolved_) {
      if (!r.is_versioned() || consumed.contains({r.version.normalized(), r.type()})) continue;
      resolved_only_.push_back(&r);
      if (r.kind == MigrationKind::BaselineMigration && r.version > pending_baseline_) {
        pending_baseline_ = r.version;
      }
    }
  }

  // Step 7.
  Result<void> check_target_exists() {
    if (!options_.target.must_exist || !target_.is_regular()) return {};
    bool found = std::any_of(versioned_.begin(), versioned_.end(),
                             [&](const AppliedEntry& e) { return e.row->version == target_; }) ||
                 std::any_of(resolved_only_.begin(), resolved_only_.end(),
                             [&](const ResolvedMigration* r) { return r->version == target_; });
    if (found) return {};
    return fail(ErrorCode::Configuration,
                "No migration with a target version " + target_.text() +
                    " could be found. Ensure target is specified correctly and the migration "
                    "exists.");
  }

  // Steps 8-9: repeatable rows; a repeatable file is pending unless its latest run matches.
  Result<void> walk_applied_repeatables() {
    for (const AppliedMigration& row : applied_) {
      if (row.is_versioned()) continue;
      if (row.type == MigrationType::Delete && row.success) {
        // Only the latest run can be deleted; a repeated DELETE does not reach older runs.
        for (auto it = repeatable_.rbegin(); it != repeatable_.rend(); ++it) {
          if (it->row->description == row.description && !is_synthetic(it->row->type)) {
            it->deleted = true;
            break;
          }
        }
      }
      latest_run_[row.description] = row.installed_rank;
      AppliedEntry entry{&row};
      auto it = resolved_repeatable_.find(row.description);
      if (it != resolved_repeatable_.end()) entry.resolved = it->second;
      repeatable_.push_back(entry);
    }
    for (const ResolvedMigration& r : resolved_) {
      if (r.is_versioned()) continue;
      const AppliedEntry* latest = latest_repeatable_run(r.description);
      bool up_to_date = latest != nullptr && !latest->deleted &&
                        latest->row->type != MigrationType::Delete &&
                        r.checksum_matches(latest->row->checksum);
      if (!up_to_date) resolved_only_.push_back(&r);
    }
    return {};
  }

  const AppliedEntry* latest_repeatable_run(const std::string& description) const {
    auto rank = latest_run_.find(description);
    if (rank == latest_run_.end()) return nullptr;
    for (const AppliedEntry& e : repeatable_)
      if (e.row->installed_rank == rank->second) return &e;
    return nullptr;
  }

  MigrationState resolved_only_state(const ResolvedMigration& r) const {
    MigrationState state = MigrationState::Pending;
    if (r.is_versioned()) {
      const MigrationVersion& ref =
          last_applied_.is_empty() ? pending_baseline_ : applied_baseline_;
      bool limited = target_.is_regular() || target_.is_empty();
      if (!ref.is_empty() && r.version < ref) {
        state = MigrationState::BelowBaseline;
      } else if (!ref.is_empty() && r.version == ref) {
        state = MigrationState::BaselineIgnored;
      } else if (limited && r.version > target_) {
        state = MigrationState::AboveTarget;
      } else if (r.version < last_applied_ && !options_.out_of_order) {
        state = MigrationState::Ignored;
      }
    }
    if (r.kind == MigrationKind::BaselineMigration) {
      bool nothing_applied = last_applied_.is_empty() && applied_baseline_.is_empty();
      if (state == MigrationState::Pending && !nothing_applied) state = MigrationState::Ignored;
      if (state == MigrationState::BaselineIgnored && nothing_applied &&
          r.version == pending_baseline_) {
        state = MigrationState::Pending;
      }
    }
    return state;
  }

  MigrationState applied_state(const AppliedEntry& e) const {
    const AppliedMigration& row = *e.row;
    if (e.undone) return MigrationState::Undone;
    if (e.deleted) return MigrationState::Deleted;
    // Flyway Teams lists an undo row under category Undo with the outcome of its script;
    // it pairs with no V file, so it must not fall through to Missing/Future.
    if (is_undo_type(row.type))
      return row.success ? MigrationState::Success : MigrationState::Failed;
    if (row.type == MigrationType::Delete) return MigrationState::Success;
    if (row.type == MigrationType::Baseline) return MigrationState::Baseline;
    bool has_file = e.resolved != nullptr;
    if (row.type == MigrationType::SqlBaseline || row.type == MigrationType::JdbcBaseline) {
      if (!row.success) return MigrationState::Failed;
      if (has_file) return MigrationState::Baseline;
    }
    bool is_latest_run =
        !row.is_versioned() && latest_run_.at(row.description) == row.installed_rank;
    if (!has_file && (row.is_versioned() || is_latest_run)) {
      if (row.type == MigrationType::Schema) return MigrationState::Success;
      if (!row.is_versioned() || row.version < last_resolved_) {
        return row.success ? MigrationState::MissingSuccess : MigrationState::MissingFailed;
      }
      return row.success ? MigrationState::FutureSuccess : MigrationState::FutureFailed;
    }
    if (!row.success) return MigrationState::Failed;
    if (row.type == MigrationType::Schema) return MigrationState::Success;
    if (!row.is_versioned()) {
      if (!is_latest_run) return MigrationState::Superseded;
      return e.resolved->checksum_matches(row.checksum) ? MigrationState::Success
                                                        : MigrationState::Outdated;
    }
    if (e.out_of_order && !is_undo_type(row.type)) return MigrationState::OutOfOrder;
    return MigrationState::Success;
  }

  static MigrationInfo applied_info(const AppliedEntry& e, MigrationState state) {
    MigrationInfo info;
    info.applied = *e.row;
    info.resolved = e.resolved;
    info.state = state;
    info.out_of_order = e.out_of_order;
    return info;
  }

  Plan build() const {
    Plan plan;
    plan.entries.reserve(versioned_.size() + repeatable_.size() + resolved_only_.size());
    plan.target = target_;
    plan.last_applied = last_applied_;
    plan.applied_baseline = applied_baseline_;
    for (const AppliedEntry& e : versioned_)
      plan.entries.push_back(applied_info(e, applied_state(e)));
    for (const AppliedEntry& e : repeatable_)
      plan.entries.push_back(applied_info(e, applied_state(e)));
    for (const ResolvedMigration* r : resolved_only_) {
      MigrationInfo info;
      info.resolved = r;
      info.state = resolved_only_state(*r);
      plan.entries.push_back(std::move(info));
    }
    sort_entries(plan.entries);
    return plan;
  }

  const std::vector<ResolvedMigration>& resolved_;
  const std::vector<AppliedMigration>& applied_;
  const PlanOptions& options_;

  std::map<VersionKey, const ResolvedMigration*> resolved_versioned_;
  std::map<std::string, const ResolvedMigration*> resolved_repeatable_;
  std::vector<AppliedEntry> versioned_;
  std::vector<AppliedEntry> repeatable_;
  std::map<std::string, int> latest_run_;
  std::vector<const ResolvedMigration*> resolved_only_;
  MigrationVersion last_resolved_, last_applied_, applied_baseline_, pending_baseline_, target_;
};

}  // namespace

Result<Plan> make_plan(const std::vector<ResolvedMigration>& resolved,
                       const std::vector<AppliedMigration>& applied, const PlanOptions& options) {
  return Planner(resolved, applied, options).run();
}

const MigrationInfo* Plan::current() const {
  const MigrationInfo* best = nullptr;
  const MigrationInfo* last_repeatable = nullptr;
  for (const MigrationInfo& m : entries) {
    if (!m.applied || !is_applied_state(m.state)) continue;
    if (m.state == MigrationState::Deleted || m.state == MigrationState::Undone) continue;
    if (m.applied->type == MigrationType::Delete || is_undo_type(m.applied->type)) continue;
    if (!m.applied->is_versioned()) {
      last_repeatable = &m;
      continue;
    }
    if (best == nullptr || m.applied->version > best->applied->version) best = &m;
  }
  return best ? best : last_repeatable;
}

MigrationVersion Plan::current_version() const {
  const MigrationInfo* c = current();
  return c && c->applied ? c->applied->version : MigrationVersion::empty();
}

void add_available_undo_scripts(Plan& plan, const std::vector<ResolvedMigration>& undo_scripts) {
  std::vector<MigrationInfo> available;
  for (const ResolvedMigration& undo : undo_scripts) {
    bool undoable =
        std::any_of(plan.entries.begin(), plan.entries.end(), [&](const MigrationInfo& m) {
          return m.applied && m.applied->version == undo.version && !m.is_synthetic() &&
                 !is_undo_type(m.applied->type) &&
                 (m.state == MigrationState::Success || m.state == MigrationState::OutOfOrder);
        });
    if (!undoable) continue;
    MigrationInfo info;
    info.resolved = &undo;
    info.state = MigrationState::Available;
    available.push_back(std::move(info));
  }
  if (available.empty()) return;
  std::move(available.begin(), available.end(), std::back_inserter(plan.entries));
  sort_entries(plan.entries);
}

std::vector<const MigrationInfo*> Plan::pending() const {
  std::vector<const MigrationInfo*> out;
  for (const MigrationInfo& m : entries)
    if (m.state == MigrationState::Pending) out.push_back(&m);
  return out;
}

}  // namespace runway
