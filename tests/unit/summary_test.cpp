// From tallies to KPIs: the issue, transfer, callback and cost KPIs read off hand-made tallies, the
// segment scope, which KPI applies where, and how the writers carry them.
#include "ccsim/summary.h"

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ccsim/kpi.h"
#include "ccsim/writers.h"

namespace ccsim {
namespace {

// Two half-hour intervals; types "billing" and "orders" in segment "vip", "tech" in none; segment
// "standard" has no type; groups "front" and "back". Each type's service level has its own rule.
Model tiered_model() {
  Model model;
  model.name = "tiered";
  model.horizon.intervals_per_day = 2;
  model.horizon.interval_s = 1800.0;
  model.segments = {{"vip", 0, std::nullopt}, {"standard", 1, std::nullopt}};
  for (const char* id : {"billing", "orders", "tech"}) {
    ContactType type;
    type.id = id;
    type.rate_per_s = {0.01, 0.01};
    model.contact_types.push_back(type);
  }
  model.contact_types[0].segment = 0;
  model.contact_types[1].segment = 0;
  model.contact_types[1].sla.denominator = SlaDenominator::answered;
  model.contact_types[1].sla.answer_within_s = 30.0;
  for (const char* id : {"front", "back"}) {
    AgentGroup group;
    group.id = id;
    group.staffed = {2.0, 2.0};
    group.on_duty = {2, 2};
    model.agent_groups.push_back(group);
  }
  return model;
}

// The same centre as a plain queueing scenario: no segments, every contact resolves.
Model plain_model() {
  Model model = tiered_model();
  model.segments.clear();
  for (auto& type : model.contact_types) type.segment = no_segment;
  return model;
}

Tallies empty_tallies(const Model& model) {
  return Tallies(static_cast<std::size_t>(model.horizon.intervals()), model.type_count(),
                 model.group_count());
}

double value(const Model& model, const std::vector<double>& values, std::size_t scope,
             std::size_t slot, Kpi kpi) {
  return values[KpiLayout(model).at(scope, slot, kpi)];
}

constexpr std::size_t all = KpiLayout::whole_horizon;

TEST(KpiValues, IssueKpisAreSharesOfTheIssuesOpened) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  IssueTally& i0 = tallies.issue(0, 2);
  i0.opened = 10;
  i0.resolved = 8;
  i0.first_contact_resolved = 6;
  i0.repeated = 3;
  i0.contacts = 15;
  IssueTally& i1 = tallies.issue(1, 2);
  i1.opened = 10;
  i1.resolved = 10;
  i1.first_contact_resolved = 10;
  i1.contacts = 10;
  const auto v = kpi_values(model, tallies);
  const std::size_t tech = KpiLayout(model).type_scope(2);
  EXPECT_DOUBLE_EQ(value(model, v, tech, all, Kpi::fcr), 16.0 / 20.0);
  EXPECT_DOUBLE_EQ(value(model, v, tech, all, Kpi::resolution_rate), 18.0 / 20.0);
  EXPECT_DOUBLE_EQ(value(model, v, tech, all, Kpi::repeat_rate), 3.0 / 20.0);
  EXPECT_DOUBLE_EQ(value(model, v, tech, all, Kpi::contacts_per_issue), 25.0 / 20.0);
  EXPECT_DOUBLE_EQ(value(model, v, tech, KpiLayout::interval_slot(0), Kpi::fcr), 0.6);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::fcr), 0.8);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::contacts_per_issue), 1.25);
}

TEST(KpiValues, TransferAndEscalationRatesDivideByHandledContacts) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  ContactTally& c = tallies.contact(0, 0);
  c.offered = c.answered = c.handled = 20;
  c.transferred = 5;
  c.escalated = 4;
  tallies.contact(1, 1).offered = tallies.contact(1, 1).handled = 20;
  const auto v = kpi_values(model, tallies);
  const std::size_t billing = KpiLayout(model).type_scope(0);
  EXPECT_DOUBLE_EQ(value(model, v, billing, all, Kpi::transfer_rate), 0.25);
  EXPECT_DOUBLE_EQ(value(model, v, billing, all, Kpi::escalation_rate), 0.20);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::transfer_rate), 5.0 / 40.0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::escalation_rate), 4.0 / 40.0);
}

