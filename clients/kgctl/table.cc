// Table rendering by display width.
#include "clients/kgctl/table.h"

#include <algorithm>
#include <utility>

#include "clients/kgctl/display_width.h"

namespace kg::cli {
namespace {

constexpr char kColumnGap[] = "  ";
constexpr char kBold[] = "\033[1m";
constexpr char kReset[] = "\033[0m";

// Replaces ASCII control characters (tabs, line breaks) by spaces so that a cell
// never breaks the table's lines.
std::string SingleLine(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return text;
}

void TrimTrailingSpaces(std::string* line) {
  while (!line->empty() && line->back() == ' ') line->pop_back();
}

}  // namespace

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    cells[i] = SingleLine(std::move(cells[i]));
    if (columns_[i].max_width > 0) cells[i] = TruncateToWidth(cells[i], columns_[i].max_width);
  }
  rows_.push_back(std::move(cells));
}

std::string Table::Render(bool bold_headers) const {
  const bool has_header = std::any_of(columns_.begin(), columns_.end(),
                                      [](const Column& c) { return !c.header.empty(); });
  std::vector<int> widths(columns_.size(), 0);
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (has_header) widths[i] = DisplayWidth(columns_[i].header);
    for (const auto& row : rows_) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }

  std::string out;
  if (has_header) {
    std::string line;
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (i > 0) line.append(kColumnGap);
      const std::string& header = columns_[i].header;
      const int pad = widths[i] - DisplayWidth(header);
      const bool right = columns_[i].align == Align::kRight;
      if (right) line.append(pad, ' ');
      if (bold_headers && !header.empty()) {
        line.append(kBold).append(header).append(kReset);
      } else {
        line.append(header);
      }
      if (!right) line.append(pad, ' ');
    }
    TrimTrailingSpaces(&line);
    out.append(line).append("\n");
  }
  for (const auto& row : rows_) {
    std::string line;
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (i > 0) line.append(kColumnGap);
      line.append(PadToWidth(row[i], widths[i], columns_[i].align == Align::kRight));
    }
    TrimTrailingSpaces(&line);
    out.append(line).append("\n");
  }
  return out;
}

}  // namespace kg::cli
