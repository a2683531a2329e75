#include "ccsim/sweep.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>
#include <system_error>

#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/what_if.h"

namespace ccsim {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& file, const std::string& where, const std::string& message) {
  throw InputError({Diagnostic{file, where, message}});
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t at = text.find(separator);
    parts.push_back(trim(text.substr(0, at)));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

double parse_number(std::string_view token, const std::string& path, std::string_view definition) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (token.empty() || error != std::errc() || end != token.data() + token.size() ||
      !std::isfinite(value))
    fail("--set", path,
         fmt::format("\"{}\" in \"{}\" is not a number (write v1,v2,... or from:to:step)", token,
                     definition));
  return value;
}

// Decimal places a number was written with, exponent included: "0.25" -> 2, "1e-3" -> 3, "20" -> 0.
int written_decimals(std::string_view token) {
  const std::size_t e = token.find_first_of("eE");
  const std::string_view mantissa = token.substr(0, e);
  const std::size_t dot = mantissa.find('.');
  int decimals = dot == std::string_view::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  if (e != std::string_view::npos) {
    int exponent = 0;
    std::from_chars(token.data() + e + 1 + (token.size() > e + 1 && token[e + 1] == '+'),
                    token.data() + token.size(), exponent);
    decimals -= exponent;
  }
  return std::max(decimals, 0);
}

std::vector<double> range_values(const std::vector<std::string_view>& parts, const std::string& path,
                                 std::string_view definition) {
  if (parts.size() != 3)
    fail("--set", path, fmt::format("a range is from:to:step, got \"{}\"", definition));
  const double from = parse_number(parts[0], path, definition);
  const double to = parse_number(parts[1], path, definition);
  const double step = parse_number(parts[2], path, definition);
  if (step <= 0.0) fail("--set", path, fmt::format("the step of \"{}\" must be > 0", definition));
  if (to < from)
    fail("--set", path, fmt::format("the range \"{}\" runs backwards (to < from)", definition));
  // The small allowance keeps `to` when (to-from)/step is a whole number spoilt by rounding
  // (1/0.1 = 9.999...), and never lets a value pass `to` by more than that rounding.
  const double steps = std::floor((to - from) / step + 1e-9);
  if (steps + 1 > static_cast<double>(max_sweep_points))
    fail("--set", path,
         fmt::format("\"{}\" gives {:.0f} values, more than the {} a sweep may have", definition,
                     steps + 1, max_sweep_points));
  // from + i*step carries the binary error of step (0.1 * 3 = 0.30000000000000004); rounding to
  // the decimals the user wrote gives the very number they would have typed.
  const int decimals = std::max({written_decimals(parts[0]), written_decimals(parts[1]),
                                 written_decimals(parts[2])});
  const double scale = std::pow(10.0, decimals);
  std::vector<double> values;
  for (std::size_t i = 0; i <= static_cast<std::size_t>(steps); ++i) {
    double value = from + static_cast<double>(i) * step;
    if (decimals <= 15) value = std::round(value * scale) / scale;
    values.push_back(value);
  }
  return values;
}

std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array that is not all numbers";
    case json::value_t::string: return "the text " + value.dump();
    case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case json::value_t::null: return "null";
    default: return value.dump();
  }
}

bool is_number_or_numbers(const json& value) {
  if (value.is_number()) return true;
  if (!value.is_array() || value.empty()) return false;
  return std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_number(); });
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

SweepParameter parse_sweep_set(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos)
    fail("--set", "", fmt::format("\"{}\" must be PATH=v1,v2,... or PATH=from:to:step", text));
  SweepParameter parameter;
  parameter.path = std::string(trim(text.substr(0, equals)));
  if (parameter.path == what_if_axis) {
    parameter.definition = std::string(trim(text.substr(equals + 1)));
    for (std::string_view token : split(parameter.definition, ',')) {
      const std::string name(trim(token));
      if (name.empty()) fail("--set", parameter.path, fmt::format("an empty what-if name in \"{}\"", parameter.definition));
      if (std::find(parameter.labels.begin(), parameter.labels.end(), name) != parameter.labels.end())
        fail("--set", parameter.path, fmt::format("\"{}\" is named twice", name));
      parameter.values.push_back(static_cast<double>(parameter.labels.size()));
      parameter.labels.push_back(name);
    }
    return parameter;
  }
  parameter.scales = !parameter.path.empty() && parameter.path.back() == '*';
  parameter.definition = std::string(trim(text.substr(equals + 1)));
  if (parameter.path.empty() || parameter.path.front() != '/')
    fail("--set", "",
         fmt::format("\"{}\": the path must be a JSON pointer such as /agent_groups/agents/staffing",
                     text));
  if (parameter.definition.empty())
    fail("--set", parameter.path, "no values after '='");
  if (parameter.definition.find(':') != std::string::npos) {
    parameter.is_range = true;
    parameter.values = range_values(split(parameter.definition, ':'), parameter.path,
                                    parameter.definition);
  } else {
    for (std::string_view token : split(parameter.definition, ','))
      parameter.values.push_back(parse_number(token, parameter.path, parameter.definition));
    if (parameter.values.size() > max_sweep_points)
      fail("--set", parameter.path, fmt::format("more than {} values", max_sweep_points));
  }
  return parameter;
}