TEST(KpiValues, GroupTransferEscalationAndCostPerContactComeFromTheAgentTallies) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  for (std::size_t i = 0; i < 2; ++i) {
    AgentTally& a = tallies.agent(i, 0);
    a.handled = 50;
    a.escalated = 10;
    a.transferred = 15;
    a.cost = 250.0;
  }
  const auto v = kpi_values(model, tallies);
  const std::size_t front = KpiLayout(model).group_scope(0);
  EXPECT_DOUBLE_EQ(value(model, v, front, all, Kpi::escalation_rate), 0.20);
  EXPECT_DOUBLE_EQ(value(model, v, front, all, Kpi::transfer_rate), 0.30);
  EXPECT_DOUBLE_EQ(value(model, v, front, all, Kpi::cost_per_contact), 5.0);
  EXPECT_DOUBLE_EQ(value(model, v, front, KpiLayout::interval_slot(1), Kpi::cost_per_contact), 5.0);
}

TEST(KpiValues, TimeToResolutionPercentilesComeFromTheResolutionHistograms) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  WaitHistogram expected;
  for (double t : {600.0, 3600.0, 7200.0, 86400.0}) {
    tallies.resolution_time(0, 0).add(t);
    expected.add(t);
  }
  for (double t : {60.0, 120.0}) {
    tallies.resolution_time(1, 2).add(t);
    expected.add(t);
  }
  const auto v = kpi_values(model, tallies);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::time_to_resolution_p50_s), expected.quantile(0.5));
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::time_to_resolution_p90_s), expected.quantile(0.9));
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout(model).type_scope(0), all, Kpi::time_to_resolution_p90_s),
                   tallies.resolution_time(0, 0).quantile(0.9));
}

TEST(KpiValues, CallbacksAreCountedAndTheirWaitAveragedOverAnsweredCallbacks) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  ContactTally& c = tallies.contact(0, 1);
  c.callbacks_offered = 12;
  c.callbacks_accepted = 7;
  c.callbacks_answered = 4;
  c.callback_wait_s = 2000.0;
  tallies.contact(1, 1).callbacks_offered = 3;
  const auto v = kpi_values(model, tallies);
  const std::size_t orders = KpiLayout(model).type_scope(1);
  EXPECT_DOUBLE_EQ(value(model, v, orders, all, Kpi::callbacks_offered), 15.0);
  EXPECT_DOUBLE_EQ(value(model, v, orders, all, Kpi::callbacks_accepted), 7.0);
  EXPECT_DOUBLE_EQ(value(model, v, orders, all, Kpi::callback_wait_s), 500.0);
  EXPECT_TRUE(std::isnan(value(model, v, orders, KpiLayout::interval_slot(1), Kpi::callback_wait_s)));
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::callbacks_offered), 15.0);
}

TEST(KpiValues, CostPerContactAndPerResolvedIssueDivideTheTotalCost) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  tallies.agent(0, 0).cost = 300.0;
  tallies.agent(1, 1).cost = 500.0;
  tallies.contact(0, 0).handled = 60;
  tallies.contact(1, 2).handled = 40;
  tallies.issue(0, 0).opened = 70;
  tallies.issue(0, 0).resolved = 50;
  const auto v = kpi_values(model, tallies);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::cost_per_contact), 8.0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::cost_per_resolved_issue), 16.0);
}

