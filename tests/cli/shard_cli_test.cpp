// `ccsim run --shard k/N`, `ccsim sweep --shard k/N` and `ccsim merge`: the parts of a job array,
// merged, give the very files and table of one run or sweep; parts that do not make one run, and
// shards that do not exist, exit 2.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "testing/command_line.h"

namespace {

namespace fs = std::filesystem;
using ccsim::testing::read_file;

class ShardCli : public ccsim::testing::CommandLineTest {
 protected:
  // Runs shard k/N of `run` (a scenario and its options) into part<k>.json.
  void run_shard(const std::string& run, int k, int n) {
    const ccsim::testing::CommandResult r =
        ccsim("run " + run + " --shard " + std::to_string(k) + "/" + std::to_string(n) +
              " --out-part " + part(k));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string part(int k) const { return file("part" + std::to_string(k) + ".json").string(); }
};

TEST_F(ShardCli, ThreeShardsMergedAreTheWholeRunByteForByte) {
  const std::string run = "scenarios/retail-day.json -r 23";
  const ccsim::testing::CommandResult whole =
      ccsim("run " + run + " --json " + file("whole.json").string() + " --csv " +
            file("whole.csv").string());
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  for (int k = 0; k < 3; ++k) run_shard(run, k, 3);
  // In any order.
  const ccsim::testing::CommandResult merged =
      ccsim("merge " + part(2) + " " + part(0) + " " + part(1) + " --json " +
            file("merged.json").string() + " --csv " + file("merged.csv").string());
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_TRUE(read_file(file("whole.json")) == read_file(file("merged.json")));
  EXPECT_TRUE(read_file(file("whole.csv")) == read_file(file("merged.csv")));
  EXPECT_EQ(whole.out, merged.out);
}

// More shards than replications: some parts are empty, and still needed.
TEST_F(ShardCli, EmptyShardsStillMergeIntoTheWholeRun) {
  const std::string run = "scenarios/erlang-a.json -r 2 -s 5";
  ASSERT_EQ(ccsim("run " + run + " -q --json " + file("whole.json").string()).exit_code, 0);
  for (int k = 0; k < 3; ++k) run_shard(run, k, 3);
  const ccsim::testing::CommandResult merged =
      ccsim("merge " + part(0) + " " + part(1) + " " + part(2) + " -q --json " +
            file("merged.json").string());
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_TRUE(read_file(file("whole.json")) == read_file(file("merged.json")));
}

TEST_F(ShardCli, MissingRepeatedAndForeignPartsExit2NamingThem) {
  const std::string run = "scenarios/erlang-a.json -r 5";
  for (int k = 0; k < 3; ++k) run_shard(run, k, 3);
  const std::string out = " --json " + file("merged.json").string();

  ccsim::testing::CommandResult r = ccsim("merge " + part(0) + " " + part(2) + out);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("shard 1/3 is missing"), std::string::npos) << r.err;

  r = ccsim("merge " + part(0) + " " + part(1) + " " + part(1) + " " + part(2) + out);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(part(1) + ": shard 1/3 again"), std::string::npos) << r.err;

  // Shard 1 of the same scenario with another seed belongs to another run.
  const std::string foreign = file("foreign.json").string();
  ASSERT_EQ(ccsim("run " + run + " -s 99 --shard 1/3 --out-part " + foreign).exit_code, 0);
  r = ccsim("merge " + part(0) + " " + foreign + " " + part(2) + out);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(foreign + ": belongs to another run"), std::string::npos) << r.err;

  // A part of another split of the replications, and a file that is no part at all.
  const std::string halves = file("half.json").string();
  ASSERT_EQ(ccsim("run " + run + " --shard 1/2 --out-part " + halves).exit_code, 0);
  EXPECT_EQ(ccsim("merge " + part(0) + " " + part(1) + " " + halves + out).exit_code, 2);
  std::ofstream(file("junk.json")) << "{\"not\": \"a part\"}\n";
  r = ccsim("merge " + file("junk.json").string() + out);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a part file"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(file("merged.json")));
}

TEST_F(ShardCli, AScenarioChangedSinceTheShardsRanIsRefused) {
  fs::copy_file(fs::path(CCSIM_SOURCE_DIR) / "scenarios/erlang-a.json", file("a.json"));
  const std::string run = file("a.json").string() + " -r 4";
  for (int k = 0; k < 2; ++k) run_shard(run, k, 2);
  std::string text = read_file(file("a.json"));
  const std::string seed_one = "\"seed\": 1";
  const std::size_t at = text.find(seed_one);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, seed_one.size(), "\"seed\": 2");
  std::ofstream(file("a.json"), std::ios::trunc) << text;
  const ccsim::testing::CommandResult r = ccsim("merge " + part(0) + " " + part(1));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("has changed since the parts were run"), std::string::npos) << r.err;
}

