#include "ccsim/call_log.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "ccsim/detail/csv_records.h"
#include "ccsim/detail/scenario_limits.h"
#include "ccsim/detail/text_file.h"
#include "ccsim/diagnostics.h"

namespace ccsim {

namespace {

using namespace std::chrono;
using detail::trim_cell;

// Bad cells reported one by one per column before the rest are counted.
constexpr std::size_t bad_cells_shown = 5;

bool parse_digits(std::string_view s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  out = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

// "H:MM[:SS]" or seconds; hours up to 47 for the calls after midnight of a long day.
std::optional<double> parse_clock_or_seconds(std::string_view cell) {
  if (cell.find(':') == std::string_view::npos) {
    const auto x = detail::parse_number(cell);
    if (!x || *x < 0.0 || *x >= 2.0 * 86400.0) return std::nullopt;
    return x;
  }
  return parse_clock_time(cell);
}

}  // namespace

std::optional<double> parse_clock_time(std::string_view cell, int max_hours) {
  int parts[3] = {0, 0, 0};
  int count = 0;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t colon = cell.find(':', begin);
    const std::string_view part = cell.substr(begin, colon == std::string_view::npos ? colon : colon - begin);
    if (count == 3 || !parse_digits(part, parts[count])) return std::nullopt;
    if (count > 0 && part.size() != 2) return std::nullopt;
    ++count;
    if (colon == std::string_view::npos) break;
    begin = colon + 1;
  }
  if (count < 2 || parts[0] > max_hours || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  return parts[0] * 3600.0 + parts[1] * 60.0 + parts[2];
}

std::string clock_time_text(double seconds) {
  const auto minutes = static_cast<long>(std::lround(seconds / 60.0));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

namespace {

// A tab if the header has one; else a comma if it has one; else a semicolon if it has one (a
// spreadsheet export in a locale with decimal commas).
char guess_delimiter(std::string_view text) {
  const std::string_view first_line = text.substr(0, text.find('\n'));
  if (first_line.find('\t') != std::string_view::npos) return '\t';
  if (first_line.find(',') == std::string_view::npos && first_line.find(';') != std::string_view::npos)
    return ';';
  return ',';
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Collects problems, a few per column, so one bad export does not print a million lines.
class Problems {
 public:
  explicit Problems(std::string label) : label_(std::move(label)) {}
  void at(std::size_t line, std::size_t column, const std::string& message) {
    if (++per_column_[column] <= bad_cells_shown)
      list_.push_back({label_, fmt::format("{}:{}", line, column + 1), message});
  }
  void whole(const std::string& message) { list_.push_back({label_, "", message}); }
  [[noreturn]] void raise() {
    for (const auto& [column, count] : per_column_)
      if (count > bad_cells_shown)
        list_.push_back({label_, "", fmt::format("{} more bad cells in column {} not shown",
                                                 count - bad_cells_shown, column + 1)});
    throw InputError(std::move(list_));
  }
  bool any() const { return !list_.empty(); }

 private:
  std::string label_;
  std::vector<Diagnostic> list_;
  std::map<std::size_t, std::size_t> per_column_;
};

bool contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

bool parse_day(std::string_view text, year_month_day& day) {
  int y = 0, m = 0, d = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), m) ||
        !parse_digits(text.substr(8, 2), d))
      return false;
  } else if (text.size() == 8 || text.size() == 6) {
    const std::size_t year_digits = text.size() - 4;
    if (!parse_digits(text.substr(0, year_digits), y) ||
        !parse_digits(text.substr(year_digits, 2), m) ||
        !parse_digits(text.substr(year_digits + 2, 2), d))
      return false;
    if (year_digits == 2) y += y >= 70 ? 1900 : 2000;
  } else {
    return false;
  }
  day = year_month_day{year{y}, month{static_cast<unsigned>(m)}, std::chrono::day{static_cast<unsigned>(d)}};
  return day.ok();
}

std::string day_text(const year_month_day& day) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                     static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

bool parse_weekdays(std::string_view text, std::array<bool, 7>& weekdays) {
  static constexpr std::array<std::string_view, 7> names = {"sun", "mon", "tue", "wed",
                                                            "thu", "fri", "sat"};
  static constexpr std::array<std::string_view, 7> full = {"sunday", "monday", "tuesday", "wednesday",
                                                           "thursday", "friday", "saturday"};
  // "thu" or "thursday", any case; not "thunder".
  const auto index = [](std::string_view name) -> int {
    const std::string lower = lowercase(name);
    for (int i = 0; i < 7; ++i)
      if (lower == names[static_cast<std::size_t>(i)] || lower == full[static_cast<std::size_t>(i)]) return i;
    return -1;
  };
  weekdays.fill(false);
  std::size_t begin = 0;
  for (;;) {
    const std::size_t comma = text.find(',', begin);
    const std::string_view item = trim_cell(text.substr(begin, comma == std::string_view::npos ? comma : comma - begin));
    const std::size_t dash = item.find('-');
    const int first = index(item.substr(0, dash));
    const int last = dash == std::string_view::npos ? first : index(item.substr(dash + 1));
    if (first < 0 || last < 0) return false;
    // A range wraps over the week's end: "fri-sun" is Friday, Saturday and Sunday.
    for (int i = first;; i = (i + 1) % 7) {
      weekdays[static_cast<std::size_t>(i)] = true;
      if (i == last) break;
    }
    if (comma == std::string_view::npos) return true;
    begin = comma + 1;
  }
}

CallLog read_call_log(const std::filesystem::path& path, const std::string& label,
                      const CallLogFormat& format) {
  Problems problems(label);
  const detail::TextFile file = detail::read_text_file(path, detail::limits::call_log_bytes);
  if (!file.error.empty()) {
    problems.whole("cannot read the call log: " + file.error);
    problems.raise();
  }
  detail::CsvRecords records(file.text,
                             format.delimiter != 0 ? format.delimiter : guess_delimiter(file.text));
  std::vector<std::string> fields;
  std::size_t line = 0;
  if (!records.next(fields, line)) {
    problems.whole(records.problem().empty() ? "is empty, expected a header row"
                                             : fmt::format("line {}: {}", line, records.problem()));
    problems.raise();
  }
  const std::vector<std::string> header = fields;
  const auto find = [&](const std::string& name, bool required) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (trim_cell(header[i]) == name) return i;
    if (required)
      problems.whole(fmt::format("no column \"{}\" in the header (columns: {})", name,
                                 detail::column_list(header)));
    return std::nullopt;
  };
  const auto date = find(format.date_column, format.date_named);
  const auto arrival = find(format.arrival_column, true);
  const auto type = find(format.type_column, format.type_named);
  const auto wait = find(format.wait_column, true);
  const auto handle = find(format.handle_column, true);
  const auto outcome = find(format.outcome_column, true);
  const auto priority = find(format.priority_column, format.priority_named);
  // Not asked for, a column of that name is someone else's (a segment, say): not read.
  const bool read_priority = priority.has_value() && (format.read_priority || format.priority_named);
  if (problems.any()) problems.raise();

