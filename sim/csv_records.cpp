#include "ccsim/detail/csv_records.h"

#include <charconv>
#include <cmath>

#include <fmt/core.h>

#include "ccsim/detail/scenario_limits.h"

namespace ccsim::detail {

CsvRecords::CsvRecords(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

bool CsvRecords::next(std::vector<std::string>& fields, std::size_t& line) {
  for (;;) {
    if (pos_ >= text_.size() || !problem_.empty()) return false;
    line = line_;
    if (!read_record(fields)) return false;
    const bool blank = fields.size() == 1 && trim_cell(fields[0]).empty();
    if (!blank) return true;
  }
}

// Stops at the first field past the limits: a header of 32 MiB of commas would otherwise be
// millions of strings, gigabytes, before any message.
bool CsvRecords::read_record(std::vector<std::string>& fields) {
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
    } else if (c == delimiter_) {
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

std::string_view trim_cell(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<double> parse_number(std::string_view cell) {
  double x = 0.0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), x);
  if (error != std::errc() || end != cell.data() + cell.size() || !std::isfinite(x))
    return std::nullopt;
  return x;
}

std::string column_list(const std::vector<std::string>& header) {
  constexpr std::size_t listed = 10;
  std::string out;
  for (std::size_t i = 0; i < header.size() && i < listed; ++i)
    out += (i > 0 ? ", " : "") + std::string(trim_cell(header[i]));
  if (header.size() > listed) out += ", ...";
  return out;
}

}  // namespace ccsim::detail
