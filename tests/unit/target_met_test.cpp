// P(target met): in each replication a contact type meets its target in a slot or not; the
// summary's mean of that indicator is the share of replications that meet it.
#include <cmath>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ccsim/kpi.h"
#include "ccsim/summary.h"
#include "ccsim/writers.h"

namespace ccsim {
namespace {

// Two half-hour intervals; a voice type "calls" (target 80 % in 20 s) and an email type "mail"
// (target 90 % within its response time); one group.
Model two_types() {
  Model model;
  model.name = "targets";
  model.horizon.intervals_per_day = 2;
  model.horizon.interval_s = 1800.0;
  ContactType calls;
  calls.id = "calls";
  calls.rate_per_s = {0.01, 0.01};
  calls.sla.target = 0.8;
  ContactType mail;
  mail.id = "mail";
  mail.channel = Channel::email;
  mail.rate_per_s = {0.01, 0.01};
  mail.response = ResponseRule{3600.0, 0.9, std::nullopt};
  model.contact_types = {calls, mail};
  AgentGroup group;
  group.id = "agents";
  group.staffed = {2.0, 2.0};
  group.on_duty = {2, 2};
  model.agent_groups.push_back(group);
  return model;
}

Tallies empty_tallies(const Model& model) {
  return Tallies(static_cast<std::size_t>(model.horizon.intervals()), model.type_count(),
                 model.group_count());
}

// `within` of 10 calls answered in time in interval i.
void answer_calls(Tallies& tallies, IntervalIndex i, std::uint64_t within) {
  ContactTally& c = tallies.contact(i, 0);
  c.offered = c.answered = c.handled = 10;
  c.answered_within_sla = within;
}

double met(const Model& model, const std::vector<double>& values, std::size_t type, std::size_t slot) {
  const KpiLayout layout(model);
  return values[layout.at(layout.type_scope(type), slot, Kpi::sl_target_met)];
}

TEST(TargetMet, AServiceLevelEqualToTheTargetMeetsIt) {
  const Model model = two_types();
  Tallies tallies = empty_tallies(model);
  answer_calls(tallies, 0, 8);
  EXPECT_EQ(met(model, kpi_values(model, tallies), 0, KpiLayout::interval_slot(0)), 1.0);
}

TEST(TargetMet, AServiceLevelBelowTheTargetMissesIt) {
  const Model model = two_types();
  Tallies tallies = empty_tallies(model);
  answer_calls(tallies, 0, 7);
  EXPECT_EQ(met(model, kpi_values(model, tallies), 0, KpiLayout::interval_slot(0)), 0.0);
}

TEST(TargetMet, EachSlotIsJudgedOnItsOwnServiceLevel) {
  const Model model = two_types();
  Tallies tallies = empty_tallies(model);
  answer_calls(tallies, 0, 10);
  answer_calls(tallies, 1, 7);
  const std::vector<double> v = kpi_values(model, tallies);
  EXPECT_EQ(met(model, v, 0, KpiLayout::interval_slot(0)), 1.0);
  EXPECT_EQ(met(model, v, 0, KpiLayout::interval_slot(1)), 0.0);
  EXPECT_EQ(met(model, v, 0, KpiLayout::whole_horizon), 1.0);  // 17 of 20 over the horizon
}

TEST(TargetMet, IsUndefinedWhereTheServiceLevelIs) {
  const Model model = two_types();
  const Tallies tallies = empty_tallies(model);
  EXPECT_TRUE(std::isnan(met(model, kpi_values(model, tallies), 0, KpiLayout::interval_slot(1))));
}

TEST(TargetMet, EmailIsJudgedOnItsResponseServiceLevel) {
  const Model model = two_types();
  Tallies tallies = empty_tallies(model);
  ContactTally& mail = tallies.contact(0, 1);
  mail.offered = mail.handled = 10;
  mail.responded_within = 9;
  EXPECT_EQ(met(model, kpi_values(model, tallies), 1, KpiLayout::interval_slot(0)), 1.0);
  mail.responded_within = 8;
  EXPECT_EQ(met(model, kpi_values(model, tallies), 1, KpiLayout::interval_slot(0)), 0.0);
}

TEST(TargetMet, TheSummaryGivesTheShareOfReplicationsThatMeetTheTarget) {
  const Model model = two_types();
  std::vector<std::vector<double>> replications;
  for (const std::uint64_t within : {9, 8, 5, 10}) {
    Tallies tallies = empty_tallies(model);
    answer_calls(tallies, 0, within);
    replications.push_back(kpi_values(model, tallies));
  }
  const Summary summary = summarise(model, replications);
  const Estimate& e = summary.get(summary.layout.type_scope(0), KpiLayout::interval_slot(0), Kpi::sl_target_met);
  EXPECT_DOUBLE_EQ(e.mean, 0.75);
  EXPECT_EQ(e.n, 4u);
}

TEST(TargetMet, IsReportedForContactTypesAloneInJsonAndCsv) {
  const Model model = two_types();
  Tallies tallies = empty_tallies(model);
  answer_calls(tallies, 0, 9);
  const Summary summary = summarise(model, {kpi_values(model, tallies)});
  const nlohmann::json j = summary_json(model, summary, {1, 1});
  EXPECT_EQ(j["by_type"]["calls"]["sl_target_met"]["mean"], 1.0);
  EXPECT_EQ(j["by_interval"][0]["by_type"]["calls"]["sl_target_met"]["mean"], 1.0);
  EXPECT_FALSE(j["overall"].contains("sl_target_met"));
  EXPECT_FALSE(j["by_group"]["agents"].contains("sl_target_met"));
  std::ostringstream csv;
  write_csv(csv, model, summary);
  EXPECT_NE(csv.str().find("type,calls,all,,sl_target_met,1,"), std::string::npos) << csv.str();
}

}  // namespace
}  // namespace ccsim
