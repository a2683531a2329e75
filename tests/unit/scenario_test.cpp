// What the scenario reader makes of a valid file: defaults, expansion of per-interval values,
// units, distributions by natural parameters and by mean and CV, skills and routing order. The
// refusals of invalid files are pinned by the corpus in tests/bad_input/.
#include "ccsim/scenario.h"

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/distribution.h"
#include "ccsim/what_if.h"

namespace {

namespace fs = std::filesystem;
using ccsim::Model;

// A scenario with one contact type and one group; `horizon`, `type` and `group` replace the parts.
std::string scenario(
    const std::string& horizon = R"({ "intervals": 4 })", const std::string& type_extra = "",
    const std::string& group = R"({ "id": "agents", "skills": ["calls"], "staffing": 10 })",
    const std::string& arrivals = R"({ "rate_per_hour": 120 })",
    const std::string& handle_time = R"({ "dist": "exponential", "mean_s": 180 })") {
  return R"({ "horizon": )" + horizon + R"(,
    "contact_types": [ { "id": "calls", "arrivals": )" +
         arrivals + R"(, "handle_time": )" + handle_time + type_extra + R"( } ],
    "agent_groups": [ )" +
         group + " ] }";
}

Model parse(const std::string& text, const fs::path& base_dir = {}) {
  return ccsim::parse_scenario(text, "test.json", base_dir);
}

ccsim::Distribution handle_time_of(const std::string& distribution, const fs::path& base_dir = {}) {
  return parse(scenario(R"({ "intervals": 1 })", "",
                        R"({ "id": "agents", "skills": ["calls"], "staffing": 1 })",
                        R"({ "rate_per_hour": 1 })", distribution),
               base_dir)
      .contact_types[0]
      .handle_time;
}

fs::path scenarios_dir() { return fs::path(CCSIM_SOURCE_DIR) / "scenarios"; }

// ---- defaults and syntax

TEST(ScenarioReader, FillsDefaultsForEverythingOptional) {
  const Model m = parse(scenario());
  EXPECT_EQ(m.name, "test");  // the file's stem
  EXPECT_EQ(m.horizon.start_min, 0);
  EXPECT_EQ(m.horizon.intervals_per_day, 4);
  EXPECT_DOUBLE_EQ(m.horizon.interval_s, 1800.0);
  EXPECT_EQ(m.horizon.days, 1);
  EXPECT_EQ(m.run.replications, 30);
  EXPECT_EQ(m.run.seed, 1u);
  EXPECT_DOUBLE_EQ(m.run.warmup_s, 0.0);
  EXPECT_TRUE(m.run.drain);

  const ccsim::ContactType& type = m.contact_types.at(0);
  EXPECT_DOUBLE_EQ(type.busyness_cv, 0.0);
  EXPECT_FALSE(type.patience.has_value());
  EXPECT_DOUBLE_EQ(type.sla.answer_within_s, 20.0);
  EXPECT_DOUBLE_EQ(type.sla.target, 0.8);
  EXPECT_DOUBLE_EQ(type.sla.short_abandon_s, 0.0);
  EXPECT_EQ(type.sla.denominator, ccsim::SlaDenominator::offered_minus_short);

  const ccsim::AgentGroup& group = m.agent_groups.at(0);
  EXPECT_DOUBLE_EQ(group.shrinkage, 0.0);
  EXPECT_DOUBLE_EQ(group.cost_per_hour, 0.0);
  ASSERT_EQ(group.skills.size(), 1u);
  EXPECT_EQ(group.skills[0].priority, 1);
  EXPECT_DOUBLE_EQ(group.skills[0].aht_factor, 1.0);
}

TEST(ScenarioReader, ReadsEverySettingWritten) {
  const Model m = parse(R"({
    "name": "retail peak", "description": "ignored by the model", "$schema": "./ccsim.schema.json",
    "horizon": { "start": "08:30", "intervals": 6, "interval_min": 15, "days": 2 },
    "run": { "replications": 200, "seed": 18446744073709551615, "warmup_min": 45, "drain": false },
    "contact_types": [ { "id": "billing", "arrivals": { "rate_per_hour": 60, "busyness_cv": 0.1 },
      "handle_time": { "dist": "exponential", "mean_s": 300 },
      "patience": { "dist": "exponential", "mean_s": 240 },
      "sla": { "answer_within_s": 30, "target": 0.9, "short_abandon_s": 5, "denominator": "answered" } } ],
    "agent_groups": [ { "id": "t1", "skills": ["billing"], "staffing": 14, "shrinkage": 0.3,
      "cost_per_hour": 28.5 } ] })");
  EXPECT_EQ(m.name, "retail peak");
  EXPECT_EQ(m.horizon.start_min, 8 * 60 + 30);
  EXPECT_DOUBLE_EQ(m.horizon.interval_s, 900.0);
  EXPECT_EQ(m.horizon.days, 2);
  EXPECT_EQ(m.run.replications, 200);
  EXPECT_EQ(m.run.seed, 18446744073709551615u);  // the whole 64-bit range
  EXPECT_DOUBLE_EQ(m.run.warmup_s, 45 * 60.0);
  EXPECT_FALSE(m.run.drain);
  const ccsim::ContactType& type = m.contact_types.at(0);
  EXPECT_DOUBLE_EQ(type.busyness_cv, 0.1);
  ASSERT_TRUE(type.patience.has_value());
  EXPECT_DOUBLE_EQ(ccsim::mean(*type.patience), 240.0);
  EXPECT_DOUBLE_EQ(type.sla.answer_within_s, 30.0);
  EXPECT_DOUBLE_EQ(type.sla.target, 0.9);
  EXPECT_DOUBLE_EQ(type.sla.short_abandon_s, 5.0);
  EXPECT_EQ(type.sla.denominator, ccsim::SlaDenominator::answered);
  EXPECT_DOUBLE_EQ(m.agent_groups.at(0).shrinkage, 0.3);
  EXPECT_DOUBLE_EQ(m.agent_groups.at(0).cost_per_hour, 28.5);
}

TEST(ScenarioReader, ReadsAWrapUpAsAnyDistributionAndNoneWithoutTheKey) {
  const Model m = parse(R"({
    "horizon": { "intervals": 4 },
    "contact_types": [
      { "id": "calls", "arrivals": { "rate_per_hour": 60 },
        "handle_time": { "dist": "exponential", "mean_s": 240 },
        "wrap_up": { "dist": "lognormal", "mean_s": 45, "cv": 0.5 } },
      { "id": "chats", "arrivals": { "rate_per_hour": 60 },
        "handle_time": { "dist": "exponential", "mean_s": 240 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls", "chats"], "staffing": 10 } ] })");
  ASSERT_TRUE(m.contact_types.at(0).wrap_up.has_value());
  EXPECT_NEAR(ccsim::mean(*m.contact_types[0].wrap_up), 45.0, 1e-9);
  EXPECT_FALSE(m.contact_types.at(1).wrap_up.has_value());
}

TEST(ScenarioReader, AllowsCommentsOfBothKinds) {
  const Model m = parse("// a planner's note\n" + scenario() + "\n/* trailing block */\n");
  EXPECT_EQ(m.contact_types.size(), 1u);
}

TEST(ScenarioReader, SyntaxErrorsGiveLineAndColumn) {
  try {
    parse("{\n  \"horizon\": { \"intervals\": 4, },\n}");
    FAIL();
  } catch (const ccsim::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where, "2:32");
    EXPECT_EQ(e.diagnostics()[0].file, "test.json");
    EXPECT_EQ(e.diagnostics()[0].message.rfind("syntax error", 0), 0u);
  }
}

TEST(ScenarioReader, ReportsEveryProblemInOnePass) {
  try {
    parse(scenario(R"({ "intervals": 4, "start": "25:00" })", R"(, "sla": { "target": 2 })",
                   R"({ "id": "agents", "skills": ["calls"], "staffing": -1 })"));
    FAIL();
  } catch (const ccsim::InputError& e) {
    EXPECT_EQ(e.diagnostics().size(), 3u);
  }
}

// ---- values per interval

TEST(ScenarioReader, ExpandsOneStaffingNumberToEveryInterval) {
  const Model m = parse(scenario(R"({ "intervals": 4, "days": 2 })"));
  EXPECT_EQ(m.agent_groups[0].staffed, std::vector<double>(8, 10.0));
  EXPECT_EQ(m.agent_groups[0].on_duty, std::vector<double>(8, 10));
}

TEST(ScenarioReader, RepeatsAPerDayArrayOnEveryDay) {
  const Model m = parse(scenario(R"({ "intervals": 2, "days": 3 })", "",
                                 R"({ "id": "agents", "skills": ["calls"], "staffing": [5, 7] })"));
  EXPECT_EQ(m.agent_groups[0].staffed, (std::vector<double>{5, 7, 5, 7, 5, 7}));
}

TEST(ScenarioReader, TakesAnArrayForTheWholeHorizonAsWritten) {
  const Model m =
      parse(scenario(R"({ "intervals": 2, "days": 2 })", "",
                     R"({ "id": "agents", "skills": ["calls"], "staffing": [1, 2, 3, 4] })",
                     R"({ "rate_per_hour": [36, 72, 108, 144] })"));
  EXPECT_EQ(m.agent_groups[0].staffed, (std::vector<double>{1, 2, 3, 4}));
  const auto& rates = m.contact_types[0].rate_per_s;
  ASSERT_EQ(rates.size(), 4u);
  EXPECT_DOUBLE_EQ(rates[0], 0.01);
  EXPECT_DOUBLE_EQ(rates[3], 0.04);
}

TEST(ScenarioReader, RatesFromPerIntervalAndRatePerHourAgree) {
  // 50 contacts per 30 minutes is 100 per hour.
  const Model counts = parse(scenario(R"({ "intervals": 2 })", "",
                                      R"({ "id": "agents", "skills": ["calls"], "staffing": 1 })",
                                      R"({ "per_interval": [50, 25] })"));
  const Model hourly = parse(scenario(R"({ "intervals": 2 })", "",
                                      R"({ "id": "agents", "skills": ["calls"], "staffing": 1 })",
                                      R"({ "rate_per_hour": [100, 50] })"));
  ASSERT_EQ(counts.contact_types[0].rate_per_s.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i)
    EXPECT_NEAR(counts.contact_types[0].rate_per_s[i], hourly.contact_types[0].rate_per_s[i],
                1e-15);
  EXPECT_NEAR(hourly.contact_types[0].rate_per_s[0], 100.0 / 3600.0, 1e-15);
}

TEST(ScenarioReader, AppliesTheArrivalScale) {
  const Model m = parse(scenario(R"({ "intervals": 1 })", "",
                                 R"({ "id": "agents", "skills": ["calls"], "staffing": 1 })",
                                 R"({ "rate_per_hour": 100, "scale": 1.2 })"));
  EXPECT_NEAR(m.contact_types[0].rate_per_s[0], 120.0 / 3600.0, 1e-15);
}

TEST(ScenarioReader, TakesShrinkageOffTheStaffedAgentsWithoutRounding) {
  const Model m = parse(scenario(
      R"({ "intervals": 3 })", "",
      R"({ "id": "agents", "skills": ["calls"], "staffing": [14, 10, 0], "shrinkage": 0.3 })"));
  EXPECT_EQ(m.agent_groups[0].staffed, (std::vector<double>{14, 10, 0}));
  ASSERT_EQ(m.agent_groups[0].on_duty.size(), 3u);
  EXPECT_NEAR(m.agent_groups[0].on_duty[0], 9.8, 1e-12);
  EXPECT_EQ(m.agent_groups[0].on_duty[1], 7.0);  // 7.000000000000001 in doubles, taken as 7
  EXPECT_EQ(m.agent_groups[0].on_duty[2], 0.0);
}

TEST(ScenarioReader, TakesAFractionalStaffing) {
  const Model m = parse(scenario(
      R"({ "intervals": 2 })", "",
      R"({ "id": "agents", "skills": ["calls"], "staffing": [6.4, 2] })"));
  EXPECT_EQ(m.agent_groups[0].on_duty, (std::vector<double>{6.4, 2}));
  EXPECT_TRUE(m.agent_groups[0].follows_roster);
}

// ---- distributions

struct MeanCvCase {
  std::string family;
  std::string json;
  double mean;
  double cv;
};

void PrintTo(const MeanCvCase& c, std::ostream* os) { *os << c.json; }

class DistributionByMeanAndCv : public testing::TestWithParam<MeanCvCase> {};

TEST_P(DistributionByMeanAndCv, HasThatMeanAndCv) {
  const ccsim::Distribution d = handle_time_of(GetParam().json);
  EXPECT_NEAR(ccsim::mean(d), GetParam().mean, 1e-6 * GetParam().mean);
  EXPECT_NEAR(ccsim::cv(d), GetParam().cv, 1e-6);
}

INSTANTIATE_TEST_SUITE_P(
    EveryFamily, DistributionByMeanAndCv,
    testing::Values(
        MeanCvCase{"exponential", R"({ "dist": "exponential", "mean_s": 240 })", 240, 1.0},
        MeanCvCase{"erlang", R"({ "dist": "erlang", "mean_s": 300, "cv": 0.5 })", 300, 0.5},
        MeanCvCase{"gamma", R"({ "dist": "gamma", "mean_s": 310, "cv": 0.7 })", 310, 0.7},
        MeanCvCase{"lognormal", R"({ "dist": "lognormal", "mean_s": 310, "cv": 0.9 })", 310, 0.9},
        MeanCvCase{"weibull", R"({ "dist": "weibull", "mean_s": 200, "cv": 1.3 })", 200, 1.3},
        MeanCvCase{"uniform", R"({ "dist": "uniform", "mean_s": 120, "cv": 0.25 })", 120, 0.25},
        MeanCvCase{"deterministic", R"({ "dist": "deterministic", "mean_s": 45 })", 45, 0.0},
        MeanCvCase{"truncated_normal",
                   R"({ "dist": "truncated_normal", "mean_s": 180, "cv": 0.4 })", 180, 0.4}),
    [](const testing::TestParamInfo<MeanCvCase>& info) { return info.param.family; });

TEST(ScenarioReader, KeepsNaturalParametersAsWritten) {
  const auto lognormal = std::get<ccsim::Lognormal>(
      handle_time_of(R"({ "dist": "lognormal", "mu": 5.5, "sigma": 0.8 })"));
  EXPECT_DOUBLE_EQ(lognormal.mu, 5.5);
  EXPECT_DOUBLE_EQ(lognormal.sigma, 0.8);
  const auto gamma =
      std::get<ccsim::Gamma>(handle_time_of(R"({ "dist": "gamma", "shape": 2, "scale_s": 150 })"));
  EXPECT_DOUBLE_EQ(gamma.shape, 2.0);
  EXPECT_DOUBLE_EQ(gamma.scale, 150.0);
  const auto erlang =
      std::get<ccsim::Erlang>(handle_time_of(R"({ "dist": "erlang", "k": 3, "mean_s": 300 })"));
  EXPECT_EQ(erlang.shape, 3);
  EXPECT_DOUBLE_EQ(erlang.mean, 300.0);
  const auto weibull = std::get<ccsim::Weibull>(
      handle_time_of(R"({ "dist": "weibull", "shape": 1.5, "scale_s": 200 })"));
  EXPECT_DOUBLE_EQ(weibull.shape, 1.5);
  EXPECT_DOUBLE_EQ(weibull.scale, 200.0);
  const auto uniform = std::get<ccsim::Uniform>(
      handle_time_of(R"({ "dist": "uniform", "low_s": 60, "high_s": 120 })"));
  EXPECT_DOUBLE_EQ(uniform.low, 60.0);
  EXPECT_DOUBLE_EQ(uniform.high, 120.0);
  const auto fixed = std::get<ccsim::Deterministic>(
      handle_time_of(R"({ "dist": "deterministic", "value_s": 90 })"));
  EXPECT_DOUBLE_EQ(fixed.value, 90.0);
  const auto normal = std::get<ccsim::TruncatedNormal>(
      handle_time_of(R"({ "dist": "truncated_normal", "mu_s": 200, "sigma_s": 50 })"));
  EXPECT_DOUBLE_EQ(normal.mu, 200.0);
  EXPECT_DOUBLE_EQ(normal.sigma, 50.0);
  EXPECT_DOUBLE_EQ(normal.low, 0.0);
}

TEST(ScenarioReader, AcceptsTheCvOfAnErlangRoundedByAPlanner) {
  // 0.57735 stands for 1/sqrt(3).
  const auto erlang = std::get<ccsim::Erlang>(
      handle_time_of(R"({ "dist": "erlang", "mean_s": 300, "cv": 0.57735 })"));
  EXPECT_EQ(erlang.shape, 3);
}

TEST(ScenarioReader, ScalesEmpiricalValues) {
  const auto empirical = std::get<ccsim::Empirical>(
      handle_time_of(R"({ "dist": "empirical", "values_s": [100, 200, 0], "scale": 1.5 })"));
  EXPECT_EQ(empirical.values, (std::vector<double>{150, 300, 0}));
}

class ScenarioFolder : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ccsim_scenario_test_" +
            std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  fs::path dir_;
};

TEST_F(ScenarioFolder, ReadsAnEmpiricalCsvColumnByNameOrIndex) {
  write("talk.csv",
        "\xEF\xBB\xBF"
        "call,\"handle s\"\r\n1,310\r\n2,\"245.5\"\r\n\r\n3,\r\n4,402\r\n");
  const auto by_name = std::get<ccsim::Empirical>(
      handle_time_of(R"({ "dist": "empirical", "file": "talk.csv", "column": "handle s" })", dir_));
  EXPECT_EQ(by_name.values, (std::vector<double>{310, 245.5, 402}));
  const auto by_index = std::get<ccsim::Empirical>(
      handle_time_of(R"({ "dist": "empirical", "file": "talk.csv", "column": 0 })", dir_));
  EXPECT_EQ(by_index.values, (std::vector<double>{1, 2, 3, 4}));
}

TEST_F(ScenarioFolder, LoadTakesCsvPathsRelativeToTheScenarioFolder) {
  write("times.csv", "handle_s\n100\n300\n");
  write("plan.json",
        scenario(R"({ "intervals": 1 })", "",
                 R"({ "id": "agents", "skills": ["calls"], "staffing": 1 })",
                 R"({ "rate_per_hour": 1 })",
                 R"({ "dist": "empirical", "file": "times.csv", "column": "handle_s" })"));
  const Model m = ccsim::load_scenario(dir_ / "plan.json");
  EXPECT_EQ(m.name, "plan");
  EXPECT_DOUBLE_EQ(ccsim::mean(m.contact_types[0].handle_time), 200.0);
}

// ---- skills and routing

TEST(ScenarioReader, SkillsObjectSetsPriorityAndAhtFactor) {
  const Model m = parse(R"({ "horizon": { "intervals": 1 },
    "contact_types": [
      { "id": "billing", "arrivals": { "rate_per_hour": 1 }, "handle_time": { "dist": "exponential", "mean_s": 300 } },
      { "id": "orders", "arrivals": { "rate_per_hour": 1 }, "handle_time": { "dist": "exponential", "mean_s": 200 } } ],
    "agent_groups": [
      { "id": "orders_team", "staffing": 5,
        "skills": { "orders": { "priority": 1 }, "billing": { "priority": 2, "aht_factor": 1.15 } } } ] })");
  const auto& skills = m.agent_groups[0].skills;
  ASSERT_EQ(skills.size(), 2u);
  // In the order the group takes them: priority first.
  EXPECT_EQ(skills[0].type, 1u);
  EXPECT_EQ(skills[0].priority, 1);
  EXPECT_DOUBLE_EQ(skills[0].aht_factor, 1.0);
  EXPECT_EQ(skills[1].type, 0u);
  EXPECT_EQ(skills[1].priority, 2);
  EXPECT_DOUBLE_EQ(skills[1].aht_factor, 1.15);
}

TEST(ScenarioReader, RoutesEachTypeByPriorityThenGroupOrder) {
  const Model m = parse(R"({ "horizon": { "intervals": 1 },
    "contact_types": [
      { "id": "billing", "arrivals": { "rate_per_hour": 1 }, "handle_time": { "dist": "exponential", "mean_s": 300 } },
      { "id": "orders", "arrivals": { "rate_per_hour": 1 }, "handle_time": { "dist": "exponential", "mean_s": 200 } } ],
    "agent_groups": [
      { "id": "billing_team", "staffing": 5, "skills": { "billing": {}, "orders": { "priority": 2 } } },
      { "id": "orders_team", "staffing": 5, "skills": { "orders": {}, "billing": { "priority": 2 } } },
      { "id": "generalists", "staffing": 5, "skills": ["billing", "orders"] } ] })");
  EXPECT_EQ(m.contact_types[0].groups, (std::vector<ccsim::AgentGroupIndex>{0, 2, 1}));
  EXPECT_EQ(m.contact_types[1].groups, (std::vector<ccsim::AgentGroupIndex>{1, 2, 0}));
}

