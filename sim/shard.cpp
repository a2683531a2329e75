#include "ccsim/shard.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include <fmt/core.h>

#include "ccsim/detail/scenario_limits.h"
#include "ccsim/detail/text_file.h"
#include "ccsim/diagnostics.h"
#include "ccsim/json_text.h"
#include "ccsim/output_file.h"

namespace ccsim {

namespace {

using json = nlohmann::json;

bool parse_whole(std::string_view text, std::uint64_t& value) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

json number_json(double value) {
  if (std::isnan(value)) return nullptr;
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return value;
}

// What a part file says about one run; a problem found in it.
class PartReader {
 public:
  explicit PartReader(const std::string& file) : file_(file) {}

  [[noreturn]] void fail(const std::string& where, const std::string& message) const {
    throw InputError({{file_, where, message}});
  }

  const json& at(const json& object, const char* key, const std::string& where) const {
    if (!object.is_object() || !object.contains(key))
      fail(where, fmt::format("missing key \"{}\"", key));
    return object.at(key);
  }

  std::uint64_t whole(const json& value, const std::string& where) const {
    if (!value.is_number_unsigned()) fail(where, "must be a whole number >= 0");
    return value.get<std::uint64_t>();
  }

  std::string text(const json& value, const std::string& where) const {
    if (!value.is_string()) fail(where, "must be a string");
    return value.get<std::string>();
  }

  double number(const json& value, const std::string& where) const {
    if (value.is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (value == "inf") return std::numeric_limits<double>::infinity();
    if (value == "-inf") return -std::numeric_limits<double>::infinity();
    if (!value.is_number()) fail(where, "must be a number, null, \"inf\" or \"-inf\"");
    return value.get<double>();
  }

 private:
  const std::string& file_;
};

std::string shard_text(std::uint64_t shard, std::uint64_t shards) {
  return fmt::format("shard {}/{}", shard, shards);
}

}  // namespace

Shard parse_shard(std::string_view text) {
  const auto refuse = [text](const std::string& why) -> Shard {
    throw InputError({{"--shard", "", fmt::format("\"{}\": {}", text, why)}});
  };
  const std::size_t slash = text.find('/');
  Shard shard;
  if (slash == std::string_view::npos || !parse_whole(text.substr(0, slash), shard.index) ||
      !parse_whole(text.substr(slash + 1), shard.count))
    return refuse("must be k/N, two whole numbers with 0 <= k < N, e.g. 0/4");
  if (shard.count == 0) return refuse("N must be at least 1");
  if (shard.index >= shard.count)
    return refuse(fmt::format("k must be below N (shards are numbered 0 to {})", shard.count - 1));
  return shard;
}

ReplicationSlice shard_replications(std::uint64_t replications, const Shard& shard) {
  // 128-bit products: k * R must not overflow for any R a run may have.
  const auto bound = [&](std::uint64_t k) {
    return static_cast<std::uint64_t>(static_cast<unsigned __int128>(k) * replications /
                                      shard.count);
  };
  const std::uint64_t first = bound(shard.index);
  return {first, bound(shard.index + 1) - first};
}

std::string content_hash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char ch : text) {
    hash ^= ch;
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", hash);
}

json part_json(const Part& part) {
  const ReplicationSlice slice =
      shard_replications(part.identity.replications, {part.shard, part.identity.shards});
  json head = {{"ccsim", CCSIM_VERSION},
               {"scenario", part.identity.scenario},
               {"scenario_hash", part.identity.scenario_hash},
               {"seed", part.identity.seed},
               {"replications", part.identity.replications},
               {"shards", part.identity.shards},
               {"shard", part.shard},
               {"first", slice.first},
               {"count", slice.count}};
  json outcomes = json::array();
  for (const ReplicationOutcome& outcome : part.outcomes) {
    json values = json::array();
    for (const auto& model_values : outcome.values) {
      json row = json::array();
      for (double v : model_values) row.push_back(number_json(v));
      values.push_back(std::move(row));
    }
    json totals = json::array();
    for (const RunTotals& t : outcome.totals) totals.push_back({t.events, t.arrivals});
    outcomes.push_back({{"replication", outcome.replication},
                        {"values", std::move(values)},
                        {"totals", std::move(totals)}});
  }
  return {{"ccsim_part", std::move(head)}, {"outcomes", std::move(outcomes)}};
}

Part part_from_json(const json& document, const std::string& file) {
  const PartReader read(file);
  if (is_sweep_part(document)) read.fail("", "a part of a sweep, not of a run");
  if (!document.is_object() || !document.contains("ccsim_part"))
    read.fail("", "not a part file of `ccsim run --shard`");
  const json& head = document.at("ccsim_part");
  const std::string h = "/ccsim_part";
  Part part;
  part.identity.scenario = read.text(read.at(head, "scenario", h), h + "/scenario");
  part.identity.scenario_hash = read.text(read.at(head, "scenario_hash", h), h + "/scenario_hash");
  part.identity.seed = read.whole(read.at(head, "seed", h), h + "/seed");
  part.identity.replications = read.whole(read.at(head, "replications", h), h + "/replications");
  part.identity.shards = read.whole(read.at(head, "shards", h), h + "/shards");
  part.shard = read.whole(read.at(head, "shard", h), h + "/shard");
  if (part.identity.shards == 0 || part.shard >= part.identity.shards)
    read.fail(h + "/shard",
              fmt::format("shard {} of {} does not exist", part.shard, part.identity.shards));

  const json& outcomes = read.at(document, "outcomes", "");
  if (!outcomes.is_array()) read.fail("/outcomes", "must be an array");
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const std::string o = fmt::format("/outcomes/{}", i);
    ReplicationOutcome outcome;
    outcome.replication = read.whole(read.at(outcomes[i], "replication", o), o + "/replication");
    const json& values = read.at(outcomes[i], "values", o);
    const json& totals = read.at(outcomes[i], "totals", o);
    if (!values.is_array() || !totals.is_array() || values.size() != totals.size())
      read.fail(o, "values and totals must be arrays with one entry per model");
    for (std::size_t m = 0; m < values.size(); ++m) {
      const std::string v = fmt::format("{}/values/{}", o, m);
      if (!values[m].is_array()) read.fail(v, "must be an array");
      std::vector<double> row;
      row.reserve(values[m].size());
      for (std::size_t k = 0; k < values[m].size(); ++k)
        row.push_back(read.number(values[m][k], fmt::format("{}/{}", v, k)));
      outcome.values.push_back(std::move(row));
      const std::string t = fmt::format("{}/totals/{}", o, m);
      if (!totals[m].is_array() || totals[m].size() != 2)
        read.fail(t, "must be [events, arrivals]");
      outcome.totals.push_back(
          {read.whole(totals[m][0], t + "/0"), read.whole(totals[m][1], t + "/1")});
    }
    part.outcomes.push_back(std::move(outcome));
  }
  return part;
}

