// Shards: parsing k/N, the slices of replications, part files that read back the same bits, and
// the checks and fold that join the parts of one run.
#include "ccsim/shard.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/input_errors.h"
#include <nlohmann/json.hpp>

#include "ccsim/diagnostics.h"

namespace ccsim {
namespace {

using testing::error_of;

TEST(Shard, ParsesKOfN) {
  const Shard shard = parse_shard("2/3");
  EXPECT_EQ(shard.index, 2u);
  EXPECT_EQ(shard.count, 3u);
  EXPECT_EQ(parse_shard("0/1").count, 1u);
}

TEST(Shard, RefusesWhatIsNotKOfN) {
  for (const char* text :
       {"3/2", "2/2", "0/0", "x/y", "1", "", "/2", "1/", "-1/2", "1/2/3", "1 /2", "+1/2"})
    EXPECT_NE(error_of([&] { parse_shard(text); }).find("--shard"), std::string::npos) << text;
  EXPECT_NE(error_of([] { parse_shard("3/2"); }).find("0 to 1"), std::string::npos);
}

TEST(Shard, SlicesCoverEveryReplicationOnceInOrder) {
  for (std::uint64_t replications : {0, 1, 5, 16, 37, 100})
    for (std::uint64_t shards : {1, 2, 3, 7, 40}) {
      std::uint64_t next = 0;
      for (std::uint64_t k = 0; k < shards; ++k) {
        const ReplicationSlice slice = shard_replications(replications, {k, shards});
        EXPECT_EQ(slice.first, next) << replications << " in " << shards;
        next += slice.count;
      }
      EXPECT_EQ(next, replications) << replications << " in " << shards;
    }
  EXPECT_EQ(shard_replications(10, {1, 3}).first, 3u);
  EXPECT_EQ(shard_replications(10, {1, 3}).count, 3u);
}

Part part_of(std::uint64_t shard, std::uint64_t shards, std::uint64_t replications) {
  Part part;
  part.identity = {"/scenarios/a.json", "0123456789abcdef", 7, replications, shards};
  part.shard = shard;
  const ReplicationSlice slice = shard_replications(replications, {shard, shards});
  for (std::uint64_t r = slice.first; r < slice.first + slice.count; ++r)
    part.outcomes.push_back({r, {{static_cast<double>(r), 0.5}}, {{10 * r, r}}});
  return part;
}

bool same_bits(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(Shard, APartReadsBackTheSameBits) {
  Part part = part_of(1, 2, 4);
  const std::vector<double> awkward = {0.1,
                                       1.0 / 3.0,
                                       -0.0,
                                       5.0,
                                       1e-310,
                                       std::numeric_limits<double>::max(),
                                       std::numeric_limits<double>::quiet_NaN(),
                                       std::numeric_limits<double>::infinity(),
                                       -std::numeric_limits<double>::infinity(),
                                       0.30000000000000004};
  part.outcomes[0].values = {awkward, {2.5}};
  part.outcomes[0].totals = {{UINT64_MAX, 3}, {4, 5}};
  part.outcomes[1].values = {awkward, {}};
  part.outcomes[1].totals = {{1, 2}, {0, 0}};
  const std::string text = part_json(part).dump();
  const Part back = part_from_json(nlohmann::json::parse(text), "p.json");
  EXPECT_EQ(back.identity, part.identity);
  EXPECT_EQ(back.shard, 1u);
  ASSERT_EQ(back.outcomes.size(), 2u);
  for (std::size_t r = 0; r < 2; ++r) {
    EXPECT_EQ(back.outcomes[r].replication, part.outcomes[r].replication);
    ASSERT_EQ(back.outcomes[r].values.size(), 2u);
    for (std::size_t m = 0; m < 2; ++m) {
      ASSERT_EQ(back.outcomes[r].values[m].size(), part.outcomes[r].values[m].size());
      for (std::size_t k = 0; k < part.outcomes[r].values[m].size(); ++k)
        EXPECT_TRUE(same_bits(back.outcomes[r].values[m][k], part.outcomes[r].values[m][k]))
            << r << " " << m << " " << k;
      EXPECT_EQ(back.outcomes[r].totals[m].events, part.outcomes[r].totals[m].events);
      EXPECT_EQ(back.outcomes[r].totals[m].arrivals, part.outcomes[r].totals[m].arrivals);
    }
  }
}

TEST(Shard, RefusesWhatIsNotAPart) {
  EXPECT_NE(error_of([] {
              part_from_json(nlohmann::json::parse(R"({"scenario": "x"})"), "p.json");
            }).find("not a part file"),
            std::string::npos);
  nlohmann::json broken = part_json(part_of(0, 1, 2));
  broken["outcomes"][1]["values"][0][0] = "many";
  EXPECT_NE(error_of([&] { part_from_json(broken, "p.json"); }).find("/outcomes/1/values/0/0"),
            std::string::npos);
}

TEST(Shard, PartsInAnyOrderFoldInReplicationOrder) {
  std::vector<Part> parts = {part_of(2, 3, 10), part_of(0, 3, 10), part_of(1, 3, 10)};
  const std::vector<Part> ordered = order_parts(parts, {"c", "a", "b"});
  std::vector<std::uint64_t> seen;
  fold_parts(ordered, [&seen](const ReplicationOutcome& o) { seen.push_back(o.replication); });
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(Shard, NamesMissingRepeatedForeignAndIncompleteParts) {
  EXPECT_NE(error_of([] {
              order_parts({part_of(0, 3, 10), part_of(2, 3, 10)}, {"a", "c"});
            }).find("shard 1/3 is missing"),
            std::string::npos);
  const std::string repeated = error_of([] {
    order_parts({part_of(0, 2, 10), part_of(1, 2, 10), part_of(1, 2, 10)}, {"a", "b", "b2"});
  });
  EXPECT_NE(repeated.find("b2: shard 1/2 again (also in b)"), std::string::npos) << repeated;
  Part foreign = part_of(1, 2, 10);
  foreign.identity.scenario_hash = "fedcba9876543210";
  EXPECT_NE(error_of([&] {
              order_parts({part_of(0, 2, 10), foreign}, {"a", "x"});
            }).find("x: belongs to another run"),
            std::string::npos);
  Part other_seed = part_of(1, 2, 10);
  other_seed.identity.seed = 8;
  EXPECT_NE(error_of([&] {
              order_parts({part_of(0, 2, 10), other_seed}, {"a", "s"});
            }).find("seed 8"),
            std::string::npos);
  Part cut = part_of(1, 2, 10);
  cut.outcomes.pop_back();
  EXPECT_NE(error_of([&] {
              order_parts({part_of(0, 2, 10), cut}, {"a", "b"});
            }).find("incomplete"),
            std::string::npos);
  EXPECT_EQ(error_of([] { order_parts({part_of(0, 2, 10), part_of(1, 2, 10)}, {"a", "b"}); }), "");
}

SweepPart sweep_part_of(std::uint64_t shard, std::uint64_t shards, std::uint64_t points) {
  SweepPart part;
  part.definition = R"({"points":7})";
  part.points = points;
  part.shards = shards;
  part.shard = shard;
  part.csv_header = "# head\npoint,kpi\n";
  part.jsonl_header = "{\"ccsim_sweep\":{}}\n";
  for (std::uint64_t p = shard; p < points; p += shards)
    part.results.push_back({p, std::to_string(p) + ",a\n" + std::to_string(p) + ",b\n",
                            "{\"point\":" + std::to_string(p) + "}\n"});
  return part;
}

TEST(Shard, SweepPartsReadBackAndWriteThePointsInOrder) {
  std::vector<SweepPart> parts;
  for (std::uint64_t k : {2, 0, 1})
    parts.push_back(sweep_part_from_json(
        nlohmann::json::parse(sweep_part_json(sweep_part_of(k, 3, 7)).dump()), "p"));
  const std::vector<SweepPart> ordered = order_sweep_parts(parts, {"c", "a", "b"});
  std::ostringstream csv, jsonl;
  write_sweep_output(csv, ordered, true);
  write_sweep_output(jsonl, ordered, false);
  EXPECT_EQ(
      csv.str(),
      "# head\npoint,kpi\n0,a\n0,b\n1,a\n1,b\n2,a\n2,b\n3,a\n3,b\n4,a\n4,b\n5,a\n5,b\n6,a\n6,b\n");
  EXPECT_EQ(jsonl.str().rfind("{\"ccsim_sweep\":{}}\n{\"point\":0}\n{\"point\":1}\n", 0), 0u);
  EXPECT_TRUE(is_sweep_part(sweep_part_json(parts[0])));
  EXPECT_FALSE(is_sweep_part(part_json(part_of(0, 1, 1))));
}

TEST(Shard, NamesMissingRepeatedAndIncompleteSweepParts) {
  EXPECT_NE(error_of([] {
              order_sweep_parts({sweep_part_of(0, 3, 7), sweep_part_of(1, 3, 7)}, {"a", "b"});
            }).find("shard 2/3 is missing"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              order_sweep_parts(
                  {sweep_part_of(0, 2, 7), sweep_part_of(0, 2, 7), sweep_part_of(1, 2, 7)},
                  {"a", "a2", "b"});
            }).find("a2: shard 0/2 again"),
            std::string::npos);
  SweepPart cut = sweep_part_of(1, 2, 7);
  cut.results.pop_back();
  EXPECT_NE(error_of([&] {
              order_sweep_parts({sweep_part_of(0, 2, 7), cut}, {"a", "b"});
            }).find("incomplete"),
            std::string::npos);
  SweepPart other = sweep_part_of(1, 2, 7);
  other.definition = R"({"points":8})";
  EXPECT_NE(error_of([&] {
              order_sweep_parts({sweep_part_of(0, 2, 7), other}, {"a", "b"});
            }).find("b: belongs to another sweep"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              sweep_part_from_json(part_json(part_of(0, 1, 1)), "p");
            }).find("a part of a run"),
            std::string::npos);
}

TEST(Shard, ContentHashIsFnv1a) {
  EXPECT_EQ(content_hash(""), "cbf29ce484222325");
  EXPECT_EQ(content_hash("a"), "af63dc4c8601ec8c");
}

}  // namespace
}  // namespace ccsim