  CallLog log;
  log.label = label;
  log.has_dates = date.has_value();
  log.has_types = type.has_value();
  log.has_priorities = read_priority;
  std::map<std::string, std::uint32_t> type_index;
  std::map<year_month_day, std::size_t> day_count;
  std::vector<year_month_day> row_days;  // per kept call, before days are indexed
  std::size_t served = 0;
  while (records.next(fields, line)) {
    const auto cell = [&](std::size_t column) -> std::string_view {
      return column < fields.size() ? trim_cell(fields[column]) : std::string_view{};
    };
    const std::string_view result = cell(*outcome);
    const bool is_served = contains(format.served, result);
    const bool is_abandoned = contains(format.abandoned, result);
    if (!is_served && !is_abandoned) {
      if (result.empty()) problems.at(line, *outcome, "outcome is empty");
      ++log.other_outcomes;
      continue;
    }
    LoggedCall call;
    call.line = line;
    call.abandoned = is_abandoned;
    year_month_day day{year{1970}, month{1}, std::chrono::day{1}};
    if (date && !parse_day(cell(*date), day))
      problems.at(line, *date, fmt::format("expected a date such as 1999-02-01, 19990201 or "
                                           "990201, got \"{}\"", cell(*date)));
    if (const auto t = parse_clock_or_seconds(cell(*arrival)))
      call.arrival_s = *t;
    else
      problems.at(line, *arrival, fmt::format("expected a clock time H:MM:SS or seconds after "
                                              "midnight (under 48 h), got \"{}\"", cell(*arrival)));
    const auto seconds = [&](std::size_t column, double& out, bool needed) {
      const std::string_view text = cell(column);
      if (text.empty() && !needed) return;
      const auto x = detail::parse_number(text);
      if (!x || *x < 0.0 || *x > detail::limits::duration_s)
        problems.at(line, column, fmt::format("expected seconds, a number from 0 to {}, got \"{}\"",
                                              detail::limits::duration_s, text));
      else
        out = *x;
    };
    seconds(*wait, call.wait_s, true);
    // An abandoned call's handle cell is often "-" or "NULL": it is not read.
    if (is_served) seconds(*handle, call.handle_s, true);
    if (read_priority && !cell(*priority).empty()) {
      const auto x = detail::parse_number(cell(*priority));
      if (!x || !std::isfinite(*x) || *x < 0.0)
        problems.at(line, *priority, fmt::format("expected a priority, a number from 0 (not "
                                                 "identified) up, got \"{}\"", cell(*priority)));
      else
        call.identified = *x > 0.0;
    }
    const std::string type_id = type ? std::string(cell(*type)) : std::string("calls");
    if (type_id.empty()) problems.at(line, *type, "the type is empty");
    const auto [it, added] = type_index.emplace(type_id, static_cast<std::uint32_t>(log.types.size()));
    if (added) {
      if (log.types.size() == detail::limits::contact_types) {
        problems.at(line, *type, fmt::format("more than {} types, the limit of a scenario (--types "
                                             "chooses some)", detail::limits::contact_types));
        problems.raise();
      }
      log.types.push_back(type_id);
    }
    call.type = it->second;
    if (day_count.emplace(day, 0).second && day_count.size() > static_cast<std::size_t>(detail::limits::days)) {
      problems.at(line, date.value_or(0), fmt::format("more than {} days, the limit",
                                                       static_cast<std::size_t>(detail::limits::days)));
      problems.raise();
    }
    if (log.calls.size() == detail::limits::logged_calls) {
      problems.whole(fmt::format("more than {} calls, the limit", detail::limits::logged_calls));
      problems.raise();
    }
    served += is_served;
    log.calls.push_back(call);
    row_days.push_back(day);
  }
  if (!records.problem().empty()) problems.whole(fmt::format("line {}: {}", line, records.problem()));
  if (log.calls.empty() && !problems.any())
    problems.whole(fmt::format("no served or abandoned calls (outcomes counted as served: {}; as "
                               "abandoned: {})", fmt::join(format.served, ", "),
                               fmt::join(format.abandoned, ", ")));
  if (problems.any()) problems.raise();