TEST(ScenarioReader, SkillsArrayKeepsTheWrittenOrderAtEqualPriority) {
  const Model m = parse(R"({ "horizon": { "intervals": 1 },
    "contact_types": [
      { "id": "a", "arrivals": { "rate_per_hour": 1 }, "handle_time": { "dist": "exponential", "mean_s": 300 } },
      { "id": "b", "arrivals": { "rate_per_hour": 1 }, "handle_time": { "dist": "exponential", "mean_s": 200 } } ],
    "agent_groups": [ { "id": "g", "staffing": 5, "skills": ["b", "a"] } ] })");
  ASSERT_EQ(m.agent_groups[0].skills.size(), 2u);
  EXPECT_EQ(m.agent_groups[0].skills[0].type, 1u);
  EXPECT_EQ(m.agent_groups[0].skills[1].type, 0u);
}

// ---- tiers, segments, overflow and what follows a contact (FCR)

// Three types served over three tiers: billing at tiers 1 and 2, tech at tiers 1, 2 and 3, sales
// at tier 1 only (and through overflow at tier 1). `billing`, `tech`, `sales`, `groups` and `top`
// add to (or replace) the parts.
std::string tiered(const std::string& billing = "", const std::string& tech = "",
                   const std::string& top = "", const std::string& sales = "",
                   const std::string& groups = "") {
  return R"({ "horizon": { "intervals": 2 }, )" + top + R"(
    "contact_types": [
      { "id": "billing", "arrivals": { "rate_per_hour": 60 },
        "handle_time": { "dist": "exponential", "mean_s": 300 } )" +
         billing + R"( },
      { "id": "tech", "arrivals": { "rate_per_hour": 30 },
        "handle_time": { "dist": "exponential", "mean_s": 500 } )" +
         tech + R"( },
      { "id": "sales", "arrivals": { "rate_per_hour": 20 },
        "handle_time": { "dist": "exponential", "mean_s": 200 } )" +
         sales + R"( } ],
    "agent_groups": [
      { "id": "front", "skills": ["billing", "tech", "sales"], "staffing": 10 },
      { "id": "experts", "tier": 2, "skills": ["billing", "tech"], "staffing": 4 },
      { "id": "lab", "tier": 3, "skills": ["tech"], "staffing": [0, 2] } )" +
         groups + R"( ] })";
}

using Tiers = std::array<double, ccsim::max_tier>;

TEST(ScenarioReader, LeavesTiersSegmentsAndFcrOutWhenAbsent) {
  const Model m = parse(scenario());
  const ccsim::ContactType& type = m.contact_types.at(0);
  EXPECT_EQ(type.segment, ccsim::no_segment);
  EXPECT_DOUBLE_EQ(type.resolution_p, 1.0);
  EXPECT_FALSE(type.escalation.has_value());
  EXPECT_FALSE(type.misroute.has_value());
  EXPECT_FALSE(type.repeat.has_value());
  EXPECT_FALSE(type.retry.has_value());
  EXPECT_FALSE(type.callback.has_value());
  const ccsim::AgentGroup& group = m.agent_groups.at(0);
  EXPECT_EQ(group.tier, 1);
  EXPECT_DOUBLE_EQ(group.cost_per_contact, 0.0);
  EXPECT_DOUBLE_EQ(group.cost_per_minute, 0.0);
  EXPECT_DOUBLE_EQ(group.skills.at(0).resolve_factor, 1.0);
  EXPECT_TRUE(m.segments.empty());
  EXPECT_TRUE(m.overflow.empty());
}

TEST(ScenarioReader, ReadsEveryTieringAndFcrSettingWritten) {
  const Model m = parse(tiered(
      R"(, "segment": "vip", "resolution": { "p": 0.7 },
         "escalation": { "p": 0.25, "transfer": "warm", "handoff_s": { "dist": "deterministic", "value_s": 30 },
           "handle_time": { "dist": "exponential", "mean_s": 900 }, "priority": 0, "warm_limit_s": 60 },
         "misroute": { "p": 0.05, "to": "tech", "handle_time": { "dist": "exponential", "mean_s": 45 } },
         "repeat": { "p": 0.4, "delay": { "dist": "exponential", "mean_s": 7200 }, "window_h": 24 },
         "retry": { "p": 0.6, "delay": { "dist": "exponential", "mean_s": 300 } },
         "callback": { "offer_when_wait_s": 90, "accept_p": 0.35, "predictor": "queue_length",
           "reach_p": 0.85, "dial_s": { "dist": "deterministic", "value_s": 15 } })",
      "", R"("segments": [ { "id": "vip", "priority": 0 } ],)", "",
      R"(, { "id": "partner", "skills": { "sales": { "resolve_factor": 0.8 } }, "staffing": 3,
           "cost_per_contact": 4.5, "cost_per_minute": 0.75 })"));
  const ccsim::ContactType& billing = m.contact_types.at(0);
  EXPECT_EQ(billing.segment, 0u);
  EXPECT_DOUBLE_EQ(billing.resolution_p, 0.7);
  ASSERT_TRUE(billing.escalation.has_value());
  const ccsim::Escalation& escalation = *billing.escalation;
  EXPECT_EQ(escalation.transfer, ccsim::TransferMode::warm);
  ASSERT_TRUE(escalation.handoff.has_value());
  EXPECT_DOUBLE_EQ(ccsim::mean(*escalation.handoff), 30.0);
  ASSERT_TRUE(escalation.handle_time.has_value());
  EXPECT_DOUBLE_EQ(ccsim::mean(*escalation.handle_time), 900.0);
  EXPECT_EQ(escalation.priority, 0);
  EXPECT_DOUBLE_EQ(escalation.warm_limit_s, 60.0);
  ASSERT_TRUE(billing.misroute.has_value());
  EXPECT_DOUBLE_EQ(billing.misroute->p, 0.05);
  EXPECT_EQ(billing.misroute->to, 1u);
  EXPECT_DOUBLE_EQ(ccsim::mean(billing.misroute->handle_time), 45.0);
  ASSERT_TRUE(billing.repeat.has_value());
  EXPECT_DOUBLE_EQ(billing.repeat->p, 0.4);
  EXPECT_DOUBLE_EQ(ccsim::mean(billing.repeat->delay), 7200.0);
  EXPECT_DOUBLE_EQ(billing.repeat->window_s, 24 * 3600.0);
  ASSERT_TRUE(billing.retry.has_value());
  EXPECT_DOUBLE_EQ(billing.retry->p, 0.6);
  EXPECT_DOUBLE_EQ(ccsim::mean(billing.retry->delay), 300.0);
  ASSERT_TRUE(billing.callback.has_value());
  EXPECT_DOUBLE_EQ(billing.callback->offer_when_wait_s, 90.0);
  EXPECT_DOUBLE_EQ(billing.callback->accept_p, 0.35);
  EXPECT_EQ(billing.callback->predictor, ccsim::WaitPredictor::queue_length);
  EXPECT_DOUBLE_EQ(billing.callback->reach_p, 0.85);
  EXPECT_DOUBLE_EQ(ccsim::mean(billing.callback->dial_time), 15.0);

  ASSERT_EQ(m.segments.size(), 1u);
  EXPECT_EQ(m.segments[0].id, "vip");
  EXPECT_EQ(m.segments[0].priority, 0);
  EXPECT_FALSE(m.segments[0].sla.has_value());
  EXPECT_EQ(m.agent_groups.at(1).tier, 2);
  EXPECT_EQ(m.agent_groups.at(2).tier, 3);
  const ccsim::AgentGroup& partner = m.agent_groups.at(3);
  EXPECT_DOUBLE_EQ(partner.cost_per_contact, 4.5);
  EXPECT_DOUBLE_EQ(partner.cost_per_minute, 0.75);
  EXPECT_DOUBLE_EQ(partner.skills.at(0).resolve_factor, 0.8);
}