std::size_t grid_size(const std::vector<SweepParameter>& parameters) {
  std::size_t size = 1;
  for (const auto& p : parameters) {
    if (p.values.empty() || size > max_sweep_points / p.values.size())
      fail("--set", "",
           fmt::format("the grid has more than {} points; use --lhs N for a sample of it",
                       max_sweep_points));
    size *= p.values.size();
  }
  return size;
}

std::vector<double> grid_point(const std::vector<SweepParameter>& parameters, std::size_t index) {
  std::vector<double> values(parameters.size());
  for (std::size_t i = parameters.size(); i-- > 0;) {
    const std::size_t levels = parameters[i].values.size();
    values[i] = parameters[i].values[index % levels];
    index /= levels;
  }
  return values;
}

std::vector<std::vector<double>> latin_hypercube_unit(std::size_t dimensions, std::size_t n,
                                                      std::uint64_t seed) {
  // std::mt19937_64's output is fixed by the standard; its distributions are not, hence the
  // hand-made conversions below.
  std::mt19937_64 generator(seed);
  std::vector<std::vector<double>> points(n, std::vector<double>(dimensions));
  std::vector<std::size_t> strata(n);
  for (std::size_t d = 0; d < dimensions; ++d) {
    for (std::size_t k = 0; k < n; ++k) strata[k] = k;
    for (std::size_t k = n; k-- > 1;) std::swap(strata[k], strata[generator() % (k + 1)]);
    for (std::size_t k = 0; k < n; ++k) {
      const double u = static_cast<double>(generator() >> 11) * 0x1.0p-53;  // [0, 1)
      const double upper = static_cast<double>(strata[k] + 1) / static_cast<double>(n);
      double x = (static_cast<double>(strata[k]) + u) / static_cast<double>(n);
      // (k + u) / n may round up onto the next stratum's edge.
      if (x >= upper) x = std::nextafter(upper, 0.0);
      points[k][d] = x;
    }
  }
  return points;
}

std::vector<std::vector<double>> latin_hypercube(const std::vector<SweepParameter>& parameters,
                                                 std::size_t n, std::uint64_t seed) {
  if (n == 0 || n > max_sweep_points)
    fail("--lhs", "", fmt::format("needs 1 to {} points, got {}", max_sweep_points, n));
  std::vector<std::vector<double>> points = latin_hypercube_unit(parameters.size(), n, seed);
  for (auto& point : points)
    for (std::size_t d = 0; d < parameters.size(); ++d) {
      const std::vector<double>& levels = parameters[d].values;
      const auto level = static_cast<std::size_t>(point[d] * static_cast<double>(levels.size()));
      point[d] = levels[std::min(level, levels.size() - 1)];
    }
  return points;
}

