// Records of a delimited text file with a header row (a CSV export, or a tab-separated call log):
// RFC 4180 quoting (quoted fields may hold the delimiter, doubled quotes and line breaks), CRLF or
// LF line ends, blank lines skipped, a UTF-8 byte order mark allowed. Records past the limits in
// scenario_limits.h stop the reading with a problem, so a hostile file cannot exhaust memory.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim::detail {

class CsvRecords {
 public:
  explicit CsvRecords(std::string_view text, char delimiter = ',');

  // Fills `fields` with the next non-blank record and `line` with the line it starts on; false at
  // the end of the text, or at a record over the limits (then `problem()` says which).
  bool next(std::vector<std::string>& fields, std::size_t& line);
  const std::string& problem() const { return problem_; }

 private:
  bool read_record(std::vector<std::string>& fields);

  std::string_view text_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::string problem_;
};

// Without the spaces and tabs around it.
std::string_view trim_cell(std::string_view cell);

// A finite decimal number taking the whole cell ("inf" and "nan" are no durations).
std::optional<double> parse_number(std::string_view cell);

// "a, b, c, ..." (the first ten header names), for messages that say which columns there are.
std::string column_list(const std::vector<std::string>& header);

}  // namespace ccsim::detail
