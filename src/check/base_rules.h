// Against a git base (RW201-RW205): what this branch does to migrations that are already on
// the base, and whether the versions it adds still fit there.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "check/checked_migration.h"
#include "check/finding.h"

namespace runway {

struct BaseComparison {
  std::vector<Finding> findings;
  std::set<std::string> added;  // absolute paths of the migrations this branch adds
};

// `fork` holds the migrations at the merge base of the base and HEAD: what the branch started
// from. Changes are judged against it, so migrations the base gained since are not taken for
// deletions here.
BaseComparison compare_with_base(const std::vector<CheckedMigration>& head,
                                 const std::vector<CheckedMigration>& fork,
                                 const std::vector<CheckedMigration>& base,
                                 const std::string& base_name, bool out_of_order);

}  // namespace runway
