#include "ccsim/shift_requirements.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include <fmt/core.h>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/detail/scenario_limits.h"
#include "ccsim/detail/text_file.h"
#include "ccsim/diagnostics.h"

namespace ccsim {

namespace {

// A requirements file is a few values per interval; this is far beyond any real one.
constexpr std::size_t max_file_bytes = std::size_t{256} << 20;

struct Field {
  std::string text;
  std::size_t column = 1;  // 1-based, of the field's first character
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// One line's fields: commas separate them, double quotes may enclose one (with "" for a quote).
// A line break inside quotes is not supported: no field of this file needs one.
std::vector<Field> split(std::string_view line) {
  std::vector<Field> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().text += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().text += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back({"", i + 2});
    } else {
      fields.back().text += c;
    }
  }
  for (Field& f : fields) f.text = std::string(trim(f.text));
  return fields;
}

std::optional<double> parse_number(const std::string& text) {
  double x = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, x);
  if (ec != std::errc() || ptr != end || !std::isfinite(x)) return std::nullopt;
  return x;
}

class Problems {
 public:
  explicit Problems(std::string file) : file_(std::move(file)) {}
  void add(std::size_t line, std::size_t column, std::string message) {
    ++count_;
    if (kept_.size() < detail::Problems::kept_at_most)
      kept_.push_back({file_, fmt::format("{}:{}", line, column), std::move(message)});
  }
  void add(std::string message) {
    ++count_;
    kept_.push_back({file_, "", std::move(message)});
  }
  void throw_if_any() {
    if (count_ == 0) return;
    if (count_ > kept_.size())
      kept_.push_back({file_, "", fmt::format("and {} more problems", count_ - kept_.size())});
    throw InputError(std::move(kept_));
  }

 private:
  std::string file_;
  std::vector<Diagnostic> kept_;
  std::size_t count_ = 0;
};

}  // namespace

ShiftRequirements read_shift_requirements(const std::filesystem::path& path,
                                          const std::string& label, const Model& model) {
  Problems problems(label);
  const detail::TextFile file = detail::read_text_file(path, max_file_bytes);
  if (!file.error.empty()) {
    problems.add(fmt::format("cannot read the requirements: {}", file.error));
    problems.throw_if_any();
  }
  std::string_view text = file.text;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);

  std::map<std::string, AgentGroupIndex> group_of;
  std::vector<std::string> group_ids;
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g) {
    group_of.emplace(model.agent_groups[g].id, g);
    group_ids.push_back(model.agent_groups[g].id);
  }
  const auto intervals = static_cast<std::size_t>(model.horizon.intervals());

  ShiftRequirements read;
  read.by_group.resize(model.group_count());
  std::vector<std::vector<std::size_t>> line_of(model.group_count());  // where each value was set
  constexpr std::array<std::string_view, 3> names = {"group", "interval", "agents"};
  std::array<std::size_t, 3> at{};  // the position of each named column
  bool header = true;
  std::size_t line_number = 0;
  std::size_t rows = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (trim(line).empty()) continue;
    const std::vector<Field> fields = split(line);
    if (header) {
      header = false;
      std::array<bool, 3> found{};
      bool ok = fields.size() == names.size();
      for (std::size_t f = 0; f < fields.size() && ok; ++f) {
        const auto name = std::find(names.begin(), names.end(), fields[f].text);
        if (name == names.end() || found[name - names.begin()]) {
          ok = false;
          break;
        }
        found[name - names.begin()] = true;
        at[name - names.begin()] = f;
      }
      if (!ok) {
        problems.add(line_number, 1,
                     fmt::format("expected the header group,interval,agents (in any order), got "
                                 "\"{}\"",
                                 std::string(trim(line)).substr(0, 80)));
        problems.throw_if_any();
      }
      continue;
    }
    ++rows;
    if (fields.size() != names.size()) {
      problems.add(line_number, fields.size() > names.size() ? fields[names.size()].column : 1,
                   fmt::format("expected 3 fields (group,interval,agents), got {}", fields.size()));
      continue;
    }
    const Field& group = fields[at[0]];
    const Field& interval = fields[at[1]];
    const Field& agents = fields[at[2]];
    std::optional<AgentGroupIndex> g;
    if (const auto it = group_of.find(group.text); it != group_of.end()) {
      g = it->second;
    } else {
      std::string message = fmt::format("expected an agent group of the scenario, got \"{}\"",
                                        group.text.substr(0, 80));
      if (const auto near = detail::nearest_name(group.text, group_ids))
        message += fmt::format(", did you mean \"{}\"?", *near);
      problems.add(line_number, group.column, message);
    }
    const auto i = parse_number(interval.text);
    const bool interval_ok = i && *i >= 0 && *i == std::floor(*i) && *i < intervals;
    if (!interval_ok)
      problems.add(line_number, interval.column,
                   fmt::format("expected an interval, a whole number from 0 to {} (the horizon's "
                               "{} intervals), got \"{}\"",
                               intervals - 1, intervals, interval.text.substr(0, 80)));
    const auto n = parse_number(agents.text);
    const bool agents_ok = n && *n >= 0 && *n <= detail::limits::staffing;
    if (!agents_ok)
      problems.add(line_number, agents.column,
                   fmt::format("expected agents, a number from 0 to {}, got \"{}\"",
                               detail::number_text(detail::limits::staffing),
                               agents.text.substr(0, 80)));
    if (!g || !interval_ok || !agents_ok) continue;
    auto& values = read.by_group[*g];
    auto& lines = line_of[*g];
    if (values.empty()) {
      values.assign(intervals, 0.0);
      lines.assign(intervals, 0);
    }
    const auto index = static_cast<std::size_t>(*i);
    if (lines[index] != 0) {
      problems.add(line_number, interval.column,
                   fmt::format("expected one row per group and interval, got group \"{}\" interval "
                               "{} again (first on line {})",
                               group.text, index, lines[index]));
      continue;
    }
    values[index] = *n;
    lines[index] = line_number;
  }
  if (header) problems.add("expected the header group,interval,agents, got an empty file");
  else if (rows == 0) problems.add("expected rows after the header group,interval,agents, got none");
  problems.throw_if_any();
  for (AgentGroupIndex g = 0; g < model.group_count(); ++g)
    if (!read.by_group[g].empty()) read.groups.push_back(g);
  return read;
}

}  // namespace ccsim
