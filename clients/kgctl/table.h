// Plain-text tables whose columns line up by display width, for kgctl's default
// output. Chinese characters take two columns, so padding counts columns, not bytes.
//
//   Table table({{"task"}, {"goal", 24}, {"nodes", 0, Table::Align::kRight}});
//   table.AddRow({"深化产业发展互融", "长三角高质量一体化发展", "12"});
//   out << table.Render(/*bold_headers=*/false);
//
// Thread-safety: not safe for concurrent use.
#ifndef KG_CLIENTS_KGCTL_TABLE_H_
#define KG_CLIENTS_KGCTL_TABLE_H_

#include <string>
#include <vector>

namespace kg::cli {

class Table {
 public:
  enum class Align { kLeft, kRight };

  struct Column {
    // Header text; a table whose headers are all empty prints no header line.
    std::string header;
    // Cells wider than this many columns are cut with "…"; 0: never cut.
    int max_width = 0;
    Align align = Align::kLeft;
  };

  explicit Table(std::vector<Column> columns);

  // Adds a row. Missing trailing cells are empty; extra cells are dropped. Cells are
  // single-line: tabs, newlines and other control characters become spaces.
  void AddRow(std::vector<std::string> cells);

  bool empty() const { return rows_.empty(); }
  size_t size() const { return rows_.size(); }

  // The table, one line per row (after the header line), each ending in "\n".
  // Columns are separated by two spaces and as wide as their widest (cut) cell or
  // header; lines carry no trailing spaces. With bold_headers the header cells are
  // wrapped in ANSI bold, which takes no columns.
  std::string Render(bool bold_headers) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;  // cells already cleaned and cut
};

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_TABLE_H_
