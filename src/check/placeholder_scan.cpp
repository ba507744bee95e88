#include "check/placeholder_scan.h"

#include <algorithm>

namespace runway {

std::vector<PlaceholderUse> find_placeholders(std::string_view text,
                                              const PlaceholderSyntax& syntax) {
  std::vector<PlaceholderUse> uses;
  int line = 1;
  std::size_t counted = 0;
  std::size_t pos = 0;
  while ((pos = text.find(syntax.prefix, pos)) != std::string_view::npos) {
    line += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                                        text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
    counted = pos;
    const std::size_t name_start = pos + syntax.prefix.size();
    const std::size_t end = text.find(syntax.suffix, name_start);
    if (end == std::string_view::npos) {
      uses.push_back({std::string(text.substr(name_start)), line, false});
      break;
    }
    uses.push_back({std::string(text.substr(name_start, end - name_start)), line, true});
    pos = end + syntax.suffix.size();
  }
  return uses;
}

}  // namespace runway
