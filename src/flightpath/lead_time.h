// Commit times of migration files, from one `git log` pass over the folders that hold them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "flightpath/clock.h"

namespace runway::flightpath {

// For each of `files` (absolute paths) that git knows: the times of the commits that touched
// it, newest first. Files outside a git work tree, or untracked, are absent. One `git log`
// runs per work tree, however many files there are.
std::map<std::string, std::vector<UnixMs>> commit_times(const std::vector<std::string>& files);

// The newest commit time at or before `deployed_at`: the commit that was deployed. nullopt
// when every commit of the file is later (it was applied from an uncommitted copy).
std::optional<UnixMs> commit_deployed(const std::vector<UnixMs>& newest_first, UnixMs deployed_at);

}  // namespace runway::flightpath
