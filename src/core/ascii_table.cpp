#include "core/ascii_table.h"

#include <algorithm>

namespace runway {

namespace {

// Display width in characters, counting each UTF-8 sequence once.
std::size_t width_of(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string pad(const std::string& text, std::size_t width) {
  return text + std::string(width - std::min(width, width_of(text)), ' ');
}

// The widest cell of each column, header included.
template <typename Cell, typename Text>
std::vector<std::size_t> column_widths(const std::vector<std::string>& header,
                                       const std::vector<std::vector<Cell>>& rows, Text text) {
  std::vector<std::size_t> widths;
  for (const std::string& h : header) widths.push_back(width_of(h));
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], width_of(text(row[c])));
    }
  }
  return widths;
}

}  // namespace

std::string render_ascii_table(const std::vector<std::string>& header,
                               const std::vector<std::vector<SqlValue>>& rows,
                               const std::string& empty_text) {
  std::vector<std::size_t> widths =
      column_widths(header, rows, [](const SqlValue& v) { return v.value_or(""); });
  std::string ruler = "+";
  for (std::size_t w : widths) ruler += std::string(w + 2, '-') + "+";
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (std::size_t c = 0; c < widths.size(); ++c) out += " " + pad(cells[c], widths[c]) + " |";
    return out;
  };

  std::string out = ruler + "\n" + line(header) + "\n" + ruler + "\n";
  if (rows.empty()) {
    out += "| " + pad(empty_text, ruler.size() - 4) + " |\n";
  }
  for (const auto& row : rows) {
    std::vector<std::string> cells;
    for (std::size_t c = 0; c < widths.size(); ++c)
      cells.push_back(c < row.size() ? row[c].value_or("") : "");
    out += line(cells) + "\n";
  }
  return out + ruler;
}

std::string render_markdown_table(const std::vector<std::string>& header,
                                  const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths =
      column_widths(header, rows, [](const std::string& s) -> const std::string& { return s; });
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out = "|";
    for (std::size_t c = 0; c < widths.size(); ++c) {
      out += " " + pad(c < cells.size() ? cells[c] : "", widths[c] + 2) + " |";
    }
    return out + "\n";
  };
  std::string out = line(header) + "|";
  for (std::size_t w : widths) out += std::string(w + 4, '-') + "|";
  out += "\n";
  for (const auto& row : rows) out += line(row);
  return out;
}

}  // namespace runway
