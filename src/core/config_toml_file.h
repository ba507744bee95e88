// flyway.toml files (spec 7.3). The only user of toml++, which compiles slowly.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/config_properties.h"

namespace runway {

// The properties of a TOML file: [flyway] keys by name, [environments.<n>] keys as
// environments.<n>.<key>, [environments.<n>.flyway] keys as environments.<n>.flyway.<key>.
// ${env.NAME} is resolved from `environment`; a property naming an unset variable carries the
// error instead (Property::unresolved). `path` names the file in errors.
Result<std::vector<Property>> parse_toml(std::string_view text, const std::string& path,
                                         const std::map<std::string, std::string>& environment);

}  // namespace runway