json read_part_document(const std::string& file) {
  // Read and parsed as every input is (text_file.h, json_text.h): no pipes, no unbounded sizes,
  // no nesting that would overflow the stack later.
  const detail::TextFile read = detail::read_text_file(file, detail::limits::part_file_bytes);
  if (!read.error.empty()) throw InputError({{file, "", "cannot read file: " + read.error}});
  try {
    return parse_json_text(read.text, file, detail::limits::part_file_bytes);
  } catch (const InputError& e) {
    std::vector<Diagnostic> problems = e.diagnostics();
    for (Diagnostic& d : problems) d.message = "not a part file: " + d.message;
    throw InputError(std::move(problems));
  }
}

Part read_part(const std::string& file) { return part_from_json(read_part_document(file), file); }

std::vector<Part> order_parts(std::vector<Part> parts, const std::vector<std::string>& files) {
  if (parts.empty()) throw InputError({{"merge", "", "no part files given"}});
  std::vector<Diagnostic> problems;
  const PartIdentity& run = parts[0].identity;
  std::map<std::uint64_t, std::size_t> by_shard;  // shard -> position in `parts`
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Part& part = parts[i];
    const PartIdentity& id = part.identity;
    if (!(id == run)) {
      std::string how;
      if (id.scenario_hash != run.scenario_hash || id.scenario != run.scenario)
        how = fmt::format("scenario {} ({}) against {} ({})", id.scenario, id.scenario_hash,
                          run.scenario, run.scenario_hash);
      else
        how = fmt::format(
            "seed {}, {} replications in {} shards against seed {}, {} replications "
            "in {} shards",
            id.seed, id.replications, id.shards, run.seed, run.replications, run.shards);
      problems.push_back(
          {files[i], "", fmt::format("belongs to another run than {}: {}", files[0], how)});
      continue;
    }
    const auto [seen, inserted] = by_shard.emplace(part.shard, i);
    if (!inserted) {
      problems.push_back({files[i], "",
                          fmt::format("{} again (also in {})", shard_text(part.shard, id.shards),
                                      files[seen->second])});
      continue;
    }
    const ReplicationSlice slice = shard_replications(id.replications, {part.shard, id.shards});
    bool whole = part.outcomes.size() == slice.count;
    for (std::size_t r = 0; whole && r < part.outcomes.size(); ++r)
      whole = part.outcomes[r].replication == slice.first + r;
    if (!whole)
      problems.push_back(
          {files[i], "",
           fmt::format("{} should hold {} replications from replication {}: it is incomplete",
                       shard_text(part.shard, id.shards), slice.count, slice.first)});
  }
  for (std::uint64_t k = 0; k < run.shards; ++k)
    if (by_shard.count(k) == 0)
      problems.push_back({"merge", "", fmt::format("{} is missing", shard_text(k, run.shards))});
  if (!problems.empty()) throw InputError(std::move(problems));

  std::vector<Part> ordered;
  for (const auto& [shard, i] : by_shard) ordered.push_back(std::move(parts[i]));
  return ordered;
}

