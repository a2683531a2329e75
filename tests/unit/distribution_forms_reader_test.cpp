// Reading mixtures, bounds and Kaplan-Meier curves from a scenario, and the errors for each.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "ccsim/diagnostics.h"
#include "ccsim/distribution.h"
#include "ccsim/scenario.h"

namespace ccsim {
namespace {

namespace fs = std::filesystem;

std::string scenario_with(const std::string& handle_time) {
  return R"({ "horizon": { "intervals": 1 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 1 }, "handle_time": )" +
         handle_time + R"( } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 1 } ] })";
}

Distribution handle_time_of(const std::string& json, const fs::path& base_dir = {}) {
  return parse_scenario(scenario_with(json), "test.json", base_dir).contact_types[0].handle_time;
}

// The messages for a handle time that is refused.
std::string refusal_of(const std::string& json) {
  try {
    handle_time_of(json);
  } catch (const InputError& e) {
    std::string text;
    for (const auto& d : e.diagnostics()) text += d.to_string() + "\n";
    return text;
  }
  return "accepted";
}

TEST(DistributionReader, ReadsAMixtureOfTwoFamilies) {
  const auto m = std::get<Mixture>(handle_time_of(R"({"dist": "mixture", "components": [
      {"weight": 0.3, "dist": "exponential", "mean_s": 6},
      {"weight": 0.7, "dist": "lognormal", "mu": 5.1, "sigma": 0.9}]})"));
  ASSERT_EQ(m.components.size(), 2u);
  EXPECT_DOUBLE_EQ(m.cumulative[0], 0.3);
  EXPECT_TRUE(std::holds_alternative<Lognormal>(m.components[1].law));
}

TEST(DistributionReader, ReadsBoundsOnAnyFamilyAndOnAMixtureAndItsParts) {
  const auto t = std::get<Truncated>(
      handle_time_of(R"({"dist": "lognormal", "mean_s": 300, "cv": 1.2, "max_s": 3600})"));
  EXPECT_EQ(t.max, 3600.0);
  EXPECT_EQ(t.min, 0.0);
  const auto m = std::get<Mixture>(handle_time_of(R"({"dist": "mixture", "min_s": 2, "components": [
      {"weight": 0.5, "dist": "exponential", "mean_s": 6, "max_s": 30},
      {"weight": 0.5, "dist": "gamma", "mean_s": 400, "cv": 0.8}]})"));
  EXPECT_EQ(m.components[0].min, 2.0);
  EXPECT_EQ(m.components[0].max, 30.0);
  EXPECT_EQ(m.components[1].min, 2.0);
}

TEST(DistributionReader, ReadsAKaplanMeierTable) {
  const auto km = std::get<KaplanMeier>(handle_time_of(
      R"({"dist": "kaplan_meier", "times_s": [3, 10, 25], "survival": [0.97, 0.9, 0.81],
          "tail_mean_s": 300})"));
  EXPECT_EQ(km.times, (std::vector<double>{3, 10, 25}));
  EXPECT_EQ(km.tail_mean, 300.0);
}

TEST(DistributionReader, ReadsAKaplanMeierTableFromTwoColumnsOfACsvFile) {
  const fs::path dir = fs::temp_directory_path() / "ccsim_km_reader_test";
  fs::create_directories(dir);
  std::ofstream(dir / "patience.csv") << "t,time_s,survival\n1,3,0.9\n2,10,0.5\n3,25,0\n";
  std::ofstream(dir / "named.csv") << "wait,S\n3,0.9\n10,0.5\n";
  const auto by_default = std::get<KaplanMeier>(
      handle_time_of(R"({"dist": "kaplan_meier", "file": "patience.csv"})", dir));
  EXPECT_EQ(by_default.survival, (std::vector<double>{0.9, 0.5, 0.0}));
  const auto named = std::get<KaplanMeier>(handle_time_of(
      R"({"dist": "kaplan_meier", "file": "named.csv", "time_column": "wait",
          "survival_column": "S", "tail_mean_s": 60})",
      dir));
  EXPECT_EQ(named.times, (std::vector<double>{3, 10}));
  fs::remove_all(dir);
}

TEST(DistributionReader, RefusesACsvRowWithATimeButNoSurvival) {
  const fs::path dir = fs::temp_directory_path() / "ccsim_km_reader_rows_test";
  fs::create_directories(dir);
  std::ofstream(dir / "patience.csv") << "time_s,survival\n3,0.9\n10,\n25,0\n";
  try {
    handle_time_of(R"({"dist": "kaplan_meier", "file": "patience.csv"})", dir);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().at(0).to_string(),
              "test.json: /contact_types/0/handle_time/file: patience.csv:3: expected both a time "
              "and a survival on each row");
  }
  fs::remove_all(dir);
}

TEST(DistributionReader, RefusesMixtureWeightsNotSummingToOne) {
  EXPECT_EQ(refusal_of(R"({"dist": "mixture", "components": [
      {"weight": 0.3, "dist": "exponential", "mean_s": 6},
      {"weight": 0.6, "dist": "exponential", "mean_s": 60}]})"),
            "test.json: /contact_types/0/handle_time/components: weights must sum to 1 (within "
            "1e-6), got 0.9\n");
}

TEST(DistributionReader, RefusesAMixtureInsideAMixture) {
  EXPECT_NE(refusal_of(R"({"dist": "mixture", "components": [
      {"weight": 1, "dist": "mixture", "components": []}]})")
                .find("/components/0/dist: a mixture component cannot itself be a mixture"),
            std::string::npos);
}

TEST(DistributionReader, RefusesBoundsKeepingNoProbability) {
  EXPECT_EQ(refusal_of(R"({"dist": "exponential", "mean_s": 60, "min_s": 5000})"),
            "test.json: /contact_types/0/handle_time: the bounds [5000, inf] keep a probability "
            "of 6.44e-37, expected at least 1e-12\n");
  EXPECT_EQ(refusal_of(R"({"dist": "exponential", "mean_s": 60, "min_s": 50, "max_s": 50})"),
            "test.json: /contact_types/0/handle_time/max_s: must be above min_s (50), got 50\n");
}

TEST(DistributionReader, RefusesAKaplanMeierCurveThatRises) {
  EXPECT_NE(refusal_of(R"({"dist": "kaplan_meier", "times_s": [3, 10], "survival": [0.8, 0.9],
                           "tail_mean_s": 60})")
                .find("survival must not increase"),
            std::string::npos);
}

TEST(DistributionReader, RefusesAKaplanMeierCurveLeftOpenWithoutATailMean) {
  EXPECT_NE(refusal_of(R"({"dist": "kaplan_meier", "times_s": [3, 10], "survival": [0.8, 0.5]})")
                .find("needs a tail_mean_s"),
            std::string::npos);
}

}  // namespace
}  // namespace ccsim
