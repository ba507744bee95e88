#include "check/base_rules.h"

#include <map>

namespace runway {
namespace {

using ByKey = std::map<std::string, const CheckedMigration*>;

ByKey by_key(const std::vector<CheckedMigration>& migrations) {
  ByKey map;
  for (const CheckedMigration& m : migrations) map.emplace(m.key(), &m);
  return map;
}

std::string name_of(const CheckedMigration& m) {
  return m.migration.script;
}

class Comparison {
 public:
  Comparison(const std::vector<CheckedMigration>& head, const std::vector<CheckedMigration>& fork,
             const std::vector<CheckedMigration>& base, const std::string& base_name,
             bool out_of_order)
      : head_(head),
        fork_list_(fork),
        fork_(by_key(fork)),
        base_(by_key(base)),
        heads_(by_key(head)),
        base_name_(base_name),
        out_of_order_(out_of_order) {
    for (const CheckedMigration& m : base) {
      if (m.migration.is_versioned() && m.migration.version > highest_on_base_) {
        highest_on_base_ = m.migration.version;
      }
    }
  }

  BaseComparison run() {
    for (const CheckedMigration& m : head_) {
      if (!fork_.contains(m.key())) result_.added.insert(m.migration.absolute_path);
    }
    for (const CheckedMigration& old : fork_list_) review_existing(old);
    for (const CheckedMigration& m : head_) {
      if (result_.added.contains(m.migration.absolute_path) && !renamed_to_.contains(&m)) {
        review_added(m);
      }
    }
    return std::move(result_);
  }

 private:
  // A migration the branch started from: still there, unchanged, under the same name?
  void review_existing(const CheckedMigration& old) {
    const auto on_base = base_.find(old.key());
    if (on_base == base_.end()) return;  // the base removed it itself: not this branch's doing
    const auto here = heads_.find(old.key());
    if (here == heads_.end()) {
      if (const CheckedMigration* moved = added_with_checksum(old.raw_checksum)) {
        renamed_to_.insert(moved);
        add("RW203", *moved,
            name_of(old) + " was renamed to " + name_of(*moved) + " (" + describe(old) +
                " becomes " + describe(*moved) + ")",
            "Keep the old name: databases that applied it report it missing and the new one "
            "pending.");
      } else {
        add("RW202", old,
            name_of(old) + " (" + describe(old) + ") is on " + base_name_ + " but was deleted",
            "Restore it; if it must go, run repair on every database that applied it.");
      }
      return;
    }
    const CheckedMigration& now = *here->second;
    if (old.migration.is_versioned() && now.raw_checksum != old.raw_checksum &&
        now.raw_checksum != on_base->second->raw_checksum) {
      add("RW201", now,
          name_of(now) + " is on " + base_name_ + " and was edited: checksum " +
              std::to_string(old.raw_checksum) + " became " + std::to_string(now.raw_checksum),
          "Revert the edit and put the change in a new migration.");
    }
    if (now.migration.description != old.migration.description) {
      add("RW203", now,
          name_of(old) + " was renamed to " + name_of(now) + ": description '" +
              old.migration.description + "' became '" + now.migration.description + "'",
          "Keep the old name: databases that applied it report a description mismatch.");
    }
  }

  // A migration the branch adds: does its version still fit on the base?
  void review_added(const CheckedMigration& m) {
    if (!m.migration.is_versioned()) return;
    const auto on_base = base_.find(m.key());
    if (on_base != base_.end()) {
      const CheckedMigration& other = *on_base->second;
      if (other.migration.script != m.migration.script || other.raw_checksum != m.raw_checksum) {
        add("RW205", m,
            "version " + m.migration.version.text() + " was also added on " + base_name_ + " by " +
                name_of(other),
            "Merge " + base_name_ + " and give this migration the next free version.");
      }
      return;
    }
    if (m.migration.version < highest_on_base_) {
      Finding finding = make_finding(
          "RW204", m.path, 0,
          "new version " + m.migration.version.text() + " is below " + highest_on_base_.text() +
              ", the highest on " + base_name_ +
              (out_of_order_
                   ? ": it will be applied out of order (outOfOrder=true)"
                   : ": migrate ignores it on databases that are at " + highest_on_base_.text()),
          "Give it a version above " + highest_on_base_.text() +
              (out_of_order_ ? "." : ", or set outOfOrder=true."));
      if (out_of_order_) finding.severity = Severity::Warning;
      result_.findings.push_back(std::move(finding));
    }
  }

  const CheckedMigration* added_with_checksum(std::int32_t checksum) const {
    for (const CheckedMigration& m : head_) {
      if (m.raw_checksum == checksum && result_.added.contains(m.migration.absolute_path) &&
          !renamed_to_.contains(&m)) {
        return &m;
      }
    }
    return nullptr;
  }

  static std::string describe(const CheckedMigration& m) {
    return m.migration.is_versioned() ? "version " + m.migration.version.text()
                                      : "repeatable '" + m.migration.description + "'";
  }

  void add(std::string_view rule, const CheckedMigration& m, std::string message,
           std::string hint) {
    result_.findings.push_back(make_finding(rule, m.path, 0, std::move(message), std::move(hint)));
  }

  const std::vector<CheckedMigration>& head_;
  const std::vector<CheckedMigration>& fork_list_;
  ByKey fork_, base_, heads_;
  const std::string& base_name_;
  bool out_of_order_;
  MigrationVersion highest_on_base_;
  std::set<const CheckedMigration*> renamed_to_;
  BaseComparison result_;
};

}  // namespace

BaseComparison compare_with_base(const std::vector<CheckedMigration>& head,
                                 const std::vector<CheckedMigration>& fork,
                                 const std::vector<CheckedMigration>& base,
                                 const std::string& base_name, bool out_of_order) {
  return Comparison(head, fork, base, base_name, out_of_order).run();
}

}  // namespace runway
