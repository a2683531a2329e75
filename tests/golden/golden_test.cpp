// Every example scenario still gives its stored result: `ccsim compare scenarios/X.json --against
// results/golden/X.json` for each scenarios/*.json (the schema aside). On the same platform and
// Boost the figures are identical; elsewhere they must agree within statistical tolerance.
// results/README.md says how to refresh the stored results after an intended change.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

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

class GoldenResult : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenResult, FreshRunAgreesWithTheStoredResult) {
  const std::string name = GetParam();
  const std::string golden = "results/golden/" + name + ".json";
  ASSERT_TRUE(fs::exists(fs::path(CCSIM_SOURCE_DIR) / golden))
      << golden << " is missing: every example scenario needs one (results/README.md says how to make it)";
  const fs::path out = fs::temp_directory_path() / ("ccsim-golden-" + std::to_string(::getpid()) + "-" + name);
  const std::string command = std::string("cd '") + CCSIM_SOURCE_DIR + "' && '" + CCSIM_BINARY +
                              "' compare scenarios/" + name + ".json --against " + golden + " >'" +
                              out.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  const std::string output = slurp(out);
  fs::remove(out);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << output;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(name.begin(), name.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(ExampleScenarios, GoldenResult, ::testing::ValuesIn(example_scenarios()), test_name);

}  // namespace