TEST(KpiValues, NewRatiosAreUndefinedWithoutTheirDenominator) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  tallies.agent(0, 0).cost = 300.0;
  const auto v = kpi_values(model, tallies);
  for (Kpi kpi : {Kpi::fcr, Kpi::resolution_rate, Kpi::repeat_rate, Kpi::contacts_per_issue,
                  Kpi::transfer_rate, Kpi::escalation_rate, Kpi::time_to_resolution_p50_s,
                  Kpi::time_to_resolution_p90_s, Kpi::callback_wait_s, Kpi::cost_per_contact,
                  Kpi::cost_per_resolved_issue})
    EXPECT_TRUE(std::isnan(value(model, v, KpiLayout::overall, all, kpi))) << kpi_name(kpi);
  EXPECT_EQ(value(model, v, KpiLayout::overall, all, Kpi::callbacks_offered), 0.0);
}

TEST(KpiValues, ASegmentAddsUpItsTypesEachServiceLevelByItsOwnRule) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  ContactTally& billing = tallies.contact(0, 0);  // offered less short abandons: 18 of 20
  billing.offered = 20;
  billing.short_abandoned = 2;
  billing.abandoned = 2;
  billing.answered = billing.handled = 18;
  billing.answered_within_sla = 9;
  billing.transferred = 3;
  ContactTally& orders = tallies.contact(1, 1);  // answered: 10
  orders.offered = 12;
  orders.abandoned = 2;
  orders.answered = orders.handled = 10;
  orders.answered_within_sla = 8;
  orders.callbacks_offered = 4;
  ContactTally& tech = tallies.contact(0, 2);  // in no segment
  tech.offered = tech.answered = tech.handled = 100;
  tech.transferred = 50;
  tallies.issue(0, 0) = {.opened = 20, .resolved = 15, .first_contact_resolved = 10, .contacts = 25};
  tallies.issue(1, 1) = {.opened = 12, .resolved = 12, .first_contact_resolved = 12, .contacts = 12};
  tallies.issue(0, 2) = {.opened = 100, .contacts = 100};
  const auto v = kpi_values(model, tallies);
  const KpiLayout layout(model);
  const std::size_t vip = layout.segment_scope(0);
  EXPECT_EQ(layout.kind(vip), ScopeKind::segment);
  EXPECT_DOUBLE_EQ(value(model, v, vip, all, Kpi::offered), 32.0);
  EXPECT_DOUBLE_EQ(value(model, v, vip, all, Kpi::service_level), (9.0 + 8.0) / (18.0 + 10.0));
  EXPECT_DOUBLE_EQ(value(model, v, vip, all, Kpi::abandon_rate), 4.0 / 32.0);
  EXPECT_DOUBLE_EQ(value(model, v, vip, all, Kpi::transfer_rate), 3.0 / 28.0);
  EXPECT_DOUBLE_EQ(value(model, v, vip, all, Kpi::callbacks_offered), 4.0);
  EXPECT_DOUBLE_EQ(value(model, v, vip, all, Kpi::fcr), 22.0 / 32.0);
  EXPECT_DOUBLE_EQ(value(model, v, vip, all, Kpi::resolution_rate), 27.0 / 32.0);
  EXPECT_DOUBLE_EQ(value(model, v, vip, all, Kpi::contacts_per_issue), 37.0 / 32.0);
  EXPECT_DOUBLE_EQ(value(model, v, vip, KpiLayout::interval_slot(0), Kpi::service_level), 0.5);
  EXPECT_DOUBLE_EQ(value(model, v, vip, KpiLayout::interval_slot(1), Kpi::service_level), 0.8);
  // A segment no type belongs to has nothing to count.
  EXPECT_EQ(value(model, v, layout.segment_scope(1), all, Kpi::offered), 0.0);
  EXPECT_TRUE(std::isnan(value(model, v, layout.segment_scope(1), all, Kpi::fcr)));
}

TEST(KpiLayout, ModelsWithoutSegmentsHaveNoSegmentScopes) {
  const KpiLayout layout(plain_model());
  EXPECT_EQ(layout.scopes(), 1u + 3u + 2u);
  EXPECT_EQ(layout.kind(layout.group_scope(1)), ScopeKind::agent_group);
}

