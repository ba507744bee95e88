// -cherryPick (spec 6.5): only the migrations a user names are applied (migrate) or undone
// (undo), and the others are not validation failures for waiting (spec 6.1 rule 4).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runway/config.h"
#include "runway/plan.h"

namespace runway {

class CherryPick {
 public:
  // One configured entry: a version (`2.1` or `2_1`), a repeatable's description with `_`
  // for spaces (`person_view`), or a repeatable's file stem (`R__person_view`).
  struct Entry {
    std::string text;                         // as configured, for messages
    std::optional<MigrationVersion> version;  // set when the entry reads as a version
    std::string description;                  // `_` as spaces, repeatable prefix removed
    bool repeatable_stem = false;             // written as R__name: never a version
  };

  explicit CherryPick(const Settings& settings);

  bool active() const { return !entries_.empty(); }
  const std::vector<Entry>& entries() const { return entries_; }
  bool picks(const ResolvedMigration& m) const;
  static bool names(const Entry& entry, const ResolvedMigration& m);
  // Rule 4: a migration waiting to run (Pending, Ignored, Outdated) that is not picked.
  bool skips(const MigrationInfo& m) const;

 private:
  std::vector<Entry> entries_;
};

// What migrate applies next: the pending migrations, or with cherryPick only the picked ones,
// in planned order. With `check_entries` (the first iteration), an entry that names no pending
// migration is an error naming the entry and the state of what it names.
Result<std::vector<const MigrationInfo*>> cherry_picked_pending(const Plan& plan,
                                                                const Settings& settings,
                                                                bool check_entries);

}  // namespace runway