TEST(ScenarioReader, FillsTheDefaultsOfEscalationMisrouteRepeatAndCallback) {
  const Model m = parse(tiered(
      R"(, "escalation": { "p": 0.1 }, "misroute": { "p": 0.05, "to": "sales" },
         "repeat": { "p": 0.2, "delay": { "dist": "exponential", "mean_s": 3600 } },
         "callback": { "offer_when_wait_s": 120, "accept_p": 0.5 })"));
  const ccsim::ContactType& billing = m.contact_types.at(0);
  ASSERT_TRUE(billing.escalation && billing.misroute && billing.repeat && billing.callback);
  EXPECT_EQ(billing.escalation->transfer, ccsim::TransferMode::cold);
  EXPECT_FALSE(billing.escalation->handoff.has_value());
  EXPECT_FALSE(billing.escalation->handle_time.has_value());
  EXPECT_FALSE(billing.escalation->priority.has_value());
  EXPECT_DOUBLE_EQ(billing.escalation->warm_limit_s, 120.0);
  EXPECT_EQ(billing.misroute->to, 2u);
  ASSERT_TRUE(std::holds_alternative<ccsim::Exponential>(billing.misroute->handle_time));
  EXPECT_DOUBLE_EQ(ccsim::mean(billing.misroute->handle_time), 60.0);
  EXPECT_DOUBLE_EQ(billing.repeat->window_s, 72 * 3600.0);
  EXPECT_EQ(billing.callback->predictor, ccsim::WaitPredictor::queue_length);
  EXPECT_DOUBLE_EQ(billing.callback->reach_p, 1.0);
  ASSERT_TRUE(std::holds_alternative<ccsim::Deterministic>(billing.callback->dial_time));
  EXPECT_DOUBLE_EQ(ccsim::mean(billing.callback->dial_time), 20.0);
  EXPECT_DOUBLE_EQ(billing.resolution_p, 1.0);
}

TEST(ScenarioReader, EscalationNumberAppliesToEveryTierBelowTheTypesHighest) {
  const Model m =
      parse(tiered(R"(, "escalation": { "p": 0.3 })", R"(, "escalation": { "p": 0.2 })"));
  // billing is served at tiers 1 and 2, tech at 1, 2 and 3.
  EXPECT_EQ(m.contact_types[0].escalation->p_by_tier, (Tiers{0.3, 0.0, 0.0}));
  EXPECT_EQ(m.contact_types[1].escalation->p_by_tier, (Tiers{0.2, 0.2, 0.0}));
}

TEST(ScenarioReader, EscalationListSetsEachTierAndLeavesTheRestAtZero) {
  const Model m = parse(
      tiered(R"(, "escalation": { "p": [0.3] })", R"(, "escalation": { "p": [0.2, 0.1, 0] })"));
  EXPECT_EQ(m.contact_types[0].escalation->p_by_tier, (Tiers{0.3, 0.0, 0.0}));
  EXPECT_EQ(m.contact_types[1].escalation->p_by_tier, (Tiers{0.2, 0.1, 0.0}));
}

TEST(ScenarioReader, TypeWithoutAServiceLevelTakesItsSegments) {
  const Model m = parse(
      tiered(R"(, "segment": "vip")", R"(, "segment": "vip", "sla": { "answer_within_s": 60 })",
             R"("segments": [ { "id": "vip", "sla": { "answer_within_s": 10, "target": 0.95 } },
                       { "id": "basic", "priority": 3 } ],)",
             R"(, "segment": "basic")"));
  ASSERT_TRUE(m.segments.at(0).sla.has_value());
  EXPECT_DOUBLE_EQ(m.segments[0].sla->answer_within_s, 10.0);
  EXPECT_EQ(m.segments[0].priority, 1);
  // billing: the segment's rule, whole.
  EXPECT_DOUBLE_EQ(m.contact_types[0].sla.answer_within_s, 10.0);
  EXPECT_DOUBLE_EQ(m.contact_types[0].sla.target, 0.95);
  // tech: its own rule, with the usual defaults for what it leaves out.
  EXPECT_DOUBLE_EQ(m.contact_types[1].sla.answer_within_s, 60.0);
  EXPECT_DOUBLE_EQ(m.contact_types[1].sla.target, 0.8);
  // sales: a segment without a rule leaves the usual one.
  EXPECT_EQ(m.contact_types[2].segment, 1u);
  EXPECT_DOUBLE_EQ(m.contact_types[2].sla.answer_within_s, 20.0);
}

