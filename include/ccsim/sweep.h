// Sweeps: the points of a parameter study over a scenario, and how to pick up an interrupted one.
//
// A sweep varies numbers of a scenario document, each named by a JSON pointer whose array steps may
// be ids ("/agent_groups/agents/staffing"), over a list of values ("=12,13,15") or an inclusive range
// ("=8:16:1"). The points are either the full grid, numbered like nested loops with the first
// parameter varying slowest, or a Latin hypercube of N points. Numbering is stable, which is what
// lets `ccsim sweep --resume` find where an interrupted output file stopped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ccsim {

// Most points a sweep may have, and most values one range may expand to: beyond this a typing
// mistake (a step of 0.0001) would be taken as a month of work.
inline constexpr std::size_t max_sweep_points = 1'000'000;

// The what-if axis: `--set what_if=baseline,lunch-cut` runs every point once per what-if named
// ("baseline": the scenario without one; "*": the baseline and every what-if, by name), the other
// --set applied to the scenario before the what-if patches it, as `run --set ... --what-if` does.
inline constexpr std::string_view what_if_axis = "what_if";

struct SweepParameter {
  std::string path;            // as the user wrote it, "*" too; it also names the output column
  std::string definition;      // the text after '=', as written ("8:16:1", "0.2,0.5")
  std::vector<double> values;  // the levels, in order
  bool is_range = false;       // written as from:to:step (a list otherwise)
  // Written PATH*=...: the values are factors that scale what the scenario holds there, so a
  // staffing profile keeps its shape, rather than values that replace it.
  bool scales = false;
  // On the what-if axis: the what-ifs' names, values being their indices 0, 1, ...
  std::vector<std::string> labels;
  bool is_what_if() const { return path == what_if_axis; }
  // The JSON pointer: the path without its "*".
  std::string pointer() const { return scales ? path.substr(0, path.size() - 1) : path; }
};

// A value as outputs write it: the what-if's name on the what-if axis, else sweep_value_text.
std::string sweep_parameter_text(const SweepParameter& parameter, double value);

// Parses one `--set PATH=v1,v2,...` or `--set PATH=from:to:step`, or the same with `PATH*=`
// (factors), or `--set what_if=NAME,...` (the what-if axis, checked against the scenario by
// SweepStudy). Range values are from + i*step,
// i = 0 .. round((to-from)/step), rounded to the decimals written in from, to and step, so
// 0:1:0.1 gives exactly 0.3, not 0.30000000000000004. Throws InputError (file "--set") on a
// missing '=', a path not starting with '/', a value that is not a number, step <= 0, to < from, or
// more than max_sweep_points values.
SweepParameter parse_sweep_set(std::string_view text);

// Number of points of the full grid; throws InputError when it exceeds max_sweep_points.
std::size_t grid_size(const std::vector<SweepParameter>& parameters);

// The values of grid point `index`: the first parameter varies slowest, the last fastest.
std::vector<double> grid_point(const std::vector<SweepParameter>& parameters, std::size_t index);

// Positions of a Latin hypercube of `n` points in [0,1)^dimensions: in every dimension each of the
// n strata [k/n, (k+1)/n) holds exactly one point. Drawn from a Mersenne Twister seeded with `seed`
// and converted by hand (not by std:: distributions), so the same seed gives the same points on
// every platform.
std::vector<std::vector<double>> latin_hypercube_unit(std::size_t dimensions, std::size_t n,
                                                      std::uint64_t seed);

// The values of a Latin hypercube of `n` points: a position x picks level floor(x * L) of a
// parameter's L levels, so with n = L every level is taken exactly once, and a range with a fine
// step is sampled all but continuously. Throws InputError when n is 0 or above max_sweep_points.
std::vector<std::vector<double>> latin_hypercube(const std::vector<SweepParameter>& parameters,
                                                 std::size_t n, std::uint64_t seed);

// The seed of a sweep's Latin hypercube, derived from the run seed so that the same command gives
// the same points, yet its stream is not that of any replication.
std::uint64_t latin_hypercube_seed(std::uint64_t run_seed);

// Where each parameter lands in a document: its path with ids resolved to indices (the what-if
// axis lands nowhere: an empty pointer, which apply_sweep_point skips). Throws
// InputError naming the path when it matches nothing, or when it names something other than a
// number or an array of numbers (an array is then set whole, as when the scenario writes one number
// for every interval).
std::vector<nlohmann::json::json_pointer> resolve_sweep_targets(
    const nlohmann::json& document, const std::vector<SweepParameter>& parameters,
    const std::string& file);

// The document with point `values` applied: whole numbers are written as integers, so that fields
// that must be whole accept them. Where `scales[i]` is true the value multiplies every number at
// target i instead, and a whole number stays whole: rounded to the nearest, halves away from zero
// (20 agents x 1.1 = 22, 14 x 1.1 = 15.4 -> 15).
nlohmann::json apply_sweep_point(const nlohmann::json& document,
                                 const std::vector<nlohmann::json::json_pointer>& targets,
                                 const std::vector<double>& values,
                                 const std::vector<bool>& scales = {});

// A number as it appears in sweep outputs and messages: the shortest text that reads back exactly.
std::string sweep_value_text(double value);

// What an existing output file holds, for `--resume`.
struct ResumeScan {
  std::size_t points_done = 0;  // complete points at the head of the file
  std::size_t keep_bytes = 0;   // the file is cut here: a partial line or point after it goes
};

// Whether a line (without its newline) is line `line` of point `point` in full, as the sweep
// writes it. A line can end in a newline and still be torn: a crash or a full disk can leave the
// start of a line and then the newline of a later write, or a file system can keep a newline
// whose text it lost.
using SweepLineCheck = std::function<bool(std::size_t point, std::size_t line, std::string_view text)>;

// Scans an output file that starts with `header` (exactly) and then holds `lines_per_point` lines
// per point, point 0 first, each line of point k starting with `line_prefix(k)` and passing
// `is_whole_line` (when given). Only lines ending in a newline count, and a last line that fails
// `is_whole_line`, or stops inside its prefix, is torn: it and its point are cut, to be run again.
// Throws InputError (file `file`) when the header differs — another sweep made it — or a line
// before the last does not belong where it stands or is not whole.
ResumeScan scan_sweep_output(std::string_view text, std::string_view header,
                             std::size_t lines_per_point,
                             const std::function<std::string(std::size_t)>& line_prefix,
                             const std::string& file, const SweepLineCheck& is_whole_line = {});

}  // namespace ccsim