TEST(KpiLayout, SegmentScopesComeAfterTheGroups) {
  const KpiLayout layout(tiered_model());
  EXPECT_EQ(layout.scopes(), 1u + 3u + 2u + 2u);
  EXPECT_EQ(layout.segment_scope(0), layout.group_scope(1) + 1);
  EXPECT_EQ(layout.kind(layout.segment_scope(1)), ScopeKind::segment);
  EXPECT_EQ(layout.kind(layout.type_scope(2)), ScopeKind::contact_type);
}

TEST(KpiApplies, EachNewKpiAppliesToItsScopes) {
  using enum ScopeKind;
  // overall, contact type, agent group, segment
  const std::vector<std::pair<Kpi, std::vector<bool>>> matrix = {
      {Kpi::fcr, {true, true, false, true}},
      {Kpi::resolution_rate, {true, true, false, true}},
      {Kpi::repeat_rate, {true, true, false, true}},
      {Kpi::contacts_per_issue, {true, true, false, true}},
      {Kpi::transfer_rate, {true, true, true, true}},
      {Kpi::escalation_rate, {true, true, true, true}},
      {Kpi::time_to_resolution_p50_s, {true, true, false, true}},
      {Kpi::time_to_resolution_p90_s, {true, true, false, true}},
      {Kpi::callbacks_offered, {true, true, false, true}},
      {Kpi::callbacks_accepted, {true, true, false, true}},
      {Kpi::callback_wait_s, {true, true, false, true}},
      {Kpi::cost_per_contact, {true, false, true, false}},
      {Kpi::cost_per_resolved_issue, {true, false, false, false}},
      {Kpi::service_level, {true, true, false, true}},
      {Kpi::occupancy, {true, false, true, false}},
      {Kpi::cost_total, {true, false, true, false}},
      {Kpi::aht_s, {true, true, true, true}},
  };
  for (const auto& [kpi, expected] : matrix) {
    const std::vector<bool> got = {kpi_applies(overall, kpi), kpi_applies(contact_type, kpi),
                                   kpi_applies(agent_group, kpi), kpi_applies(segment, kpi)};
    EXPECT_EQ(got, expected) << kpi_name(kpi);
  }
}

TEST(KpiNames, NewKpisFollowCostTotalInTheContractOrder) {
  const std::vector<std::string_view> tail(kpi_names.begin() + static_cast<std::ptrdiff_t>(Kpi::cost_total),
                                           kpi_names.end());
  EXPECT_EQ(tail, (std::vector<std::string_view>{
                      "cost_total", "fcr", "resolution_rate", "repeat_rate", "contacts_per_issue",
                      "transfer_rate", "escalation_rate", "time_to_resolution_p50_s",
                      "time_to_resolution_p90_s", "callbacks_offered", "callbacks_accepted",
                      "callback_wait_s", "cost_per_contact", "cost_per_resolved_issue"}));
  for (Kpi kpi : {Kpi::fcr, Kpi::resolution_rate, Kpi::repeat_rate, Kpi::transfer_rate,
                  Kpi::escalation_rate})
    EXPECT_TRUE(kpi_is_share(kpi)) << kpi_name(kpi);
  EXPECT_FALSE(kpi_is_share(Kpi::contacts_per_issue));
}

// ---- writers ------------------------------------------------------------------------------------

Summary one_replication(const Model& model) {
  Tallies tallies = empty_tallies(model);
  tallies.contact(0, 0) = {.offered = 10, .answered = 10, .handled = 10, .answered_within_sla = 8,
                           .handle_s = 3000.0, .resolved = 7, .transferred = 3};
  tallies.issue(0, 0) = {.opened = 10, .resolved = 7, .first_contact_resolved = 6, .contacts = 13};
  tallies.agent(0, 0) = {.handled = 10, .handle_s = 3000.0, .busy_s = 3000.0, .present_s = 3600.0,
                         .paid_s = 3600.0, .cost = 25.0};
  return summarise(model, {kpi_values(model, tallies)});
}

