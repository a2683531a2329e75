// Shards: one run cut into slices that separate jobs (a batch scheduler's job array) run on their
// own, each into a part file, and the fold that joins the parts into exactly the results of one
// run. A part holds every replication's KPI vector, not a summary: summaries cannot be combined
// into the same bits, while folding the replications in replication order gives them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/runner.h"

namespace ccsim {

// Shard `index` of `count` (0 <= index < count).
struct Shard {
  std::uint64_t index = 0;
  std::uint64_t count = 1;
};

// Parses "k/N" (0 <= k < N, as job arrays number their tasks from 0). Throws InputError (file
// "--shard") on anything else: "3/2", "0/0", "x/y".
Shard parse_shard(std::string_view text);

// Replications first .. first+count-1.
struct ReplicationSlice {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

// The replications shard k of N runs: the contiguous slice floor(k*R/N) .. floor((k+1)*R/N)-1, so
// that each job keeps all its cores busy on one range, and the slices of k = 0..N-1 in order are
// replications 0..R-1. With more shards than replications some slices are empty.
ReplicationSlice shard_replications(std::uint64_t replications, const Shard& shard);

// FNV-1a of `text`, 16 hex digits: the identity of a scenario's content (hash its parsed document's
// dump, so that edits of layout or comments keep it).
std::string content_hash(std::string_view text);

// What every part of one run shares; parts that differ in any of it belong to different runs.
struct PartIdentity {
  std::string scenario;  // the scenario file, as an absolute path: merge reads it for its names
  std::string scenario_hash;  // content_hash of the scenario's parsed document
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;
  std::uint64_t shards = 1;
  bool operator==(const PartIdentity&) const = default;
};

struct Part {
  PartIdentity identity;
  std::uint64_t shard = 0;
  std::vector<ReplicationOutcome> outcomes;  // the shard's replications, in replication order
};

// The part as JSON: {"ccsim_part": {identity..., "shard", "first", "count"}, "outcomes":
// [{"replication", "values": [[...] per model], "totals": [[events, arrivals] per model]}]}.
// Finite numbers are JSON numbers, which read back as the same double; NaN is null and the
// infinities are "inf" and "-inf".
nlohmann::json part_json(const Part& part);
// Throws InputError (file `file`) when `document` is not a well-formed part.
Part part_from_json(const nlohmann::json& document, const std::string& file);

// Throws InputError naming `file` when it cannot be read or is not a part.
Part read_part(const std::string& file);

// Checks that `parts` (read from `files`, in the same order) are shards 0..N-1 of one run, each
// exactly once, each holding its slice of replications; returns them in shard order. Throws
// InputError naming every foreign, repeated or missing part.
std::vector<Part> order_parts(std::vector<Part> parts, const std::vector<std::string>& files);

// Hands every replication of the ordered parts to `fold`, in replication order.
void fold_parts(const std::vector<Part>& ordered,
                const std::function<void(const ReplicationOutcome&)>& fold);

// ---- sweeps -------------------------------------------------------------------------------------
//
// Shard k of N of a sweep runs the points whose number is k modulo N (neighbouring points often
// differ in cost, so this spreads the work evenly) and keeps each point's text for both output
// formats: merge then writes either, and a point's text is exactly what a single sweep appends.

struct SweepPointText {
  std::uint64_t point = 0;
  std::string csv;    // its rows of a CSV output
  std::string jsonl;  // its line of a JSONL output
};

struct SweepPart {
  std::string definition;    // the sweep's definition (JSON text): every part of one sweep has it
  std::uint64_t points = 0;  // of the whole sweep
  std::uint64_t shards = 1;
  std::uint64_t shard = 0;
  std::string csv_header;               // the head of a CSV output of the whole sweep
  std::string jsonl_header;             // the head of a JSONL output
  std::vector<SweepPointText> results;  // the shard's points, in point order
};

// Whether a part file's document is a sweep's part (else it is a run's).
bool is_sweep_part(const nlohmann::json& document);
// {"ccsim_sweep_part": {"definition", "points", "shards", "shard", "csv_header", "jsonl_header"},
//  "points": [{"point", "csv", "jsonl"}]}.
nlohmann::json sweep_part_json(const SweepPart& part);
// Throws InputError (file `file`) when `document` is not a well-formed sweep part.
SweepPart sweep_part_from_json(const nlohmann::json& document, const std::string& file);
// The document of a part file (of a run or a sweep); throws InputError when it is not JSON.
nlohmann::json read_part_document(const std::string& file);

// As order_parts, for the parts of a sweep: each must hold exactly its points.
std::vector<SweepPart> order_sweep_parts(std::vector<SweepPart> parts,
                                         const std::vector<std::string>& files);

// The output one sweep writes: the header, then every point's text in point order.
void write_sweep_output(std::ostream& out, const std::vector<SweepPart>& ordered, bool csv);

}  // namespace ccsim