  log.days = row_days;
  std::sort(log.days.begin(), log.days.end());
  log.days.erase(std::unique(log.days.begin(), log.days.end()), log.days.end());
  for (std::size_t i = 0; i < log.calls.size(); ++i)
    log.calls[i].day = static_cast<std::uint32_t>(
        std::lower_bound(log.days.begin(), log.days.end(), row_days[i]) - log.days.begin());
  return log;
}

CallLog select_days(CallLog log, const CallLogSelection& selection) {
  std::vector<Diagnostic> problems;
  for (const auto& id : selection.types)
    if (!contains(log.types, id))
      problems.push_back({log.label, "", fmt::format("no calls of type \"{}\" (types: {})", id,
                                                     fmt::join(log.types, ", "))});
  if (!problems.empty()) throw InputError(std::move(problems));

  // A day stays when it is chosen and has any call: the days' count is the divisor of every
  // mean per day, whatever the types fitted.
  std::vector<int> day_map(log.days.size(), -1);
  std::vector<bool> day_used(log.days.size(), false);
  for (const LoggedCall& call : log.calls) day_used[call.day] = true;
  std::vector<year_month_day> days;
  for (std::size_t d = 0; d < log.days.size(); ++d) {
    const year_month_day& day = log.days[d];
    const unsigned weekday = std::chrono::weekday{sys_days{day}}.c_encoding();
    if (day_used[d] && day >= selection.from && day <= selection.to && selection.weekdays[weekday]) {
      day_map[d] = static_cast<int>(days.size());
      days.push_back(day);
    }
  }
  std::size_t kept = 0;
  for (const LoggedCall& call : log.calls) {
    if (day_map[call.day] < 0) continue;
    LoggedCall& out = log.calls[kept++];
    out = call;
    out.day = static_cast<std::uint32_t>(day_map[out.day]);
  }
  log.calls.resize(kept);
  log.days = std::move(days);
  if (log.calls.empty()) throw InputError({{log.label, "", "no calls left on the chosen days"}});
  return log;
}

std::vector<std::string> scenario_ids(const std::vector<std::string>& names) {
  std::vector<std::string> ids;
  std::set<std::string> used;
  for (const std::string& name : names) {
    std::string id;
    for (const char c : name) {
      const auto u = static_cast<unsigned char>(c);
      id += std::isalnum(u) != 0 || c == '_' || c == '-' || c == '.' ? c : '_';
    }
    if (id.empty() || std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }))
      id = "type_" + id;
    id.resize(std::min<std::size_t>(id.size(), 190));
    std::string unique = id;
    for (int n = 2; !used.insert(unique).second; ++n) unique = fmt::format("{}_{}", id, n);
    ids.push_back(unique);
  }
  return ids;
}

bool name_column(CallLogFormat& format, std::string_view role, const std::string& name) {
  std::string* column = role == "date"      ? &format.date_column
                        : role == "arrival" ? &format.arrival_column
                        : role == "type"    ? &format.type_column
                        : role == "wait"    ? &format.wait_column
                        : role == "handle"  ? &format.handle_column
                        : role == "outcome" ? &format.outcome_column
                        : role == "priority" ? &format.priority_column
                                             : nullptr;
  if (column == nullptr) return false;
  *column = name;
  format.date_named = format.date_named || role == "date";
  format.type_named = format.type_named || role == "type";
  format.priority_named = format.priority_named || role == "priority";
  return true;
}

const std::vector<std::string>& delimiter_names() {
  static const std::vector<std::string> names = {"auto", "comma", "tab", "semicolon"};
  return names;
}

char delimiter_named(std::string_view name) {
  if (name == "comma") return ',';
  if (name == "tab") return '\t';
  if (name == "semicolon") return ';';
  return 0;
}

}  // namespace ccsim