TEST(ScenarioReader, SortsOverflowStepsByTypeTierAndDelay) {
  const Model m = parse(tiered("", "", R"("routing": { "overflow": [
      { "type": "tech", "tier": 2, "after_s": 60, "to": "front" },
      { "type": "tech", "after_s": 120, "to": ["lab", "experts"] },
      { "type": "billing", "tier": 2, "after_s": 30, "to": "front" },
      { "type": "tech", "after_s": 30, "to": "experts" } ] },)"));
  ASSERT_EQ(m.overflow.size(), 4u);
  const auto key = [](const ccsim::OverflowStep& s) {
    return std::tuple(s.type, s.tier, s.after_s);
  };
  EXPECT_EQ(key(m.overflow[0]), std::tuple(0u, 2, 30.0));
  EXPECT_EQ(key(m.overflow[1]), std::tuple(1u, 1, 30.0));
  EXPECT_EQ(key(m.overflow[2]), std::tuple(1u, 1, 120.0));
  EXPECT_EQ(key(m.overflow[3]), std::tuple(1u, 2, 60.0));
  EXPECT_EQ(m.overflow[2].to, (std::vector<ccsim::AgentGroupIndex>{2, 1}));
}

TEST(ScenarioReader, OverflowStepWaitsAtTheLowestTierServingItsTypeByDefault) {
  const std::string groups =
      R"(, { "id": "desk", "tier": 2, "skills": ["sales"], "staffing": 2 },
           { "id": "partner", "tier": 3, "skills": ["billing"], "staffing": 2 })";
  const Model m = parse(tiered("", "", R"("routing": { "overflow": [
      { "type": "sales", "after_s": 60, "to": "partner" } ] },)",
                               "", groups));
  ASSERT_EQ(m.overflow.size(), 1u);
  EXPECT_EQ(m.overflow[0].tier, 1);
  // A group listed in "to" need not have the type's skill.
  EXPECT_EQ(m.overflow[0].to, (std::vector<ccsim::AgentGroupIndex>{4}));
}

