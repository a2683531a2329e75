// The output of a sweep study (sweep_study.h), CSV or JSONL: its header, each point's text, and
// what an interrupted output holds, so that a resumed sweep completes it byte for byte as an
// uninterrupted one would have written it.
//
// CSV: a first line "# ccsim sweep {definition}" that pandas (comment="#") and R
// (comment.char="#") skip, then `point,<one column per parameter>,scope,id,kpi,mean,ci95,n`, one
// row per point x scope x KPI over the whole horizon. JSONL: a first line
// {"ccsim_sweep": definition}, then one object per point: {"point", "params": {path: value},
// "overall": {kpi: {"mean", "ci95", "n"}}, "by_type", "by_group", "by_segment", "by_channel"}.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/model.h"
#include "ccsim/summary.h"
#include "ccsim/sweep.h"
#include "ccsim/sweep_study.h"

namespace ccsim {

enum class SweepFormat { csv, jsonl };

// What a resumed sweep must share with the one that started the file: the scenario's content, the
// seed, the replications and the points. Threads are left out on purpose: they change nothing.
// In insertion order, as written.
nlohmann::ordered_json sweep_definition(const Model& base, const SweepStudy& study,
                                        std::uint64_t seed, int replications);

// The first line(s) of the output: "# ccsim sweep {definition}" and the columns, or
// {"ccsim_sweep": definition}.
std::string sweep_header_text(SweepFormat format, const nlohmann::ordered_json& definition,
                              const std::vector<SweepParameter>& parameters);

// Lines per point: one per scope and KPI in CSV, one in JSONL.
std::size_t sweep_lines_per_point(SweepFormat format, const Model& model);

// What every line of `point` starts with: "3," or {"point":3,.
std::string sweep_point_prefix(SweepFormat format, std::size_t point);

// One point's lines, each ending in a newline.
std::string sweep_point_text(SweepFormat format, std::size_t point,
                             const std::vector<SweepParameter>& parameters,
                             const std::vector<double>& values, const Model& model,
                             const Summary& summary);

// Whether a line of an existing output is whole (for scan_sweep_output): a CSV row is exactly the
// point's row for its scope and KPI followed by three numbers; a JSONL line parses as the point's
// object. `values_of(point)` gives the point's parameter values as the output writes them.
SweepLineCheck sweep_whole_line_check(SweepFormat format, const Model& base,
                                      const std::function<std::vector<std::string>(std::size_t)>& values_of);

// What an existing output `text` of this sweep holds (scan_sweep_output with this format's lines):
// its complete points and where to cut a torn point. Throws InputError (file `file`) when another
// sweep made it, when a line out of place or torn has more after it, or when it holds more points
// than the study.
ResumeScan scan_sweep_text(std::string_view text, SweepFormat format, std::string_view header,
                           const Model& base, const SweepStudy& study, const std::string& file);

}  // namespace ccsim
