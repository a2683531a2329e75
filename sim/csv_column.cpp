#include "ccsim/detail/csv_column.h"

#include <string_view>

#include <fmt/core.h>

#include "ccsim/detail/csv_records.h"
#include "ccsim/detail/json_cursor.h"
#include "ccsim/detail/scenario_limits.h"
#include "ccsim/detail/text_file.h"

namespace ccsim::detail {

namespace {

// Bad cells reported one by one before the rest are counted in a single line.
constexpr std::size_t bad_cells_shown = 5;

}  // namespace

CsvColumn read_csv_column(const std::filesystem::path& path, const std::string& label,
                          const CsvColumnName& column, std::size_t max_bytes) {
  CsvColumn result;
  const TextFile file = read_text_file(path, max_bytes);
  if (!file.error.empty()) {
    result.file_problems.push_back(fmt::format("cannot read {}: {}", label, file.error));
    return result;
  }

  CsvRecords records(file.text);
  std::vector<std::string> fields;
  std::size_t line = 0;
  // A record over the limits ends the reading, with its line.
  const auto over_limits = [&] {
    if (records.problem().empty()) return false;
    result.file_problems.push_back(fmt::format("{}:{}: {}", label, line, records.problem()));
    return true;
  };
  if (!records.next(fields, line)) {
    if (!over_limits())
      result.file_problems.push_back(fmt::format("{} is empty, expected a header row", label));
    return result;
  }
  const std::vector<std::string> header = fields;

  std::size_t index = 0;
  if (const auto* name = std::get_if<std::string>(&column)) {
    std::size_t i = 0;
    while (i < header.size() && trim_cell(header[i]) != *name) ++i;
    if (i == header.size()) {
      result.column_problems.push_back(fmt::format("no column {} in {} (columns: {})",
                                                   show(Json(*name)), label, column_list(header)));
      return result;
    }
    index = i;
  } else {
    index = std::get<std::size_t>(column);
    if (index >= header.size()) {
      result.column_problems.push_back(
          fmt::format("no column {} (counting from 0) in {}, which has {}: {}", index, label,
                      header.size() == 1 ? "1 column" : fmt::format("{} columns", header.size()),
                      column_list(header)));
      return result;
    }
  }

  std::size_t bad_cells = 0;
  while (records.next(fields, line)) {
    if (index >= fields.size()) continue;
    const std::string_view cell = trim_cell(fields[index]);
    if (cell.empty()) continue;  // columns of different lengths leave empty cells
    const auto x = parse_number(cell);
    std::string problem;
    if (!x || *x < 0.0) {
      problem =
          fmt::format("must be a number >= 0, got {}", x ? std::string(cell) : show(Json(cell)));
    } else if (*x > limits::duration_s) {
      problem = fmt::format("must be at most {}, got {}", number_text(limits::duration_s), cell);
    }
    if (!problem.empty()) {
      if (++bad_cells <= bad_cells_shown)
        result.file_problems.push_back(fmt::format("{}:{}: {}", label, line, problem));
      continue;
    }
    if (result.values.size() == limits::empirical_values) {
      result.file_problems.push_back(
          fmt::format("{} has more than {} values, the limit", label, limits::empirical_values));
      return result;
    }
    result.values.push_back(*x);
    result.lines.push_back(line);
  }
  if (over_limits()) return result;
  if (bad_cells > bad_cells_shown)
    result.file_problems.push_back(
        fmt::format("{}: {} more bad values not shown", label, bad_cells - bad_cells_shown));
  if (bad_cells == 0 && result.values.empty())
    result.file_problems.push_back(fmt::format(
        "no values in column {} of {}", show(Json(std::string(trim_cell(header[index])))), label));
  return result;
}

}  // namespace ccsim::detail
