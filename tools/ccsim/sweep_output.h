// The output file of `ccsim sweep --out` (CSV or JSONL), used by sweep.cpp: what it holds, and
// how --resume takes over one that an interrupted sweep left.
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/file_lock.h"
#include "ccsim/model.h"
#include "ccsim/summary.h"
#include "ccsim/sweep.h"

namespace ccsim::cli {

// Insertion order, so that every JSONL line starts with its point number (what --resume reads).
using ordered_json = nlohmann::ordered_json;

enum class Format { csv, jsonl };

// From the extension of `out`; throws InputError unless it is .csv or .jsonl.
Format format_of(const std::string& out);

// What a resumed sweep must share with the one that started the file.
ordered_json sweep_definition(const Model& base, const nlohmann::json& document, std::uint64_t seed,
                              int replications, const std::optional<std::size_t>& lhs,
                              std::size_t points, const std::vector<SweepParameter>& parameters);
// The first line(s) of the file: "# ccsim sweep {definition}" and the columns, or
// {"ccsim_sweep": definition}.
std::string header_text(Format format, const ordered_json& definition,
                        const std::vector<SweepParameter>& parameters);
// CSV rows per point: one per scope and KPI.
std::size_t csv_lines_per_point(const Model& model);
// What every line of `point` starts with: "3," or {"point":3,.
std::string point_prefix(Format format, std::size_t point);
// One point's lines, each ending in a newline.
std::string point_text(Format format, std::size_t point, const std::vector<SweepParameter>& parameters,
                       const std::vector<double>& values, const Model& model, const Summary& summary);
// Whether a line of an existing file is whole, for scan_sweep_output.
SweepLineCheck whole_line_check(Format format, const Model& base,
                                const std::function<std::vector<double>(std::size_t)>& values_of);
// Opens the output for appending, locked in `lock`, and returns the points already there.
std::size_t open_output(const std::string& path, bool resume, Format format, const std::string& header,
                        std::size_t lines_per_point, std::size_t points,
                        const SweepLineCheck& is_whole_line, std::optional<FileLock>& lock,
                        std::ofstream& out);

}  // namespace ccsim::cli
