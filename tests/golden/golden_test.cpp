// Every example scenario still gives its stored result: each scenarios/*.json (the schema aside) is
// run again with the replications and seed results/golden/X.json records, and compared with it
// as `ccsim compare X.json --against results/golden/X.json` compares (golden.h). On the same
// platform and Boost the figures are identical; elsewhere they must agree within statistical
// tolerance. results/README.md says how to refresh the stored results after an intended change.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ccsim/golden.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "ccsim/writers.h"

namespace ccsim {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> example_scenarios() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(CCSIM_SOURCE_DIR) / "scenarios")) {
    const fs::path& path = entry.path();
    if (path.extension() == ".json" && path.filename() != "ccsim.schema.json")
      names.push_back(path.stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// "type/billing/asa_s: stored 12.5, new 19.25, tolerance 3.1", one line per figure beyond it.
std::string beyond_text(const GoldenComparison& comparison) {
  std::string text;
  for (const GoldenFigure& f : comparison.figures)
    if (!f.within)
      text += fmt::format("{}: stored {}, new {}, tolerance {}\n", f.name, f.stored, f.fresh,
                          f.tolerance);
  return text;
}

class GoldenResult : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenResult, FreshRunAgreesWithTheStoredResult) {
  const std::string name = GetParam();
  const fs::path scenario = fs::path(CCSIM_SOURCE_DIR) / "scenarios" / (name + ".json");
  const fs::path golden = fs::path(CCSIM_SOURCE_DIR) / "results" / "golden" / (name + ".json");
  ASSERT_TRUE(fs::exists(golden))
      << golden << " is missing: every example scenario needs one (results/README.md says how to make it)";
  const Model model = load_scenario(scenario);
  const nlohmann::json stored = parse_json_text(slurp(golden), golden.string(), 64u << 20);
  const StoredRun recorded = stored_run(stored, golden.string(), model.name, scenario.string());

  RunOptions options;
  options.replications = static_cast<int>(recorded.replications);
  options.seed = recorded.seed;
  const RunResult run = run_replications(model, options);
  const nlohmann::json fresh =
      summary_json(model, run.summary, {options.replications, options.seed});

  const GoldenComparison comparison =
      compare_with_golden(stored, fresh, recorded.replications, golden.string());
  EXPECT_FALSE(comparison.figures.empty());
  EXPECT_TRUE(comparison.passed()) << beyond_text(comparison);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(name.begin(), name.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(ExampleScenarios, GoldenResult, ::testing::ValuesIn(example_scenarios()), test_name);

}  // namespace
}  // namespace ccsim