TEST(ScenarioReader, OverflowAloneServesATypeAtTierOne) {
  const Model m = parse(R"({ "horizon": { "intervals": 1 },
    "contact_types": [
      { "id": "a", "arrivals": { "rate_per_hour": 1 }, "handle_time": { "dist": "exponential", "mean_s": 300 } },
      { "id": "b", "arrivals": { "rate_per_hour": 1 }, "handle_time": { "dist": "exponential", "mean_s": 200 } } ],
    "agent_groups": [ { "id": "g", "staffing": 5, "skills": ["a"] } ],
    "routing": { "overflow": [ { "type": "b", "after_s": 0, "to": "g" } ] } })");
  ASSERT_EQ(m.overflow.size(), 1u);
  EXPECT_EQ(m.overflow[0].type, 1u);
  EXPECT_EQ(m.overflow[0].tier, 1);
  EXPECT_TRUE(m.contact_types[1].groups.empty());
}

// ---- channels and automation

// A call, a chat and an email type, one group each; `calls`, `chats` and `mails` are written into
// their type, `groups` after the groups, `rest` at the top level.
std::string omnichannel(const std::string& calls = "", const std::string& chats = "",
                        const std::string& mails = R"(, "sla": { "respond_within_h": 8 })",
                        const std::string& groups = "", const std::string& rest = "",
                        const std::string& horizon = R"({ "intervals": 2 })") {
  return R"({ "horizon": )" + horizon + R"(, "contact_types": [
      { "id": "calls", "arrivals": { "rate_per_hour": 60 },
        "handle_time": { "dist": "exponential", "mean_s": 300 })" + calls + R"( },
      { "id": "chats", "channel": "chat", "arrivals": { "rate_per_hour": 30 },
        "handle_time": { "dist": "exponential", "mean_s": 600 })" + chats + R"( },
      { "id": "mails", "channel": "email", "arrivals": { "rate_per_hour": 10 },
        "handle_time": { "dist": "exponential", "mean_s": 400 })" + mails + R"( } ],
    "agent_groups": [
      { "id": "voice", "skills": ["calls"], "staffing": 10 },
      { "id": "chat", "skills": ["chats"], "staffing": 5 },
      { "id": "back_office", "skills": ["mails"], "staffing": 2 })" + groups + R"( ])" + rest + " }";
}