void fold_parts(const std::vector<Part>& ordered,
                const std::function<void(const ReplicationOutcome&)>& fold) {
  for (const Part& part : ordered)
    for (const ReplicationOutcome& outcome : part.outcomes) fold(outcome);
}

// ---- sweeps -------------------------------------------------------------------------------------

bool is_sweep_part(const json& document) {
  return document.is_object() && document.contains("ccsim_sweep_part");
}

json sweep_part_json(const SweepPart& part) {
  json points = json::array();
  for (const SweepPointText& p : part.results)
    points.push_back({{"point", p.point}, {"csv", p.csv}, {"jsonl", p.jsonl}});
  return {{"ccsim_sweep_part",
           {{"ccsim", CCSIM_VERSION},
            {"definition", part.definition},
            {"points", part.points},
            {"shards", part.shards},
            {"shard", part.shard},
            {"csv_header", part.csv_header},
            {"jsonl_header", part.jsonl_header}}},
          {"points", std::move(points)}};
}

SweepPart sweep_part_from_json(const json& document, const std::string& file) {
  const PartReader read(file);
  if (document.is_object() && document.contains("ccsim_part"))
    read.fail("", "a part of a run, not of a sweep");
  if (!is_sweep_part(document)) read.fail("", "not a part file of `ccsim sweep --shard`");
  const json& head = document.at("ccsim_sweep_part");
  const std::string h = "/ccsim_sweep_part";
  SweepPart part;
  part.definition = read.text(read.at(head, "definition", h), h + "/definition");
  part.points = read.whole(read.at(head, "points", h), h + "/points");
  part.shards = read.whole(read.at(head, "shards", h), h + "/shards");
  part.shard = read.whole(read.at(head, "shard", h), h + "/shard");
  part.csv_header = read.text(read.at(head, "csv_header", h), h + "/csv_header");
  part.jsonl_header = read.text(read.at(head, "jsonl_header", h), h + "/jsonl_header");
  if (part.shards == 0 || part.shard >= part.shards)
    read.fail(h + "/shard", fmt::format("shard {} of {} does not exist", part.shard, part.shards));
  const json& points = read.at(document, "points", "");
  if (!points.is_array()) read.fail("/points", "must be an array");
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::string p = fmt::format("/points/{}", i);
    part.results.push_back({read.whole(read.at(points[i], "point", p), p + "/point"),
                            read.text(read.at(points[i], "csv", p), p + "/csv"),
                            read.text(read.at(points[i], "jsonl", p), p + "/jsonl")});
  }
  return part;
}

std::vector<SweepPart> order_sweep_parts(std::vector<SweepPart> parts,
                                         const std::vector<std::string>& files) {
  if (parts.empty()) throw InputError({{"merge", "", "no part files given"}});
  std::vector<Diagnostic> problems;
  const SweepPart& first = parts[0];
  std::map<std::uint64_t, std::size_t> by_shard;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const SweepPart& part = parts[i];
    if (part.definition != first.definition || part.shards != first.shards ||
        part.points != first.points || part.csv_header != first.csv_header ||
        part.jsonl_header != first.jsonl_header) {
      problems.push_back(
          {files[i], "",
           fmt::format("belongs to another sweep than {} (or another "
                       "number of shards): {} in {} shards against {} in {}",
                       files[0], part.definition, part.shards, first.definition, first.shards)});
      continue;
    }
    const auto [seen, inserted] = by_shard.emplace(part.shard, i);
    if (!inserted) {
      problems.push_back({files[i], "",
                          fmt::format("{} again (also in {})", shard_text(part.shard, part.shards),
                                      files[seen->second])});
      continue;
    }
    // Points shard, shard + N, shard + 2N, ... below the sweep's count.
    const std::uint64_t expected =
        part.points > part.shard ? (part.points - part.shard + part.shards - 1) / part.shards : 0;
    bool whole = part.results.size() == expected;
    for (std::size_t r = 0; whole && r < part.results.size(); ++r)
      whole = part.results[r].point == part.shard + r * part.shards;
    if (!whole)
      problems.push_back({files[i], "",
                          fmt::format("{} should hold {} points: it is incomplete",
                                      shard_text(part.shard, part.shards), expected)});
  }
  for (std::uint64_t k = 0; k < first.shards; ++k)
    if (by_shard.count(k) == 0)
      problems.push_back({"merge", "", fmt::format("{} is missing", shard_text(k, first.shards))});
  if (!problems.empty()) throw InputError(std::move(problems));

  std::vector<SweepPart> ordered;
  for (const auto& [shard, i] : by_shard) ordered.push_back(std::move(parts[i]));
  return ordered;
}

void write_sweep_output(std::ostream& out, const std::vector<SweepPart>& ordered, bool csv) {
  const SweepPart& first = ordered.front();
  out << (csv ? first.csv_header : first.jsonl_header);
  for (std::uint64_t p = 0; p < first.points; ++p) {
    const SweepPointText& text = ordered[p % first.shards].results[p / first.shards];
    out << (csv ? text.csv : text.jsonl);
  }
}

}  // namespace ccsim
