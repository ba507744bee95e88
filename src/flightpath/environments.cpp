#include "flightpath/environments.h"

namespace runway::flightpath {

Result<std::vector<Settings>> metrics_environments(const Configuration& config,
                                                   const ConfigSources& sources) {
  const std::vector<std::string>& names = config.settings.metrics_environments;
  if (names.empty()) return std::vector<Settings>{config.settings};
  std::vector<Settings> environments;
  for (const std::string& name : names) {
    RUNWAY_ASSIGN(loaded, load_configuration(sources, name));
    environments.push_back(std::move(loaded.settings));
  }
  return environments;
}

}  // namespace runway::flightpath
