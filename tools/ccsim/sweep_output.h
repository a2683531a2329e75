// The output file of `ccsim sweep --out` (CSV or JSONL, sweep_writers.h), used by sweep.cpp: its
// format, named by its extension, and how it is opened, locked, and with --resume taken over from
// an interrupted sweep.
#pragma once

#include <cstddef>
#include <fstream>
#include <optional>
#include <string>

#include "ccsim/file_lock.h"
#include "ccsim/model.h"
#include "ccsim/sweep_study.h"
#include "ccsim/sweep_writers.h"

namespace ccsim::cli {

// From the extension of `out`; throws InputError unless it is .csv or .jsonl.
SweepFormat format_of(const std::string& out);

// Opens the output for appending, locked in `lock`, and returns the points already there.
std::size_t open_output(const std::string& path, bool resume, SweepFormat format,
                        const std::string& header, const Model& base, const SweepStudy& study,
                        std::optional<FileLock>& lock, std::ofstream& out);

}  // namespace ccsim::cli
