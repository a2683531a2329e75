// The output file of `ccsim sweep --out`: how --resume finds where an interrupted file stopped
// and takes it over.
#include "sweep_output.h"

#include <filesystem>
#include <limits>
#include <stdexcept>

#include <fmt/core.h>

#include "ccsim/text_file.h"
#include "ccsim/diagnostics.h"

namespace ccsim::cli {

namespace fs = std::filesystem;

SweepFormat format_of(const std::string& out) {
  const std::string extension = fs::path(out).extension().string();
  if (extension == ".csv") return SweepFormat::csv;
  if (extension == ".jsonl") return SweepFormat::jsonl;
  throw InputError({{"--out", "", fmt::format("\"{}\" must end in .csv or .jsonl", out)}});
}

// Opens the output for appending, after writing its header or, with --resume, after cutting an
// existing file back to its last whole point. Returns the points already there. `lock` holds the
// file for this process until the sweep ends: a second sweep, or a second --resume, of the same
// file stops at once (exit 2) instead of appending the same points again.
//
// Unlike every other ccsim output (include/ccsim/output_file.h writes files whole or not at all),
// a sweep's file is appended to and flushed point by point: a sweep may run for hours, and an
// interruption must cost only the points in flight. --resume then completes the file, and because
// points are written in their fixed order, the result is byte for byte an uninterrupted run's.
std::size_t open_output(const std::string& path, bool resume, SweepFormat format,
                        const std::string& header, const Model& base, const SweepStudy& study,
                        std::optional<FileLock>& lock, std::ofstream& out) {
  std::size_t done = 0;
  std::size_t keep = 0;
  std::error_code error;
  const bool existed = fs::exists(path, error);
  if (existed && !resume)
    throw InputError({{path, "",
                       "already exists: add --resume to complete it, or remove it to start again"}});
  lock.emplace("--out", path);
  if (existed) {
    // Read as every input is (text_file.h): a FIFO or a device is refused, never waited on.
    const TextFile read = read_text_file(path, std::numeric_limits<std::size_t>::max());
    if (!read.error.empty()) throw InputError({{path, "", "cannot read it to resume: " + read.error}});
    const ResumeScan scan = scan_sweep_text(read.text, format, header, base, study, path);
    done = scan.points_done;
    keep = scan.keep_bytes;
    fs::resize_file(path, keep);
  }
  out.open(path, std::ios::binary | std::ios::app);
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path));
  if (keep == 0) out << header << std::flush;
  return done;
}

}  // namespace ccsim::cli
