// A call log as a phone system exports it: one row per call that asked for an agent, with its day,
// arrival time, type, wait, handle time and outcome, and optionally its priority (who was
// identified). `ccsim fit` learns a scenario from it.
//
// Columns are found by their header names (defaults below, each can be renamed), in a comma-,
// tab- or semicolon-separated file with a header row. Days may be written 1999-02-01, 19990201 or
// 990201 (two-digit years: 70-99 are 19xx, 00-69 are 20xx); times as clock times H:MM[:SS] (hours up to 47,
// for calls after midnight of a long day) or as seconds after midnight. Wait and handle times are
// seconds. A row whose outcome is neither served nor abandoned (transfers, phantom calls, ...) is
// left out and counted. Every bad cell is reported with its file, line and column (exit code 2).
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace ccsim {

struct CallLogFormat {
  std::string date_column = "date";  // optional: a log without it is one day
  std::string arrival_column = "arrival";
  std::string type_column = "type";  // optional: a log without it is one type, "calls"
  std::string wait_column = "wait_s";
  std::string handle_column = "handle_s";
  std::string outcome_column = "outcome";
  // Optional: a number per call, 0 (or empty) when the caller was not identified, more when the
  // system knew the caller (the bank's priority 1 or 2). Read only when asked for (`read_priority`,
  // or the column named): `ccsim fit` learns from it which share of the callers who had to wait
  // were identified (call_log_profile.h); a replay, whether each logged caller who waited was.
  std::string priority_column = "priority";
  bool read_priority = false;
  std::vector<std::string> served = {"served"};
  std::vector<std::string> abandoned = {"abandoned"};
  char delimiter = 0;  // 0: a tab if the header has one, else a comma
  // Named by the user: then a missing date or type column is an error, not one day or one type.
  bool date_named = false;
  bool type_named = false;
  bool priority_named = false;
};

struct LoggedCall {
  std::uint32_t day = 0;   // index into CallLog::days
  std::uint32_t type = 0;  // index into CallLog::types
  double arrival_s = 0.0;  // after midnight of its day
  double wait_s = 0.0;     // in the queue, until answered or abandoned
  double handle_s = 0.0;   // 0 for abandoned calls
  bool abandoned = false;
  bool identified = false;  // a priority above 0
  std::size_t line = 0;    // in the file, for messages
};

struct CallLog {
  std::string label;                                  // the file as the user named it
  bool has_dates = true;                              // false: no date column, one day
  bool has_types = true;                              // false: no type column, one type
  bool has_priorities = false;                        // a priority column: who was identified
  std::vector<std::chrono::year_month_day> days;      // sorted
  std::vector<std::string> types;                     // in order of first appearance
  std::vector<LoggedCall> calls;                      // in file order
  std::size_t other_outcomes = 0;                     // rows left out
};

// Names a column for `role` (date, arrival, type, wait, handle, outcome, priority), as `ccsim fit
// --column` and a replay's "columns" do; a named date, type or priority column must then exist (and
// a named priority column is read). False for another role.
bool name_column(CallLogFormat& format, std::string_view role, const std::string& name);

// The field separators by name, as `ccsim fit --delimiter` and a replay's "delimiter" take them:
// auto (a tab if the header has one, else a comma, else a semicolon), comma, tab, semicolon.
const std::vector<std::string>& delimiter_names();
// The separator `name` (one of delimiter_names) stands for; 0 for auto.
char delimiter_named(std::string_view name);

// Throws InputError listing every bad cell (the first few of each kind) as FILE:LINE:COLUMN.
CallLog read_call_log(const std::filesystem::path& path, const std::string& label,
                      const CallLogFormat& format);

// Which calls a fit learns from: the days (by date and weekday) and, of their calls, the types
// fitted. Every call of a chosen day stays in the log, whatever its type: agents busy with other
// types were still busy (see profile_call_log).
struct CallLogSelection {
  std::chrono::year_month_day from{std::chrono::year{1}, std::chrono::month{1}, std::chrono::day{1}};
  std::chrono::year_month_day to{std::chrono::year{9999}, std::chrono::month{12}, std::chrono::day{31}};
  std::array<bool, 7> weekdays{true, true, true, true, true, true, true};  // Sunday first
  std::vector<std::string> types;                                            // empty: all
};

// The calls of the chosen days (days without any call are dropped, indices renumbered). Throws
// InputError if no day is left or a type of `selection.types` is not in the log.
CallLog select_days(CallLog log, const CallLogSelection& selection);

// The log's type names as scenario ids: letters, digits, "_", "-" and ".", not only digits, at
// most 190 characters, none twice ("Billing Enquiry" -> "Billing_Enquiry", "101" -> "type_101").
std::vector<std::string> scenario_ids(const std::vector<std::string>& names);

// "1999-02-01".
std::string day_text(const std::chrono::year_month_day& day);
// "H:MM[:SS]" to seconds after midnight, hours up to `max_hours`; nothing if it is not one.
std::optional<double> parse_clock_time(std::string_view text, int max_hours = 47);
// "07:30" (minutes rounded; hours past 24 kept: "25:00").
std::string clock_time_text(double seconds);
// Parses the forms above; false if it is none of them or not a calendar date.
bool parse_day(std::string_view text, std::chrono::year_month_day& day);
// "sun-thu", "mon,wed,fri", "sat-sun": the days of the week it names (Sunday first).
bool parse_weekdays(std::string_view text, std::array<bool, 7>& weekdays);

}  // namespace ccsim