TEST_F(ShardCli, BadShardsExit2WithAClearMessage) {
  const std::string run = "run scenarios/erlang-a.json -r 4 --out-part " + part(0) + " --shard ";
  for (const char* shard : {"3/2", "0/0", "x/y", "1", "1/2/3"}) {
    const ccsim::testing::CommandResult r = ccsim(run + shard);
    EXPECT_EQ(r.exit_code, 2) << shard;
    EXPECT_EQ(r.err.rfind("--shard: \"" + std::string(shard) + "\": ", 0), 0u) << r.err;
  }
  EXPECT_NE(ccsim(run + "3/2").err.find("0 to 1"), std::string::npos);
  EXPECT_EQ(ccsim("run scenarios/erlang-a.json --shard 0/2").exit_code, 2);
  EXPECT_EQ(ccsim("run scenarios/erlang-a.json --out-part " + part(0)).exit_code, 2);
  EXPECT_EQ(ccsim(run + "0/2 --json " + file("x.json").string()).exit_code, 2);
  EXPECT_EQ(ccsim("run scenarios/retail-day.json --what-if all --shard 0/2 --out-part " + part(0))
                .exit_code,
            2);
  EXPECT_FALSE(fs::exists(part(0)));
}

const std::string staffing_by_patience =
    "sweep scenarios/erlang-a.json --set /agent_groups/agents/staffing=11:15:1 "
    "--set /contact_types/calls/patience/mean_s=120,300,600 -r 3";

TEST_F(ShardCli, SweepShardsMergedAreTheWholeSweepInCsvAndJsonl) {
  ASSERT_EQ(ccsim(staffing_by_patience + " --out " + file("whole.csv").string()).exit_code, 0);
  ASSERT_EQ(ccsim(staffing_by_patience + " --out " + file("whole.jsonl").string()).exit_code, 0);
  for (int k = 0; k < 4; ++k) {
    const ccsim::testing::CommandResult r =
        ccsim(staffing_by_patience + " --shard " + std::to_string(k) + "/4 --out-part " + part(k));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  const std::string parts = " " + part(3) + " " + part(1) + " " + part(0) + " " + part(2);
  ccsim::testing::CommandResult r =
      ccsim("merge" + parts + " --out " + file("merged.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(read_file(file("whole.csv")) == read_file(file("merged.csv")));
  r = ccsim("merge" + parts + " --out " + file("merged.jsonl").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(read_file(file("whole.jsonl")) == read_file(file("merged.jsonl")));

  r = ccsim("merge " + part(0) + " " + part(1) + " " + part(3) + " --out " +
            file("x.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("shard 2/4 is missing"), std::string::npos) << r.err;
  r = ccsim("merge" + parts + " " + part(1) + " --out " + file("x.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("shard 1/4 again"), std::string::npos) << r.err;
  // Another seed is another sweep.
  ASSERT_EQ(
      ccsim(staffing_by_patience + " -s 9 --shard 2/4 --out-part " + file("foreign.json").string())
          .exit_code,
      0);
  r = ccsim("merge " + part(0) + " " + part(1) + " " + file("foreign.json").string() + " " +
            part(3) + " --out " + file("x.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("belongs to another sweep"), std::string::npos) << r.err;
  EXPECT_EQ(ccsim("merge" + parts + " --json " + file("x.json").string()).exit_code, 2);
  EXPECT_FALSE(fs::exists(file("x.csv")));
  EXPECT_FALSE(fs::exists(file("x.json")));
}

TEST_F(ShardCli, ASweepShardRefusesAnOutputFileAndBadShards) {
  EXPECT_EQ(ccsim(staffing_by_patience + " --shard 0/2 --out-part " + part(0) + " --out " +
                  file("s.csv").string())
                .exit_code,
            2);
  EXPECT_EQ(
      ccsim(staffing_by_patience + " --shard 0/2 --out-part " + part(0) + " --resume").exit_code,
      2);
  EXPECT_EQ(ccsim(staffing_by_patience + " --shard 0/2").exit_code, 2);
  const ccsim::testing::CommandResult r =
      ccsim(staffing_by_patience + " --shard 2/2 --out-part " + part(0));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--shard: \"2/2\""), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(part(0)));
  EXPECT_FALSE(fs::exists(file("s.csv")));
}

}  // namespace