std::uint64_t latin_hypercube_seed(std::uint64_t run_seed) {
  return splitmix64(run_seed ^ 0x4c61'7469'6e48'4375ULL);  // "LatinHCu"
}

std::vector<json::json_pointer> resolve_sweep_targets(const json& document,
                                                      const std::vector<SweepParameter>& parameters,
                                                      const std::string& file) {
  std::vector<json::json_pointer> targets;
  for (const auto& p : parameters) {
    json::json_pointer target;
    if (p.is_what_if()) {
      targets.push_back(target);
      continue;
    }
    try {
      target = resolve_id_pointer(document, p.pointer(), file);
    } catch (const InputError& e) {
      std::vector<Diagnostic> diagnostics = e.diagnostics();
      for (auto& d : diagnostics) d.message += fmt::format(" (in --set {}={})", p.path, p.definition);
      throw InputError(std::move(diagnostics));
    }
    if (!document.contains(target))
      fail(file, p.path,
           "--set names nothing in this scenario (to sweep a setting left at its default, write "
           "it in the file first)");
    const json& found = document.at(target);
    if (!is_number_or_numbers(found))
      fail(file, p.path,
           fmt::format("--set needs a number or an array of numbers here, found {}", describe(found)));
    for (const auto& other : targets) {
      if (other.empty()) continue;  // the what-if axis
      const std::string a = other.to_string();
      const std::string b = target.to_string();
      if (a == b || b.rfind(a + "/", 0) == 0 || a.rfind(b + "/", 0) == 0)
        fail(file, p.path, fmt::format("--set overlaps another --set (both reach {})", std::min(a, b)));
    }
    targets.push_back(target);
  }
  return targets;
}

namespace {

json number_json(double v) {
  if (v == std::floor(v) && std::fabs(v) < 0x1.0p53) return static_cast<std::int64_t>(v);
  return v;
}

// `value` (a number or an array of numbers) times `factor`, whole numbers kept whole.
json scaled(const json& value, double factor) {
  if (value.is_array()) {
    json out = json::array();
    for (const json& v : value) out.push_back(scaled(v, factor));
    return out;
  }
  const double x = value.get<double>() * factor;
  return value.is_number_integer() ? number_json(std::round(x)) : json(x);
}

}  // namespace

json apply_sweep_point(const json& document, const std::vector<json::json_pointer>& targets,
                       const std::vector<double>& values, const std::vector<bool>& scales) {
  json patched = document;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (targets[i].empty()) continue;  // the what-if axis: its document is given
    if (i < scales.size() && scales[i])
      patched[targets[i]] = scaled(document.at(targets[i]), values[i]);
    else
      patched[targets[i]] = number_json(values[i]);
  }
  return patched;
}

std::string sweep_value_text(double value) { return fmt::format("{}", value); }

std::string sweep_parameter_text(const SweepParameter& parameter, double value) {
  const auto level = static_cast<std::size_t>(value);
  if (parameter.is_what_if() && level < parameter.labels.size()) return parameter.labels[level];
  return sweep_value_text(value);
}

ResumeScan scan_sweep_output(std::string_view text, std::string_view header,
                             std::size_t lines_per_point,
                             const std::function<std::string(std::size_t)>& line_prefix,
                             const std::string& file, const SweepLineCheck& is_whole_line) {
  if (text.substr(0, header.size()) != header) {
    // Killed while the header itself was being written: nothing of value is there yet.
    if (header.substr(0, text.size()) == text) return {0, 0};
    const std::string_view first = text.substr(0, text.find('\n'));
    fail(file, "",
         fmt::format("was made by another sweep (or is not a sweep's output), so --resume cannot "
                     "complete it; remove it or choose another --out. Its first line: {}; this "
                     "sweep's: {}",
                     first.substr(0, 300), header.substr(0, header.find('\n'))));
  }
  ResumeScan scan{0, header.size()};
  std::size_t at = header.size();
  std::size_t line_number = static_cast<std::size_t>(std::count(header.begin(), header.end(), '\n'));
  for (;;) {
    for (std::size_t line = 0; line < lines_per_point; ++line) {
      const std::size_t end = text.find('\n', at);
      if (end == std::string_view::npos) return scan;
      ++line_number;
      const std::string_view content = text.substr(at, end - at);
      // Nothing whole follows the last line: if it is torn, the sweep stopped while writing it.
      const bool last = text.find('\n', end + 1) == std::string_view::npos;
      const std::string prefix = line_prefix(scan.points_done);
      if (!content.starts_with(prefix)) {
        if (last && std::string_view(prefix).starts_with(content)) return scan;
        fail(file, "",
             fmt::format("line {} should start with \"{}\": the file was changed after the sweep "
                         "wrote it, so --resume cannot complete it",
                         line_number, prefix));
      }
      if (is_whole_line && !is_whole_line(scan.points_done, line, content)) {
        if (last) return scan;
        fail(file, "",
             fmt::format("line {} is not a whole line of point {}, yet more follows it: the file "
                         "was changed after the sweep wrote it, so --resume cannot complete it",
                         line_number, scan.points_done));
      }
      at = end + 1;
    }
    ++scan.points_done;
    scan.keep_bytes = at;
  }
}

}  // namespace ccsim