const char* const bot_duration = R"("duration": { "dist": "exponential", "mean_s": 90 })";

TEST(ScenarioReader, LeavesChannelsAndAutomationAtTheirDefaultsWhenAbsent) {
  const Model m = parse(scenario());
  EXPECT_EQ(m.horizon.start_weekday, 0);  // Monday
  const ccsim::ContactType& type = m.contact_types.at(0);
  EXPECT_EQ(type.channel, ccsim::Channel::voice);
  EXPECT_FALSE(type.deflection.has_value());
  EXPECT_FALSE(type.response.has_value());
  EXPECT_FALSE(type.silent_abandonment.has_value());
  const ccsim::AgentGroup& group = m.agent_groups.at(0);
  EXPECT_FALSE(group.assist.has_value());
  EXPECT_EQ(group.chat_concurrency, 1);
  EXPECT_DOUBLE_EQ(group.concurrency_slowdown, 0.0);
  EXPECT_EQ(group.voice_reserve, 0);
  EXPECT_TRUE(m.bots.empty());
}

TEST(ScenarioReader, ReadsTheStartWeekdayFromMondayAsZero) {
  EXPECT_EQ(parse(scenario(R"({ "intervals": 1, "start_weekday": "Sun" })")).horizon.start_weekday, 6);
  EXPECT_EQ(parse(scenario(R"({ "intervals": 1, "start_weekday": "Wed" })")).horizon.start_weekday, 2);
}

TEST(ScenarioReader, ReadsTheChannelOfEachType) {
  const Model m = parse(omnichannel());
  EXPECT_EQ(m.contact_types.at(0).channel, ccsim::Channel::voice);
  EXPECT_EQ(m.contact_types.at(1).channel, ccsim::Channel::chat);
  EXPECT_EQ(m.contact_types.at(2).channel, ccsim::Channel::email);
}

TEST(ScenarioReader, ChatKeepsTheAnswerTimeServiceLevel) {
  const Model m = parse(omnichannel("", R"(, "sla": { "answer_within_s": 60, "target": 0.9 })"));
  const ccsim::ContactType& chats = m.contact_types.at(1);
  EXPECT_DOUBLE_EQ(chats.sla.answer_within_s, 60.0);
  EXPECT_DOUBLE_EQ(chats.sla.target, 0.9);
  EXPECT_FALSE(chats.response.has_value());
}

TEST(ScenarioReader, EmailRespondsWithinHoursOfSimulatedTimeAtEightyPercentByDefault) {
  const Model m = parse(omnichannel());
  const ccsim::ContactType& mails = m.contact_types.at(2);
  ASSERT_TRUE(mails.response.has_value());
  EXPECT_DOUBLE_EQ(mails.response->respond_within_s, 8 * 3600.0);
  EXPECT_DOUBLE_EQ(mails.response->target, 0.8);
  EXPECT_FALSE(mails.response->business_hours.has_value());
  EXPECT_FALSE(mails.patience.has_value());
}

TEST(ScenarioReader, ReadsEmailBusinessHoursAndTheirDays) {
  const Model m = parse(omnichannel("", "",
                        R"(, "sla": { "respond_within_h": 24, "target": 0.95, "business_hours":
                             { "start": "09:30", "end": "17:00", "days": ["Tue", "Sat"] } })"));
  const ccsim::ContactType& mails = m.contact_types.at(2);
  ASSERT_TRUE(mails.response && mails.response->business_hours);
  EXPECT_DOUBLE_EQ(mails.response->target, 0.95);
  const ccsim::BusinessHours& hours = *mails.response->business_hours;
  EXPECT_EQ(hours.start_min, 9 * 60 + 30);
  EXPECT_EQ(hours.end_min, 17 * 60);
  EXPECT_EQ(hours.days, (std::array<bool, 7>{false, true, false, false, false, true, false}));
}

