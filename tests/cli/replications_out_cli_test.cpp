// `ccsim run --replications-out FILE.csv`: every replication's values, tidy, one row per
// replication x cell, which average to the summary's means.
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/command_line.h"

namespace {

using ccsim::testing::CommandResult;
using ccsim::testing::read_file;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class ReplicationsOut : public ccsim::testing::CommandLineTest {};

TEST_F(ReplicationsOut, HasARowPerReplicationAndCell) {
  const CommandResult r = ccsim("run scenarios/retail-day.json -r 4 -q --csv " + file("s.csv").string() +
                                " --replications-out " + file("r.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto summary = lines_of(read_file(file("s.csv")));
  const auto rows = lines_of(read_file(file("r.csv")));
  EXPECT_EQ(rows.front(), "replication,scope,id,interval,start,kpi,value");
  EXPECT_EQ(rows.size() - 1, 4 * (summary.size() - 1));
  EXPECT_EQ(rows[1], "0,overall,,all,,offered,5356");
  EXPECT_EQ(rows.back().substr(0, 2), "3,");
}

TEST_F(ReplicationsOut, AveragesToTheSummarysMean) {
  const CommandResult r = ccsim("run scenarios/retail-day.json -r 5 -q --json " + file("s.json").string() +
                                " --replications-out " + file("r.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  double sum = 0;
  int n = 0;
  for (const std::string& row : lines_of(read_file(file("r.csv"))))
    if (row.find(",overall,,all,,service_level,") != std::string::npos) {
      sum += std::stod(row.substr(row.rfind(',') + 1));
      ++n;
    }
  ASSERT_EQ(n, 5);
  const auto summary = nlohmann::json::parse(read_file(file("s.json")));
  EXPECT_NEAR(sum / n, summary["overall"]["service_level"]["mean"].get<double>(), 1e-12);
}

TEST_F(ReplicationsOut, NamesTheVariantOfEachRowWithWhatIfs) {
  const CommandResult r = ccsim("run scenarios/retail-day.json -r 2 -q --what-if volume+20% "
                                "--replications-out " + file("r.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = lines_of(read_file(file("r.csv")));
  EXPECT_EQ(rows.front(), "replication,variant,scope,id,interval,start,kpi,value");
  EXPECT_EQ(rows[1].substr(0, 11), "0,baseline,");
  EXPECT_NE(read_file(file("r.csv")).find("\n1,volume+20%,overall,,all,,offered,"), std::string::npos);
}

TEST_F(ReplicationsOut, FollowsTheDetailAsked) {
  const CommandResult r = ccsim("run scenarios/retail-day.json -r 2 -q --detail total "
                                "--replications-out " + file("r.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& row : lines_of(read_file(file("r.csv"))))
    if (row.front() != 'r') {
      EXPECT_NE(row.find(",all,,"), std::string::npos) << row;
    }
}

TEST_F(ReplicationsOut, IsNotAShardsOutput) {
  const CommandResult r = ccsim("run scenarios/retail-day.json --shard 1/2 --out-part " +
                                file("p.json").string() + " --replications-out " + file("r.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(file("r.csv")));
}

}  // namespace
