// A call log fitted type by type, and the scenario written from it.
#include "ccsim/call_log_fit.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <gtest/gtest.h>

#include "ccsim/distribution.h"
#include "ccsim/fitted_scenario.h"
#include "ccsim/scenario.h"
#include "testing/input_errors.h"

namespace ccsim {
namespace {

using namespace std::chrono;

// Two days from 08:00 to 10:00 of one type: exponential handle times (mean 180 s) and patience
// (mean 120 s) against waits uniform on [0, 60) s; a caller abandons when patience < wait.
CallLog synthetic_log(bool anyone_abandons = true) {
  CallLog log;
  log.label = "log.csv";
  log.days = {year_month_day{year{2024}, month{3}, day{4}}, year_month_day{year{2024}, month{3}, day{5}}};
  log.types = {"calls"};
  boost::random::mt19937 rng(7);
  boost::random::exponential_distribution<double> handle(1.0 / 180.0), patience(1.0 / 120.0);
  boost::random::uniform_real_distribution<double> wait(0.0, 60.0), at(8 * 3600.0, 10 * 3600.0);
  for (std::uint32_t d = 0; d < 2; ++d)
    for (int i = 0; i < 400; ++i) {
      LoggedCall call;
      call.day = d;
      call.arrival_s = at(rng);
      const double w = std::floor(wait(rng));
      const double p = patience(rng);
      call.abandoned = anyone_abandons && p < w;
      call.wait_s = call.abandoned ? std::floor(p) : w;
      call.handle_s = call.abandoned ? 0.0 : std::ceil(handle(rng));
      log.calls.push_back(call);
    }
  return log;
}

const CallLogGrid two_hours{8 * 3600.0, 10 * 3600.0, 1800.0};

TEST(CallLogFit, ChosenLawsAreTheChosenCandidatesScenarioObjects) {
  const CallLogFit fit = fit_call_log(synthetic_log(), two_hours, FitChoices{"gamma", "weibull"});
  const TypeFit& type = fit.types[0];
  EXPECT_EQ(type.handle_time[type.handle_time_chosen].family, "gamma");
  ASSERT_TRUE(type.patience_chosen.has_value());
  EXPECT_EQ(type.patience[*type.patience_chosen].family, "weibull");
  const auto laws = chosen_laws(fit);
  EXPECT_EQ(laws[0].handle_time["dist"], "gamma");
  EXPECT_EQ(laws[0].patience["dist"], "weibull");
}

TEST(CallLogFit, KaplanMeierIsThePatienceWrittenByDefault) {
  const CallLogFit fit = fit_call_log(synthetic_log(), two_hours, FitChoices{});
  EXPECT_FALSE(fit.types[0].patience_chosen.has_value());
  EXPECT_EQ(chosen_laws(fit)[0].patience["dist"], "kaplan_meier");
}

TEST(CallLogFit, AbandonmentsAtZeroSecondsLeaveEveryPatienceFamilyFitted) {
  CallLog log = synthetic_log();
  for (int i = 0; i < 5; ++i) {
    log.calls[static_cast<std::size_t>(i)].abandoned = true;
    log.calls[static_cast<std::size_t>(i)].wait_s = 0.0;
    log.calls[static_cast<std::size_t>(i)].handle_s = 0.0;
  }
  const CallLogFit fit = fit_call_log(log, two_hours, FitChoices{});
  ASSERT_EQ(fit.types[0].patience.size(), 3u);
  EXPECT_EQ(fit.types[0].patience[1].family, "weibull");
  EXPECT_EQ(fit.types[0].patience[2].family, "lognormal");
}

TEST(CallLogFit, WithoutAbandonmentNoPatienceIsWrittenAndTheReportSaysWhy) {
  const CallLogFit fit = fit_call_log(synthetic_log(false), two_hours, FitChoices{});
  EXPECT_FALSE(fit.types[0].kaplan_meier.has_value());
  EXPECT_TRUE(chosen_laws(fit)[0].patience.is_null());
  EXPECT_NE(fit.types[0].note.find("nobody abandoned"), std::string::npos);
}

TEST(CallLogFit, ATypeWithoutHandleTimesIsNamed) {
  CallLog log = synthetic_log();
  for (LoggedCall& call : log.calls) call.handle_s = 0.0;
  const std::string error = testing::error_of([&] { fit_call_log(log, two_hours, FitChoices{}); });
  EXPECT_EQ(error.rfind("log.csv: type \"calls\": cannot fit handle times: ", 0), 0u) << error;
  EXPECT_NE(error.find("(leave the type out with --types)"), std::string::npos) << error;
}

TEST(CallLogFit, TypeNamesBecomeScenarioIds) {
  CallLog log = synthetic_log();
  log.types = {"101"};
  EXPECT_EQ(fit_call_log(log, two_hours, FitChoices{}).scenario_ids, std::vector<std::string>{"type_101"});
  log.types = {"Billing Enquiry"};
  EXPECT_EQ(fit_call_log(log, two_hours, FitChoices{}).scenario_ids,
            std::vector<std::string>{"Billing_Enquiry"});
}

TEST(CallLogFit, ALawAScenarioWouldRefuseIsNeverChosen) {
  // Handle times spread over seven orders of magnitude: a lognormal's CV is far over 100.
  CallLog log = synthetic_log();
  boost::random::mt19937 rng(3);
  boost::random::uniform_real_distribution<double> log_time(0.0, 16.0);
  for (LoggedCall& call : log.calls)
    if (!call.abandoned) call.handle_s = std::exp(log_time(rng));
  const CallLogFit fit = fit_call_log(log, two_hours, FitChoices{"best", "kaplan_meier"});
  const TypeFit& type = fit.types[0];
  ASSERT_EQ(type.handle_time[2].family, "lognormal");
  EXPECT_FALSE(type.handle_time_refused[2].empty());
  EXPECT_TRUE(type.handle_time_refused[type.handle_time_chosen].empty());
}

TEST(FittedScenario, RunsAsItIsWithTheLogsArrivalsAndStaffing) {
  const CallLogFit fit = fit_call_log(synthetic_log(), two_hours, FitChoices{});
  FittedScenarioOptions options;
  options.name = "synthetic";
  const nlohmann::ordered_json scenario = fitted_scenario(fit.profile, chosen_laws(fit), options);
  EXPECT_EQ(scenario["horizon"]["start"], "08:00");
  EXPECT_EQ(scenario["horizon"]["intervals"], 4);
  double arrivals = 0.0;
  for (const auto& count : scenario["contact_types"][0]["arrivals"]["per_interval"])
    arrivals += count.get<double>();
  EXPECT_NEAR(arrivals, 400.0, 1e-9);  // 800 calls over two days
  const Model model = Scenario(nlohmann::json::parse(scenario.dump()), "fitted.json").compile();
  EXPECT_EQ(model.contact_types.size(), 1u);
  // The inferred mean agents in hundredths, at least one where calls arrive; what the scenario
  // staffs is exactly that (fractions are agents present for part of the interval).
  ASSERT_EQ(scenario["agent_groups"][0]["staffing"].size(), fit.profile.agents.size());
  for (std::size_t j = 0; j < fit.profile.agents.size(); ++j) {
    const double written = scenario["agent_groups"][0]["staffing"][j].get<double>();
    EXPECT_GE(written, 1.0) << j;
    EXPECT_NEAR(written, std::max(1.0, fit.profile.agents[j]), 0.005) << j;
    EXPECT_EQ(model.agent_groups[0].on_duty[j], written) << j;
  }
}

// The synthetic log with a priority column: a caller who waited is identified with probability
// 0.75 and then takes 300 s (exponential) instead of 180 s.
CallLog identified_log() {
  CallLog log = synthetic_log();
  log.has_priorities = true;
  boost::random::mt19937 rng(11);
  boost::random::uniform_real_distribution<double> u(0.0, 1.0);
  boost::random::exponential_distribution<double> handle(1.0 / 300.0);
  for (LoggedCall& call : log.calls)
    if ((call.abandoned || call.wait_s > 0.0) && u(rng) < 0.75) {
      call.identified = true;
      if (!call.abandoned) call.handle_s = std::ceil(handle(rng));
    }
  return log;
}

TEST(FittedScenario, IdentifiedCallersWhoWaitedAreTheTypesQueuedClass) {
  const CallLogFit fit = fit_call_log(identified_log(), two_hours, FitChoices{});
  ASSERT_EQ(fit.scenario_ids, (std::vector<std::string>{"calls", "calls_identified"}));
  const nlohmann::ordered_json scenario = fitted_scenario(fit.profile, chosen_laws(fit), FittedScenarioOptions{});
  const auto& types = scenario["contact_types"];
  const double share = types[0]["when_queued"]["becomes"]["calls_identified"].get<double>();
  EXPECT_NEAR(share, 0.75, 0.05);
  EXPECT_EQ(share, std::round(fit.profile.types[1].share * 1e4) / 1e4);
  EXPECT_EQ(types[1]["arrivals"], nlohmann::ordered_json({{"rate_per_hour", 0}}));
  EXPECT_EQ(scenario["agent_groups"][0]["skills"], nlohmann::ordered_json({"calls", "calls_identified"}));
  const Model model = Scenario(nlohmann::json::parse(scenario.dump()), "fitted.json").compile();
  ASSERT_EQ(model.contact_types.size(), 2u);
  // Each fitted on its own calls: within 4 standard errors (an exponential's: mean / sqrt(n)) of
  // the law it was drawn from.
  for (const auto& [k, drawn_mean] : {std::pair{0, 180.0}, std::pair{1, 300.0}}) {
    const double n = static_cast<double>(fit.profile.types[k].handle_s.size());
    EXPECT_NEAR(mean(model.contact_types[k].handle_time), drawn_mean, 4 * drawn_mean / std::sqrt(n)) << k;
  }
}

TEST(FittedScenario, WithoutClassesEveryCallerFitsTheirType) {
  FitChoices choices;
  choices.identified_classes = false;
  const CallLogFit fit = fit_call_log(identified_log(), two_hours, choices);
  EXPECT_EQ(fit.scenario_ids, std::vector<std::string>{"calls"});
  const nlohmann::ordered_json scenario = fitted_scenario(fit.profile, chosen_laws(fit), FittedScenarioOptions{});
  EXPECT_FALSE(scenario["contact_types"][0].contains("when_queued"));
}

}  // namespace
}  // namespace ccsim
