// One numeric column of a CSV file with a header row: the samples of an empirical distribution
// (handle times exported from the ACD, say). Commas separate fields, double quotes may enclose
// them, blank lines and empty cells are skipped; a UTF-8 byte order mark is allowed.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace ccsim::detail {

// A column by its header name or by its 0-based position.
using CsvColumnName = std::variant<std::string, std::size_t>;

struct CsvColumn {
  std::vector<double> values;
  std::vector<std::size_t> lines;  // the line of each value: columns read apart can be paired
  // Problems, each phrased for a message after the scenario's pointer to the file or column:
  // "cannot read times.csv: no such file or directory", "times.csv:7: must be a number >= 0, ...".
  std::vector<std::string> file_problems;
  std::vector<std::string> column_problems;  // the column does not exist
};

// `label` is the file as the scenario names it; `max_bytes` guards memory.
CsvColumn read_csv_column(const std::filesystem::path& path, const std::string& label,
                          const CsvColumnName& column, std::size_t max_bytes);

}  // namespace ccsim::detail
