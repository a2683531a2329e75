#include "ccsim/detail/csv_column.h"

#include <charconv>
#include <cmath>
#include <string_view>

#include <fmt/core.h>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/detail/scenario_limits.h"
#include "ccsim/detail/text_file.h"

namespace ccsim::detail {

namespace {

// Bad cells reported one by one before the rest are counted in a single line.
constexpr std::size_t bad_cells_shown = 5;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits CSV text into records one at a time (RFC 4180: quoted fields may hold commas, doubled
// quotes and line breaks).
class CsvRecords {
 public:
  explicit CsvRecords(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  }

  // Fills `fields` with the next non-blank record; false at the end of the text, or at a record
  // over the limits (then `problem()` says which).
  bool next(std::vector<std::string>& fields, std::size_t& line) {
    for (;;) {
      if (pos_ >= text_.size() || !problem_.empty()) return false;
      line = line_;
      if (!read_record(fields)) return false;
      const bool blank = fields.size() == 1 && trim(fields[0]).empty();
      if (!blank) return true;
    }
  }

  const std::string& problem() const { return problem_; }

 private:
  // Stops at the first field past the limits: a header of 32 MiB of commas would otherwise be
  // millions of strings, gigabytes, before any message.
  bool read_record(std::vector<std::string>& fields) {
    fields.assign(1, std::string());
    bool quoted = false;
    while (pos_ < text_.size()) {
      if (fields.size() > limits::csv_fields) {
        problem_ = fmt::format("more than {} fields in one record, the limit", limits::csv_fields);
        return false;
      }
      if (fields.back().size() > limits::csv_field_bytes) {
        problem_ = fmt::format("a field longer than {} bytes, the limit", limits::csv_field_bytes);
        return false;
      }
      const char c = text_[pos_++];
      if (quoted) {
        if (c == '"' && pos_ < text_.size() && text_[pos_] == '"') {
          fields.back() += '"';
          ++pos_;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') ++line_;
          fields.back() += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.emplace_back();
      } else if (c == '\n') {
        ++line_;
        break;
      } else if (c != '\r') {
        fields.back() += c;
      }
    }
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::string problem_;
};

std::optional<double> parse_number(std::string_view cell) {
  double x = 0.0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), x);
  // from_chars also reads "inf" and "nan", which are no durations.
  if (error != std::errc() || end != cell.data() + cell.size() || !std::isfinite(x))
    return std::nullopt;
  return x;
}

std::string column_list(const std::vector<std::string>& header) {
  constexpr std::size_t listed = 10;
  std::string out;
  for (std::size_t i = 0; i < header.size() && i < listed; ++i)
    out += (i > 0 ? ", " : "") + std::string(trim(header[i]));
  if (header.size() > listed) out += ", ...";
  return out;
}

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
    while (i < header.size() && trim(header[i]) != *name) ++i;
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
    const std::string_view cell = trim(fields[index]);
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
        "no values in column {} of {}", show(Json(std::string(trim(header[index])))), label));
  return result;
}

}  // namespace ccsim::detail
