// A Kaplan-Meier curve from a scenario: its table listed ("times_s", "survival") or two columns
// of a CSV file, and the mean of its censored tail.
#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "ccsim/detail/csv_column.h"
#include "ccsim/detail/distribution_reader.h"

namespace ccsim::detail {

namespace {

NumberRule positive_duration() { return NumberRule::above(0.0).limited_to(limits::duration_s); }
// A first time of 0 is an atom at 0: callers who hang up at once (logs keep whole seconds).
NumberRule curve_time() { return NumberRule::at_least(0.0).limited_to(limits::duration_s); }

// The times and survival of a Kaplan-Meier table, listed or as two columns of one CSV file (read
// as an empirical distribution's column is; the columns must have their values on the same rows).
struct KaplanMeierTable {
  std::vector<double> times;
  std::vector<double> survival;
};

std::optional<KaplanMeierTable> read_kaplan_meier_file(const Cursor& node,
                                                       DistributionContext& context) {
  const Cursor file = node.get("file");
  const auto name = file.string();
  if (name && name->empty()) file.expected("a CSV file name");
  const auto column_name = [&](const char* key, const char* fallback) -> std::optional<std::string> {
    const Cursor column = node.get(key);
    if (!column.present()) return std::string(fallback);
    return column.string();
  };
  const auto time_column = column_name("time_column", "time_s");
  const auto survival_column = column_name("survival_column", "survival");
  if (!name || name->empty() || !time_column || !survival_column) return std::nullopt;
  KaplanMeierTable table;
  bool ok = true;
  std::vector<std::size_t> time_lines;
  std::vector<std::size_t> survival_lines;
  const auto read = [&](const std::string& column, const char* key, std::vector<double>& into,
                        std::vector<std::size_t>& lines) {
    CsvColumn csv = read_csv_column(context.base_dir / *name, *name, column, limits::csv_file_bytes);
    for (auto& problem : csv.file_problems) file.fail(std::move(problem));
    const Cursor at = node.has(key) ? node.get(key) : file;
    for (auto& problem : csv.column_problems) at.fail(std::move(problem));
    ok = ok && csv.file_problems.empty() && csv.column_problems.empty();
    into = std::move(csv.values);
    lines = std::move(csv.lines);
  };
  read(*time_column, "time_column", table.times, time_lines);
  if (!ok) return std::nullopt;
  read(*survival_column, "survival_column", table.survival, survival_lines);
  if (!ok) return std::nullopt;
  // Empty cells are skipped, so a row with one value of the two would pair the wrong ones.
  if (time_lines != survival_lines) {
    std::size_t i = 0;
    while (i < time_lines.size() && i < survival_lines.size() && time_lines[i] == survival_lines[i])
      ++i;
    const std::size_t line = i == time_lines.size()       ? survival_lines[i]
                             : i == survival_lines.size() ? time_lines[i]
                                                          : std::min(time_lines[i], survival_lines[i]);
    file.fail(fmt::format("{}:{}: expected both a time and a survival on each row", *name, line));
    return std::nullopt;
  }
  if (2 * table.times.size() > context.empirical_values_left) {
    file.fail(fmt::format("has {} values, more than the {} allowed in the whole scenario",
                          2 * table.times.size(), limits::empirical_values));
    return std::nullopt;
  }
  context.empirical_values_left -= 2 * table.times.size();
  return table;
}

}  // namespace

std::optional<Distribution> read_kaplan_meier(const Cursor& node, bool listed,
                                              DistributionContext& context) {
  std::optional<KaplanMeierTable> table;
  if (listed) {
    auto times = read_values(node, "times_s", curve_time(), "time", context);
    auto survival = read_values(node, "survival",
                                NumberRule::at_least(0.0).below(1.0), "survival", context);
    if (times && survival) table = KaplanMeierTable{std::move(*times), std::move(*survival)};
  } else {
    table = read_kaplan_meier_file(node, context);
  }
  const Cursor tail = node.get("tail_mean_s");
  const auto tail_mean = tail.number(positive_duration());
  if (!table || (tail.present() && !tail_mean)) return std::nullopt;
  if (listed && table->times.size() != table->survival.size()) {
    node.get("survival").fail(fmt::format("must have one value per time ({}), got {}",
                                          table->times.size(), table->survival.size()));
    return std::nullopt;
  }
  try {
    return make_kaplan_meier(std::move(table->times), std::move(table->survival),
                             tail_mean.value_or(0.0));
  } catch (const std::invalid_argument& e) {
    node.fail(fmt::format("kaplan_meier cannot have this table: {}", e.what()));
    return std::nullopt;
  }
}


}  // namespace ccsim::detail