TEST(ScenarioReader, BusinessHoursDefaultToEightToSixMondayToFriday) {
  const Model m = parse(omnichannel("", "", R"(, "sla": { "respond_within_h": 4, "business_hours": {} })"));
  const ccsim::ContactType& mails = m.contact_types.at(2);
  ASSERT_TRUE(mails.response && mails.response->business_hours);
  const ccsim::BusinessHours& hours = *mails.response->business_hours;
  EXPECT_EQ(hours.start_min, 8 * 60);
  EXPECT_EQ(hours.end_min, 18 * 60);
  EXPECT_EQ(hours.days, (std::array<bool, 7>{true, true, true, true, true, false, false}));
}

TEST(ScenarioReader, DayRangeWrapsPastSundayAndMayEndAtMidnight) {
  const Model m = parse(omnichannel("", "",
                        R"(, "sla": { "respond_within_h": 4, "business_hours":
                             { "start": "00:00", "end": "24:00", "days": "Sat-Mon" } })"));
  const ccsim::ContactType& mails = m.contact_types.at(2);
  const ccsim::BusinessHours& hours = *mails.response->business_hours;
  EXPECT_EQ(hours.end_min, 24 * 60);
  EXPECT_EQ(hours.days, (std::array<bool, 7>{true, false, false, false, false, true, true}));
}

TEST(ScenarioReader, OneDayNamesThatDayAlone) {
  const Model m = parse(omnichannel("", "",
                        R"(, "sla": { "respond_within_h": 4, "business_hours": { "days": "Sat" } })"));
  const ccsim::ContactType& mails = m.contact_types.at(2);
  EXPECT_EQ(mails.response->business_hours->days,
            (std::array<bool, 7>{false, false, false, false, false, true, false}));
}

TEST(ScenarioReader, DeflectionLeaksNothingByDefaultAndBackAfterAnHour) {
  const Model m = parse(omnichannel(R"(, "deflection": { "share": 0.25 })"));
  const ccsim::ContactType& calls = m.contact_types.at(0);
  ASSERT_TRUE(calls.deflection.has_value());
  EXPECT_DOUBLE_EQ(calls.deflection->share, 0.25);
  EXPECT_DOUBLE_EQ(calls.deflection->leak_p, 0.0);
  ASSERT_TRUE(std::holds_alternative<ccsim::Exponential>(calls.deflection->leak_delay));
  EXPECT_DOUBLE_EQ(ccsim::mean(calls.deflection->leak_delay), 3600.0);
}

TEST(ScenarioReader, ReadsEveryDeflectionSettingWritten) {
  const Model m = parse(omnichannel("", "",
                        R"(, "sla": { "respond_within_h": 8 }, "deflection": { "share": 0.4,
                             "leak_p": 0.3, "leak_delay": { "dist": "deterministic", "value_s": 600 } })"));
  const ccsim::ContactType& mails = m.contact_types.at(2);
  ASSERT_TRUE(mails.deflection.has_value());
  EXPECT_DOUBLE_EQ(mails.deflection->share, 0.4);
  EXPECT_DOUBLE_EQ(mails.deflection->leak_p, 0.3);
  EXPECT_DOUBLE_EQ(ccsim::mean(mails.deflection->leak_delay), 600.0);
}

TEST(ScenarioReader, SilentChatAbandonmentIsDiscoveredInThirtySecondsByDefault) {
  const Model m = parse(omnichannel("", R"(, "silent_abandonment": { "share": 0.35 })"));
  const ccsim::ContactType& chats = m.contact_types.at(1);
  ASSERT_TRUE(chats.silent_abandonment.has_value());
  EXPECT_DOUBLE_EQ(chats.silent_abandonment->share, 0.35);
  ASSERT_TRUE(std::holds_alternative<ccsim::Deterministic>(chats.silent_abandonment->discover_time));
  EXPECT_DOUBLE_EQ(ccsim::mean(chats.silent_abandonment->discover_time), 30.0);
}

TEST(ScenarioReader, ReadsTheDiscoveryTimeOfSilentAbandonment) {
  const Model m = parse(omnichannel("", R"(, "silent_abandonment": { "share": 0.2,
                              "discover_s": { "dist": "exponential", "mean_s": 45 } })"));
  const ccsim::ContactType& chats = m.contact_types.at(1);
  EXPECT_DOUBLE_EQ(ccsim::mean(chats.silent_abandonment->discover_time), 45.0);
}

TEST(ScenarioReader, AgentAssistIsAdoptedByAllAndFreeByDefault) {
  const Model m = parse(omnichannel(
      "", "", R"(, "sla": { "respond_within_h": 8 })",
      R"(, { "id": "assisted", "skills": ["calls"], "staffing": 3, "assist": { "aht_factor": 0.85 } })"));
  const ccsim::AgentGroup& group = m.agent_groups.at(3);
  ASSERT_TRUE(group.assist.has_value());
  EXPECT_DOUBLE_EQ(group.assist->aht_factor, 0.85);
  EXPECT_DOUBLE_EQ(group.assist->adoption, 1.0);
  EXPECT_DOUBLE_EQ(group.assist->cost_per_agent_hour, 0.0);
}

TEST(ScenarioReader, ReadsEveryAgentAssistSettingWritten) {
  const Model m = parse(omnichannel(
      "", "", R"(, "sla": { "respond_within_h": 8 })",
      R"(, { "id": "assisted", "skills": ["calls"], "staffing": 3,
             "assist": { "aht_factor": 0.8, "adoption": 0.6, "cost_per_agent_hour": 1.5 } })"));
  const ccsim::AgentGroup& group = m.agent_groups.at(3);
  ASSERT_TRUE(group.assist.has_value());
  EXPECT_DOUBLE_EQ(group.assist->aht_factor, 0.8);
  EXPECT_DOUBLE_EQ(group.assist->adoption, 0.6);
  EXPECT_DOUBLE_EQ(group.assist->cost_per_agent_hour, 1.5);
}

TEST(ScenarioReader, ReadsChatConcurrencyItsSlowdownAndTheVoiceReserve) {
  const Model m = parse(omnichannel(
      "", "", R"(, "sla": { "respond_within_h": 8 })",
      R"(, { "id": "chatters", "skills": ["chats"], "staffing": 3, "chat_concurrency": 3,
             "concurrency_slowdown": 0.15 },
           { "id": "blended", "skills": ["calls", "mails"], "staffing": 6, "voice_reserve": 2 })"));
  EXPECT_EQ(m.agent_groups.at(3).chat_concurrency, 3);
  EXPECT_DOUBLE_EQ(m.agent_groups.at(3).concurrency_slowdown, 0.15);
  EXPECT_EQ(m.agent_groups.at(4).voice_reserve, 2);
  EXPECT_EQ(m.agent_groups.at(4).chat_concurrency, 1);
}