TEST(SummaryJson, HasBySegmentBesideByTypeAndByGroupWithTheNewKpis) {
  const Model model = tiered_model();
  const nlohmann::json j = summary_json(model, one_replication(model), {1, 1});
  ASSERT_TRUE(j["by_segment"].is_object());
  EXPECT_TRUE(j["by_segment"].contains("vip"));
  EXPECT_TRUE(j["by_segment"].contains("standard"));
  EXPECT_TRUE(j["by_segment"]["vip"].contains("service_level"));
  EXPECT_TRUE(j["by_segment"]["vip"].contains("fcr"));
  EXPECT_FALSE(j["by_segment"]["vip"].contains("cost_per_contact"));
  EXPECT_DOUBLE_EQ(j["by_segment"]["vip"]["fcr"]["mean"].get<double>(), 0.6);
  EXPECT_TRUE(j["by_interval"][0]["by_segment"].contains("vip"));
  for (std::string_view name : kpi_names) EXPECT_TRUE(j["overall"].contains(name)) << name;
  EXPECT_TRUE(j["by_group"]["front"].contains("escalation_rate"));
  EXPECT_TRUE(j["by_group"]["front"].contains("cost_per_contact"));
  EXPECT_FALSE(j["by_type"]["billing"].contains("cost_per_resolved_issue"));
}

TEST(SummaryJson, BySegmentIsEmptyWithoutSegments) {
  const Model model = plain_model();
  const nlohmann::json j = summary_json(model, one_replication(model), {1, 1});
  EXPECT_EQ(j["by_segment"], nlohmann::json::object());
}

TEST(WriteCsv, HasSegmentRowsAndTheNewKpis) {
  const Model model = tiered_model();
  std::ostringstream csv;
  write_csv(csv, model, one_replication(model));
  const std::string text = csv.str();
  EXPECT_NE(text.find("\nsegment,vip,all,,fcr,0.6,,1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nsegment,standard,0,00:00,service_level,"), std::string::npos);
  EXPECT_NE(text.find("\noverall,,all,,cost_per_resolved_issue,"), std::string::npos);
  EXPECT_NE(text.find("\ngroup,front,all,,cost_per_contact,2.5,"), std::string::npos);
  EXPECT_EQ(text.find("\nsegment,vip,all,,cost_per_contact,"), std::string::npos);
}

TEST(WriteTable, PlainScenariosShowNoResolutionOrSegmentBlock) {
  const Model model = plain_model();
  std::ostringstream out;
  write_table(out, model, one_replication(model), {1, 1});
  EXPECT_EQ(out.str().find("By segment"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("FCR"), std::string::npos) << out.str();
}

TEST(WriteTable, TieredScenariosShowSegmentsAndResolution) {
  const Model model = tiered_model();
  std::ostringstream out;
  write_table(out, model, one_replication(model), {1, 1});
  const std::string text = out.str();
  EXPECT_NE(text.find("By segment"), std::string::npos) << text;
  EXPECT_NE(text.find("  vip "), std::string::npos) << text;
  EXPECT_NE(text.find("FCR"), std::string::npos) << text;
  EXPECT_NE(text.find("cost/resolved issue"), std::string::npos) << text;
}

TEST(WriteTable, AnyTieringFeatureShowsTheResolutionBlock) {
  Model model = plain_model();
  EXPECT_FALSE(has_tiering(model));
  model.contact_types[2].resolution_p = 0.9;
  EXPECT_TRUE(has_tiering(model));
  model = plain_model();
  model.contact_types[0].callback = Callback{};
  EXPECT_TRUE(has_tiering(model));
}

}  // namespace
}  // namespace ccsim
