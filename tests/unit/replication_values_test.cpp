// Every replication's values as kept for --replications-out: a row per replication and cell, in
// replication order, which average to the summary's means.
#include "ccsim/replication_values.h"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/what_if_study.h"
#include "ccsim/writers.h"
#include "testing/input_errors.h"
#include "testing/models.h"

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct KeptRun {
  ccsim::Model model;
  ccsim::Summary summary;
  std::string csv;
  std::string summary_csv;
};

KeptRun kept_run(int replications) {
  const ccsim::Model model = ccsim::testing::three_types_three_groups();
  ccsim::ReplicationValues kept(model, {});
  ccsim::RunOptions options;
  options.replications = replications;
  options.seed = 11;
  options.threads = 1;
  const ccsim::WhatIfStudy study = ccsim::run_what_if_study(
      model, {}, options, [&kept](const ccsim::ReplicationOutcome& o) { kept.add(o); });
  std::ostringstream out, summary;
  kept.write_csv(out, model);
  ccsim::write_csv(summary, model, study.baseline);
  return {model, study.baseline, out.str(), summary.str()};
}

TEST(ReplicationValues, WritesARowPerReplicationAndCell) {
  const KeptRun run = kept_run(3);
  EXPECT_EQ(lines_of(run.csv).size() - 1, 3 * (lines_of(run.summary_csv).size() - 1));
}

TEST(ReplicationValues, KeepsTheReplicationsInOrder) {
  const std::vector<std::string> rows = lines_of(kept_run(3).csv);
  EXPECT_EQ(rows[1].substr(0, 2), "0,");
  EXPECT_EQ(rows.back().substr(0, 2), "2,");
}

TEST(ReplicationValues, AverageToTheSummarysMeans) {
  const KeptRun run = kept_run(4);
  double sum = 0;
  for (const std::string& row : lines_of(run.csv))
    if (row.find(",overall,,all,,handled,") != std::string::npos)
      sum += std::stod(row.substr(row.rfind(',') + 1));
  EXPECT_NEAR(sum / 4, run.summary.get(0, 0, ccsim::Kpi::handled).mean, 1e-9);
}

TEST(ReplicationValues, EstimateTheirMemory) {
  const ccsim::Model model = ccsim::testing::three_types_three_groups();
  EXPECT_EQ(ccsim::ReplicationValues::bytes_for(model, 2, 10),
            10 * 3 * ccsim::KpiLayout(model).size() * sizeof(double));
}

TEST(ReplicationValues, AreRefusedBeyondHalfTheMemoryLimit) {
  ccsim::Model model = ccsim::testing::three_types_three_groups();
  model.run.memory_limit_bytes = 1u << 20;
  const std::string message = ccsim::testing::error_of(
      [&] { ccsim::ReplicationValues::check_memory(model, 0, 1000, "--replications-out"); });
  EXPECT_EQ(message.rfind("--replications-out: 1000 replications' values need about ", 0), 0u)
      << message;
  EXPECT_NO_THROW(ccsim::ReplicationValues::check_memory(model, 0, 1, "--replications-out"));
}

}  // namespace