TEST(ScenarioReader, FillsTheDefaultsOfABot) {
  const Model m = parse(omnichannel(
      "", "", R"(, "sla": { "respond_within_h": 8 })", "",
      std::string(R"(, "automation": { "bots": [ { "id": "ivr", "types": ["calls"],
                       "containment_p": 0.2, )") + bot_duration + " } ] }"));
  ASSERT_EQ(m.bots.size(), 1u);
  const ccsim::Bot& bot = m.bots[0];
  EXPECT_EQ(bot.id, "ivr");
  EXPECT_EQ(bot.types, std::vector<ccsim::ContactTypeIndex>{0});
  EXPECT_DOUBLE_EQ(bot.entry_share, 1.0);
  EXPECT_DOUBLE_EQ(bot.containment_p, 0.2);
  EXPECT_DOUBLE_EQ(bot.abandon_p, 0.0);
  EXPECT_DOUBLE_EQ(ccsim::mean(bot.duration), 90.0);
  EXPECT_EQ(bot.capacity, ccsim::Bot{}.capacity);  // unlimited
  EXPECT_DOUBLE_EQ(bot.cost_per_session, 0.0);
  EXPECT_TRUE(bot.handoff_context);
  EXPECT_DOUBLE_EQ(bot.handoff_aht_factor, 1.0);
  EXPECT_FALSE(bot.handoff_extra_handle.has_value());
  EXPECT_DOUBLE_EQ(bot.residual_aht_factor, 1.0);
}

TEST(ScenarioReader, ReadsEverySettingOfABot) {
  const Model m = parse(omnichannel(
      "", "", R"(, "sla": { "respond_within_h": 8 })", "",
      R"(, "automation": { "bots": [ { "id": "assistant", "types": ["chats", "calls"],
           "entry_share": 0.7, "containment_p": 0.3, "abandon_p": 0.1,
           "duration": { "dist": "lognormal", "mean_s": 120, "cv": 0.5 }, "capacity": 40,
           "cost_per_session": 0.25, "residual_aht_factor": 1.15,
           "handoff": { "context": false, "aht_factor": 0.9,
                        "extra_handle": { "dist": "deterministic", "value_s": 45 } } } ] })"));
  ASSERT_EQ(m.bots.size(), 1u);
  const ccsim::Bot& bot = m.bots[0];
  EXPECT_EQ(bot.types, (std::vector<ccsim::ContactTypeIndex>{1, 0}));
  EXPECT_DOUBLE_EQ(bot.entry_share, 0.7);
  EXPECT_DOUBLE_EQ(bot.containment_p, 0.3);
  EXPECT_DOUBLE_EQ(bot.abandon_p, 0.1);
  EXPECT_NEAR(ccsim::mean(bot.duration), 120.0, 1e-9);
  EXPECT_EQ(bot.capacity, 40);
  EXPECT_DOUBLE_EQ(bot.cost_per_session, 0.25);
  EXPECT_DOUBLE_EQ(bot.residual_aht_factor, 1.15);
  EXPECT_FALSE(bot.handoff_context);
  EXPECT_DOUBLE_EQ(bot.handoff_aht_factor, 0.9);
  ASSERT_TRUE(bot.handoff_extra_handle.has_value());
  EXPECT_DOUBLE_EQ(ccsim::mean(*bot.handoff_extra_handle), 45.0);
}

TEST(ScenarioReader, BotMayAnswerEmail) {
  const Model m = parse(omnichannel(
      "", "", R"(, "sla": { "respond_within_h": 8 })", "",
      std::string(R"(, "automation": { "bots": [ { "id": "responder", "types": ["mails"],
                       "containment_p": 0.1, )") + bot_duration + " } ] }"));
  EXPECT_EQ(m.bots.at(0).types, std::vector<ccsim::ContactTypeIndex>{2});
}

TEST(ScenarioReader, BotWithNoCapacityIsAllowedWhenNothingEntersIt) {
  const Model m = parse(omnichannel(
      "", "", R"(, "sla": { "respond_within_h": 8 })", "",
      std::string(R"(, "automation": { "bots": [ { "id": "off", "types": ["calls"],
                       "entry_share": 0, "capacity": 0, "containment_p": 0.1, )") +
          bot_duration + " } ] }"));
  EXPECT_EQ(m.bots.at(0).capacity, 0);
}

TEST(ScenarioReader, WhatIfPathNamesABotById) {
  const nlohmann::json document = nlohmann::json::parse(omnichannel(
      "", "", R"(, "sla": { "respond_within_h": 8 })", "",
      std::string(R"(, "automation": { "bots": [ { "id": "ivr", "types": ["calls"],
                       "containment_p": 0.2, )") + bot_duration + R"( } ] },
        "what_if": { "better_bot": [ { "op": "replace",
          "path": "/automation/bots/ivr/containment_p", "value": 0.35 } ] })"));
  const Model m = ccsim::compile_what_if(document, "better_bot", "test.json");
  EXPECT_DOUBLE_EQ(m.bots.at(0).containment_p, 0.35);
}

// ---- documents and the bundled examples

TEST(ScenarioReader, CompilesADocumentBuiltInCode) {
  nlohmann::json document = nlohmann::json::parse(scenario());
  document["agent_groups"][0]["staffing"] = 12;
  const Model m = ccsim::compile_scenario(document, "patched.json");
  EXPECT_EQ(m.agent_groups[0].staffed[0], 12.0);
  EXPECT_EQ(m.name, "patched");
}

TEST(ScenarioReader, LoadsTheErlangCExample) {
  const Model m = ccsim::load_scenario(scenarios_dir() / "erlang-c.json");
  EXPECT_EQ(m.horizon.intervals(), 48);
  EXPECT_DOUBLE_EQ(m.run.warmup_s, 3600.0);
  EXPECT_NEAR(m.contact_types[0].rate_per_s[0], 100.0 / 1800.0, 1e-15);
  EXPECT_DOUBLE_EQ(ccsim::mean(m.contact_types[0].handle_time), 180.0);
  EXPECT_FALSE(m.contact_types[0].patience.has_value());
  EXPECT_EQ(m.agent_groups[0].on_duty, std::vector<double>(48, 14));
}

TEST(ScenarioReader, LoadsTheErlangAExample) {
  const Model m = ccsim::load_scenario(scenarios_dir() / "erlang-a.json");
  ASSERT_TRUE(m.contact_types[0].patience.has_value());
  EXPECT_DOUBLE_EQ(ccsim::mean(*m.contact_types[0].patience), 300.0);
  EXPECT_EQ(m.agent_groups[0].on_duty, std::vector<double>(48, 13));
}

TEST(ScenarioReader, LoadsTheRetailDayExample) {
  const Model m = ccsim::load_scenario(scenarios_dir() / "retail-day.json");
  EXPECT_EQ(m.name, "retail-day");
  EXPECT_EQ(m.horizon.start_min, 8 * 60);
  EXPECT_EQ(m.horizon.intervals(), 24);
  EXPECT_EQ(m.run.replications, 50);
  EXPECT_EQ(m.run.seed, 7u);
  ASSERT_EQ(m.type_count(), 3u);
  ASSERT_EQ(m.group_count(), 3u);
  for (const auto& type : m.contact_types) {
    EXPECT_EQ(type.rate_per_s.size(), 24u);
    EXPECT_TRUE(type.patience.has_value());
    EXPECT_FALSE(type.groups.empty());
  }
  for (const auto& group : m.agent_groups) EXPECT_EQ(group.on_duty.size(), 24u);
}

}  // namespace
