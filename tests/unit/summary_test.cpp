// From tallies to KPIs: the issue, transfer, callback, cost, automation and email KPIs read off
// hand-made tallies, the segment and channel scopes, which KPI applies where, days and the whole
// horizon alone (Detail), and how the writers carry them.
#include "ccsim/summary.h"

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ccsim/engine.h"
#include "ccsim/kpi.h"
#include "ccsim/writers.h"
#include "testing/models.h"

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
      {Kpi::sl_target_met, {false, true, false, false}},
      {Kpi::talk_s, {true, true, true, true}},
      {Kpi::wrap_s, {true, true, true, true}},
      {Kpi::service_level_2, {true, true, false, true}},
      {Kpi::service_level_3, {true, true, false, true}},
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
                      "callback_wait_s", "cost_per_contact", "cost_per_resolved_issue",
                      "containment_rate", "bot_abandon_rate", "handoff_rate", "deflected",
                      "automation_rate", "cost_automation", "backlog", "backlog_oldest_h",
                      "response_sl", "sl_target_met", "talk_s", "wrap_s", "service_level_2",
                      "service_level_3"}));
  for (Kpi kpi : {Kpi::fcr, Kpi::resolution_rate, Kpi::repeat_rate, Kpi::transfer_rate,
                  Kpi::escalation_rate})
    EXPECT_TRUE(kpi_is_share(kpi)) << kpi_name(kpi);
  EXPECT_FALSE(kpi_is_share(Kpi::contacts_per_issue));
}

TEST(KpiNames, AutomationAndResponseRatesAreShares) {
  for (Kpi kpi : {Kpi::containment_rate, Kpi::bot_abandon_rate, Kpi::handoff_rate,
                  Kpi::automation_rate, Kpi::response_sl})
    EXPECT_TRUE(kpi_is_share(kpi)) << kpi_name(kpi);
  for (Kpi kpi : {Kpi::deflected, Kpi::cost_automation, Kpi::backlog, Kpi::backlog_oldest_h})
    EXPECT_FALSE(kpi_is_share(kpi)) << kpi_name(kpi);
}

// ---- automation, email and channels -------------------------------------------------------------

// Two half-hour intervals; "calls" (voice, segment "vip"), "chat" (chat, segment "vip") and "mail"
// (email, 80 % within 24 h); groups "front" and "back".
Model channel_model() {
  Model model = tiered_model();
  model.name = "omni";
  model.contact_types[0].id = "calls";
  model.contact_types[1].id = "chat";
  model.contact_types[1].channel = Channel::chat;
  model.contact_types[1].sla = {};
  model.contact_types[2].id = "mail";
  model.contact_types[2].channel = Channel::email;
  model.contact_types[2].response = ResponseRule{};
  model.segments.pop_back();  // "vip" only
  return model;
}

TEST(KpiValues, BotSharesDivideByTheContactsThatEnteredABot) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  ContactTally& c = tallies.contact(0, 0);
  c.offered = 100;
  c.bot_entries = 80;
  c.contained = 40;
  c.bot_abandoned = 10;
  c.handed_off = 30;
  tallies.contact(1, 0).offered = 50;  // no bot in this interval
  const auto v = kpi_values(model, tallies);
  const std::size_t billing = KpiLayout(model).type_scope(0);
  EXPECT_DOUBLE_EQ(value(model, v, billing, all, Kpi::containment_rate), 0.5);
  EXPECT_DOUBLE_EQ(value(model, v, billing, all, Kpi::bot_abandon_rate), 0.125);
  EXPECT_DOUBLE_EQ(value(model, v, billing, all, Kpi::handoff_rate), 0.375);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::containment_rate), 0.5);
  EXPECT_TRUE(std::isnan(value(model, v, billing, KpiLayout::interval_slot(1), Kpi::containment_rate)));
}

TEST(KpiValues, AutomationRateIsResolvedWithoutAnAgentOverDemand) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  ContactTally& c = tallies.contact(0, 1);
  c.deflected = 30;  // self-service took 30 ...
  c.leaked = 5;      // ... of which 5 came back as contacts
  c.contained = 20;
  tallies.issue(0, 1).opened = 105;  // fresh arrivals, the 5 leaks included: demand 100 + 30
  const auto v = kpi_values(model, tallies);
  const std::size_t orders = KpiLayout(model).type_scope(1);
  EXPECT_DOUBLE_EQ(value(model, v, orders, all, Kpi::deflected), 30.0);
  EXPECT_DOUBLE_EQ(value(model, v, orders, all, Kpi::automation_rate), (20.0 + 30.0 - 5.0) / 130.0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::automation_rate), 45.0 / 130.0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout(model).segment_scope(0), all, Kpi::deflected), 30.0);
  EXPECT_TRUE(std::isnan(value(model, v, KpiLayout(model).type_scope(2), all, Kpi::automation_rate)));
}

TEST(KpiValues, AutomationCostIsBotSessionsForTypesAssistForGroupsAndBothOverall) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  tallies.contact(0, 0).bot_cost = 12.0;
  tallies.contact(1, 2).bot_cost = 3.0;
  tallies.agent(0, 1).assist_cost = 7.0;
  tallies.agent(0, 1).cost = 107.0;  // assist is part of the group's cost
  const auto v = kpi_values(model, tallies);
  const KpiLayout layout(model);
  EXPECT_DOUBLE_EQ(value(model, v, layout.type_scope(0), all, Kpi::cost_automation), 12.0);
  EXPECT_DOUBLE_EQ(value(model, v, layout.segment_scope(0), all, Kpi::cost_automation), 12.0);
  EXPECT_DOUBLE_EQ(value(model, v, layout.group_scope(1), all, Kpi::cost_automation), 7.0);
  EXPECT_DOUBLE_EQ(value(model, v, layout.group_scope(0), all, Kpi::cost_automation), 0.0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::cost_automation), 22.0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, KpiLayout::interval_slot(1), Kpi::cost_automation), 3.0);
}

TEST(KpiValues, TheCentresCostIncludesBotSessions) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  tallies.agent(0, 0).cost = 100.0;
  tallies.contact(0, 0).bot_cost = 20.0;
  tallies.contact(0, 0).handled = 10;
  const auto v = kpi_values(model, tallies);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::cost_total), 120.0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::cost_per_contact), 12.0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout(model).group_scope(0), all, Kpi::cost_total), 100.0);
}

TEST(KpiValues, BacklogIsTheStockAtEachIntervalsEndAndTheLastOneForTheHorizon) {
  const Model model = tiered_model();
  Tallies tallies = empty_tallies(model);
  tallies.backlog(0, 0) = {.waiting = 4, .oldest_s = 7200.0};
  tallies.backlog(0, 1) = {.waiting = 6, .oldest_s = 1800.0};
  tallies.backlog(1, 0) = {.waiting = 2, .oldest_s = 3600.0};
  tallies.backlog(1, 1) = {.waiting = 1, .oldest_s = 5400.0};
  const auto v = kpi_values(model, tallies);
  const KpiLayout layout(model);
  const std::size_t first = KpiLayout::interval_slot(0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, first, Kpi::backlog), 10.0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, first, Kpi::backlog_oldest_h), 2.0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::backlog), 3.0);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::backlog_oldest_h), 1.5);
  EXPECT_DOUBLE_EQ(value(model, v, layout.segment_scope(0), all, Kpi::backlog), 3.0);
  EXPECT_DOUBLE_EQ(value(model, v, layout.type_scope(0), all, Kpi::backlog_oldest_h), 1.0);
  // Nothing waits for "tech": no oldest.
  EXPECT_EQ(value(model, v, layout.type_scope(2), all, Kpi::backlog), 0.0);
  EXPECT_TRUE(std::isnan(value(model, v, layout.type_scope(2), all, Kpi::backlog_oldest_h)));
}

TEST(KpiValues, ResponseServiceLevelCountsEmailTypesOnly) {
  const Model model = channel_model();
  Tallies tallies = empty_tallies(model);
  ContactTally& mail = tallies.contact(0, 2);
  mail.offered = mail.handled = 20;
  mail.responded_within = 15;
  ContactTally& calls = tallies.contact(0, 0);
  calls.offered = calls.answered = calls.handled = 30;
  calls.answered_within_sla = 30;
  calls.responded_within = 30;  // a voice type's count is no response
  const auto v = kpi_values(model, tallies);
  const KpiLayout layout(model);
  EXPECT_DOUBLE_EQ(value(model, v, layout.type_scope(2), all, Kpi::response_sl), 0.75);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::response_sl), 0.75);
  EXPECT_TRUE(std::isnan(value(model, v, layout.type_scope(0), all, Kpi::response_sl)));
  EXPECT_TRUE(std::isnan(value(model, v, layout.segment_scope(0), all, Kpi::response_sl)));
}

TEST(KpiValues, ServiceLevelLeavesOutEmailTypes) {
  const Model model = channel_model();
  Tallies tallies = empty_tallies(model);
  ContactTally& calls = tallies.contact(0, 0);
  calls.offered = calls.answered = calls.handled = 10;
  calls.answered_within_sla = 8;
  ContactTally& mail = tallies.contact(0, 2);
  mail.offered = mail.answered = mail.handled = 90;
  mail.answered_within_sla = 0;
  const auto v = kpi_values(model, tallies);
  const KpiLayout layout(model);
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::service_level), 0.8);
  EXPECT_TRUE(std::isnan(value(model, v, layout.type_scope(2), all, Kpi::service_level)));
  EXPECT_DOUBLE_EQ(value(model, v, KpiLayout::overall, all, Kpi::offered), 100.0);
}

TEST(KpiValues, ServiceLevelLeavesOutContactsThatNeverReachedTheQueue) {
  const Model model = tiered_model();  // billing: offered less short abandons; orders: answered
  Tallies tallies = empty_tallies(model);
  ContactTally& billing = tallies.contact(0, 0);
  billing.offered = 100;
  billing.contained = 30;
  billing.bot_abandoned = 10;
  billing.short_abandoned = 5;
  billing.abandoned = 10 + 5 + 5;  // bot abandons count as abandons
  billing.answered = billing.handled = 50;
  billing.answered_within_sla = 44;
  const auto v = kpi_values(model, tallies);
  const std::size_t scope = KpiLayout(model).type_scope(0);
  EXPECT_DOUBLE_EQ(value(model, v, scope, all, Kpi::service_level), 44.0 / 55.0);
  EXPECT_DOUBLE_EQ(value(model, v, scope, all, Kpi::abandon_rate), 0.2);
}

TEST(KpiLayout, SingleChannelModelsHaveNoChannelScopes) {
  Model model = plain_model();
  EXPECT_TRUE(KpiLayout(model).channels.empty());
  for (auto& type : model.contact_types) type.channel = Channel::chat;
  EXPECT_TRUE(KpiLayout(model).channels.empty());
  EXPECT_EQ(KpiLayout(model).scopes(), 1u + 3u + 2u);
}

TEST(KpiLayout, ChannelScopesFollowTheSegmentsInVoiceChatEmailOrder) {
  Model model = channel_model();
  model.contact_types[0].channel = Channel::email;  // email, chat, email: no voice
  const KpiLayout layout(model);
  ASSERT_EQ(layout.channels, (std::vector<Channel>{Channel::chat, Channel::email}));
  EXPECT_EQ(layout.scopes(), 1u + 3u + 2u + 1u + 2u);
  EXPECT_EQ(layout.channel_scope(0), layout.segment_scope(0) + 1);
  EXPECT_EQ(layout.kind(layout.channel_scope(1)), ScopeKind::channel);
  EXPECT_EQ(layout.kind(layout.segment_scope(0)), ScopeKind::segment);
  EXPECT_EQ(channel_id(Channel::voice), "voice");
  EXPECT_EQ(channel_id(Channel::email), "email");
}

TEST(KpiValues, AChannelAddsUpItsTypes) {
  Model model = channel_model();
  model.contact_types[2].channel = Channel::chat;  // "chat" and "mail" both on chat
  model.contact_types[2].response.reset();
  Tallies tallies = empty_tallies(model);
  ContactTally& chat = tallies.contact(0, 1);  // offered less contained: 11
  chat.offered = 12;
  chat.abandoned = 2;
  chat.answered = chat.handled = 10;
  chat.answered_within_sla = 8;
  chat.bot_entries = 4;
  chat.contained = 1;
  ContactTally& more = tallies.contact(1, 2);  // offered less contained: 20
  more.offered = 23;
  more.answered = more.handled = 20;
  more.answered_within_sla = 10;
  more.bot_entries = 4;
  more.contained = 3;
  tallies.contact(0, 0).offered = 1000;  // voice
  const auto v = kpi_values(model, tallies);
  const KpiLayout layout(model);
  const std::size_t chat_scope = layout.channel_scope(1);
  ASSERT_EQ(layout.channels[1], Channel::chat);
  EXPECT_DOUBLE_EQ(value(model, v, chat_scope, all, Kpi::offered), 35.0);
  EXPECT_DOUBLE_EQ(value(model, v, chat_scope, all, Kpi::service_level), 18.0 / 31.0);
  EXPECT_DOUBLE_EQ(value(model, v, chat_scope, all, Kpi::abandon_rate), 2.0 / 35.0);
  EXPECT_DOUBLE_EQ(value(model, v, chat_scope, all, Kpi::containment_rate), 0.5);
  EXPECT_DOUBLE_EQ(value(model, v, chat_scope, KpiLayout::interval_slot(0), Kpi::service_level), 8.0 / 11.0);
  EXPECT_DOUBLE_EQ(value(model, v, layout.channel_scope(0), all, Kpi::offered), 1000.0);
}

TEST(KpiValues, AChannelsCostIsItsShareOfEachGroupsCostByHandleTimePlusItsBots) {
  const Model model = channel_model();
  Tallies tallies = empty_tallies(model);
  AgentTally& front0 = tallies.agent(0, 0);  // 3/4 voice, 1/4 chat
  front0.cost = 100.0;
  front0.handle_s_by_channel = {1500.0, 500.0, 0.0};
  AgentTally& front1 = tallies.agent(1, 0);  // all email
  front1.cost = 60.0;
  front1.handle_s_by_channel = {0.0, 0.0, 900.0};
  tallies.agent(0, 1).cost = 40.0;  // handled nothing: no channel's cost
  tallies.contact(0, 0).handled = 15;
  tallies.contact(0, 1).handled = 5;
  tallies.contact(0, 1).bot_cost = 5.0;
  tallies.contact(1, 2).handled = 6;
  const auto v = kpi_values(model, tallies);
  const KpiLayout layout(model);
  const std::size_t voice = layout.channel_scope(0), chat = layout.channel_scope(1),
                    email = layout.channel_scope(2);
  EXPECT_DOUBLE_EQ(value(model, v, voice, all, Kpi::cost_total), 75.0);
  EXPECT_DOUBLE_EQ(value(model, v, voice, all, Kpi::cost_per_contact), 5.0);
  EXPECT_DOUBLE_EQ(value(model, v, chat, all, Kpi::cost_total), 30.0);
  EXPECT_DOUBLE_EQ(value(model, v, chat, all, Kpi::cost_per_contact), 6.0);
  EXPECT_DOUBLE_EQ(value(model, v, chat, all, Kpi::cost_automation), 5.0);
  EXPECT_DOUBLE_EQ(value(model, v, email, all, Kpi::cost_total), 60.0);
  EXPECT_DOUBLE_EQ(value(model, v, email, all, Kpi::cost_per_contact), 10.0);
  EXPECT_DOUBLE_EQ(value(model, v, email, KpiLayout::interval_slot(0), Kpi::cost_total), 0.0);
  EXPECT_TRUE(std::isnan(value(model, v, email, KpiLayout::interval_slot(0), Kpi::cost_per_contact)));
}

TEST(KpiApplies, ChannelsHaveContactAutomationAndCostKpis) {
  using enum ScopeKind;
  for (Kpi kpi : {Kpi::service_level, Kpi::fcr, Kpi::containment_rate, Kpi::automation_rate,
                  Kpi::backlog, Kpi::response_sl, Kpi::cost_total, Kpi::cost_per_contact,
                  Kpi::cost_automation})
    EXPECT_TRUE(kpi_applies(channel, kpi)) << kpi_name(kpi);
  for (Kpi kpi : {Kpi::occupancy, Kpi::utilisation, Kpi::cost_per_resolved_issue})
    EXPECT_FALSE(kpi_applies(channel, kpi)) << kpi_name(kpi);
  // Types and segments have the automation and email KPIs; groups only automation's cost.
  for (Kpi kpi : {Kpi::containment_rate, Kpi::bot_abandon_rate, Kpi::handoff_rate, Kpi::deflected,
                  Kpi::automation_rate, Kpi::cost_automation, Kpi::backlog, Kpi::backlog_oldest_h,
                  Kpi::response_sl}) {
    EXPECT_TRUE(kpi_applies(contact_type, kpi)) << kpi_name(kpi);
    EXPECT_TRUE(kpi_applies(segment, kpi)) << kpi_name(kpi);
    EXPECT_EQ(kpi_applies(agent_group, kpi), kpi == Kpi::cost_automation) << kpi_name(kpi);
  }
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
  for (std::string_view name : kpi_names)
    EXPECT_EQ(j["overall"].contains(name), name != "sl_target_met") << name;
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

TEST(SummaryJson, HasByChannelBesideBySegmentWithTheChannelIds) {
  const Model model = channel_model();
  const nlohmann::json j = summary_json(model, one_replication(model), {1, 1});
  ASSERT_TRUE(j["by_channel"].is_object());
  EXPECT_EQ(j["by_channel"].size(), 3u);
  for (const char* id : {"voice", "chat", "email"}) EXPECT_TRUE(j["by_channel"].contains(id)) << id;
  EXPECT_TRUE(j["by_channel"]["voice"].contains("cost_per_contact"));
  EXPECT_TRUE(j["by_channel"]["email"].contains("response_sl"));
  EXPECT_FALSE(j["by_channel"]["voice"].contains("occupancy"));
  EXPECT_DOUBLE_EQ(j["by_channel"]["voice"]["offered"]["mean"].get<double>(), 10.0);
  EXPECT_TRUE(j["by_interval"][1]["by_channel"].contains("chat"));
  EXPECT_TRUE(j["by_type"]["mail"].contains("backlog_oldest_h"));
  EXPECT_TRUE(j["by_group"]["front"].contains("cost_automation"));
}

TEST(SummaryJson, ByChannelIsEmptyWithOneChannel) {
  const Model model = plain_model();
  const nlohmann::json j = summary_json(model, one_replication(model), {1, 1});
  EXPECT_EQ(j["by_channel"], nlohmann::json::object());
  EXPECT_EQ(j["by_interval"][0]["by_channel"], nlohmann::json::object());
}

TEST(WriteCsv, HasChannelRowsAndTheAutomationKpis) {
  const Model model = channel_model();
  std::ostringstream csv;
  write_csv(csv, model, one_replication(model));
  const std::string text = csv.str();
  EXPECT_NE(text.find("\nchannel,voice,all,,offered,10,,1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nchannel,email,1,00:30,backlog,0,,1\n"), std::string::npos);
  EXPECT_NE(text.find("\nchannel,chat,all,,cost_per_contact,"), std::string::npos);
  EXPECT_NE(text.find("\noverall,,all,,automation_rate,"), std::string::npos);
  EXPECT_NE(text.find("\ntype,mail,all,,response_sl,"), std::string::npos);
  EXPECT_NE(text.find("\ngroup,back,all,,cost_automation,"), std::string::npos);
  EXPECT_EQ(text.find("\nchannel,voice,all,,occupancy,"), std::string::npos);
}

TEST(WriteTable, PlainScenariosShowNoChannelEmailOrAutomationBlock) {
  const Model model = plain_model();
  std::ostringstream out;
  write_table(out, model, one_replication(model), {1, 1});
  EXPECT_EQ(out.str().find("By channel"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("Email"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("Automation"), std::string::npos) << out.str();
}

TEST(WriteTable, ChannelsAndEmailGetTheirBlocks) {
  const Model model = channel_model();
  std::ostringstream out;
  write_table(out, model, one_replication(model), {1, 1});
  const std::string text = out.str();
  EXPECT_NE(text.find("By channel"), std::string::npos) << text;
  EXPECT_NE(text.find("response SL"), std::string::npos) << text;
  EXPECT_NE(text.find("  email "), std::string::npos) << text;
  EXPECT_NE(text.find("80% in 24 h"), std::string::npos) << text;
  EXPECT_NE(text.find("backlog"), std::string::npos) << text;
  EXPECT_EQ(text.find("Automation"), std::string::npos) << text;
}

TEST(WriteTable, BotsDeflectionOrAssistShowTheAutomationBlock) {
  Model model = plain_model();
  EXPECT_FALSE(has_automation(model));
  model.agent_groups[1].assist = AgentGroup::Assist{};
  EXPECT_TRUE(has_automation(model));
  std::ostringstream out;
  write_table(out, model, one_replication(model), {1, 1});
  EXPECT_NE(out.str().find("Automation"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("group back"), std::string::npos) << out.str();
  model = plain_model();
  model.contact_types[0].deflection = Deflection{};
  EXPECT_TRUE(has_automation(model));
  model = plain_model();
  model.bots.push_back(Bot{});
  EXPECT_TRUE(has_automation(model));
}

TEST(WriteTable, ChannelHelpersSeeAnyNonVoiceType) {
  Model model = plain_model();
  EXPECT_FALSE(uses_channels(model));
  EXPECT_FALSE(has_email(model));
  model.contact_types[1].channel = Channel::chat;
  EXPECT_TRUE(uses_channels(model));
  EXPECT_FALSE(has_email(model));
  model.contact_types[2].channel = Channel::email;
  EXPECT_TRUE(has_email(model));
}

// ---- detail: days and the whole horizon alone ---------------------------------------------------

// The tiered centre over two days of four half-hour intervals, at the given detail.
Model two_day_centre(Detail detail) {
  Model model = testing::tiered_centre();
  model.horizon.intervals_per_day = 4;
  model.horizon.days = 2;
  model.run.detail = detail;
  return model;
}

bool same_value(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// The KPIs that count (contacts, money): a day's are the sums of its intervals'.
constexpr Kpi summed_kpis[] = {Kpi::offered,           Kpi::handled,           Kpi::abandoned,
                               Kpi::in_system,         Kpi::cost_total,        Kpi::callbacks_offered,
                               Kpi::callbacks_accepted, Kpi::deflected,         Kpi::cost_automation};

TEST(KpiValues, WholeHorizonFiguresAreTheSameAtEveryDetail) {
  const Tallies tallies = run_replication(two_day_centre(Detail::interval), 5, 0);
  const Model by_interval = two_day_centre(Detail::interval);
  const std::vector<double> reference = kpi_values(by_interval, tallies);
  const KpiLayout reference_layout(by_interval);
  for (Detail detail : {Detail::day, Detail::total}) {
    const Model model = two_day_centre(detail);
    const KpiLayout layout(model);
    const std::vector<double> v = kpi_values(model, tallies);
    for (std::size_t scope = 0; scope < layout.scopes(); ++scope)
      for (std::size_t k = 0; k < kpi_count; ++k) {
        const auto kpi = static_cast<Kpi>(k);
        EXPECT_TRUE(same_value(v[layout.at(scope, all, kpi)], reference[reference_layout.at(scope, all, kpi)]))
            << detail_name(detail) << " scope " << scope << " " << kpi_name(kpi);
      }
  }
}

// The whole horizon's percentiles are those of every wait at full resolution: the same as the
// merge of all the intervals' histograms, which is how they were read before the tallies kept a
// whole-horizon histogram per type.
TEST(KpiValues, WholeHorizonWaitPercentilesAreThoseOfAllTheIntervalsWaits) {
  const Model model = two_day_centre(Detail::total);
  const Tallies tallies = run_replication(model, 5, 0);
  const std::vector<double> v = kpi_values(model, tallies);
  const KpiLayout layout(model);
  WaitHistogram overall;
  for (std::size_t k = 0; k < layout.types; ++k) {
    WaitHistogram type;
    for (std::size_t i = 0; i < layout.intervals; ++i) tallies.wait(i, k).merge_into(type);
    ASSERT_EQ(type, tallies.horizon_wait(k));
    if (type.count() > 0) {
      EXPECT_EQ(v[layout.at(layout.type_scope(k), all, Kpi::wait_p90_s)], type.quantile(0.9));
    }
    overall.merge(type);
  }
  ASSERT_GT(overall.count(), 0u);
  for (auto [kpi, p] : {std::pair{Kpi::wait_p50_s, 0.5}, {Kpi::wait_p90_s, 0.9}, {Kpi::wait_p99_s, 0.99}})
    EXPECT_EQ(v[layout.at(KpiLayout::overall, all, kpi)], overall.quantile(p)) << kpi_name(kpi);
}

TEST(KpiValues, DayFiguresAreTheSumsOfTheDaysIntervals) {
  const Tallies tallies = run_replication(two_day_centre(Detail::interval), 5, 0);
  const Model interval_model = two_day_centre(Detail::interval);
  const Model day_model = two_day_centre(Detail::day);
  const std::vector<double> by_interval = kpi_values(interval_model, tallies);
  const std::vector<double> by_day = kpi_values(day_model, tallies);
  const KpiLayout il(interval_model);
  const KpiLayout dl(day_model);
  for (std::size_t scope = 0; scope < dl.scopes(); ++scope)
    for (Kpi kpi : summed_kpis) {
      if (!kpi_applies(dl.kind(scope), kpi)) continue;
      for (std::size_t d = 0; d < 2; ++d) {
        double sum = 0.0;
        for (std::size_t i = 4 * d; i < 4 * d + 4; ++i)
          sum += by_interval[il.at(scope, KpiLayout::interval_slot(i), kpi)];
        EXPECT_NEAR(by_day[dl.at(scope, KpiLayout::day_slot(d), kpi)], sum, 1e-9 * std::abs(sum))
            << "scope " << scope << " day " << d << " " << kpi_name(kpi);
      }
    }
}

// Service level and ASA of a day divide the day's sums; they are not the mean of its intervals'.
TEST(KpiValues, DayRatiosDivideTheDaysSums) {
  const Model model = two_day_centre(Detail::day);
  const Tallies tallies = run_replication(model, 5, 0);
  const std::vector<double> v = kpi_values(model, tallies);
  const KpiLayout layout(model);
  for (std::size_t k = 0; k < layout.types; ++k)
    for (std::size_t d = 0; d < 2; ++d) {
      double within = 0.0, queued = 0.0, wait_s = 0.0, answered = 0.0;
      for (std::size_t i = 4 * d; i < 4 * d + 4; ++i) {
        const ContactTally& t = tallies.contact(i, k);
        within += static_cast<double>(t.answered_within_sla);
        queued += static_cast<double>(t.offered - t.contained - t.bot_abandoned - t.short_abandoned);
        wait_s += t.wait_answered_s;
        answered += static_cast<double>(t.answered);
      }
      ASSERT_GT(answered, 0.0);
      const std::size_t slot = KpiLayout::day_slot(d);
      EXPECT_DOUBLE_EQ(v[layout.at(layout.type_scope(k), slot, Kpi::service_level)], within / queued);
      EXPECT_DOUBLE_EQ(v[layout.at(layout.type_scope(k), slot, Kpi::asa_s)], wait_s / answered);
    }
}

TEST(KpiValues, DayPercentilesReadTheDaysMergedHistograms) {
  const Model model = two_day_centre(Detail::day);
  const Tallies tallies = run_replication(model, 5, 0);
  const std::vector<double> v = kpi_values(model, tallies);
  const KpiLayout layout(model);
  for (std::size_t d = 0; d < 2; ++d) {
    WaitHistogram overall;
    for (std::size_t k = 0; k < layout.types; ++k) {
      WaitHistogram type;
      for (std::size_t i = 4 * d; i < 4 * d + 4; ++i) tallies.wait(i, k).merge_into(type);
      if (type.count() > 0) {
        EXPECT_EQ(v[layout.at(layout.type_scope(k), KpiLayout::day_slot(d), Kpi::wait_p90_s)],
                  type.quantile(0.9));
      }
      overall.merge(type);
    }
    ASSERT_GT(overall.count(), 0u);
    EXPECT_EQ(v[layout.at(KpiLayout::overall, KpiLayout::day_slot(d), Kpi::wait_p99_s)], overall.quantile(0.99));
  }
}

TEST(KpiValues, ADaysBacklogIsItsLastIntervals) {
  Model model = channel_model();
  model.horizon.intervals_per_day = 1;
  model.horizon.days = 2;
  model.run.detail = Detail::day;
  Tallies tallies = empty_tallies(model);
  tallies.backlog(0, 2) = {5, 7200.0};
  tallies.backlog(1, 2) = {3, 3600.0};
  const auto v = kpi_values(model, tallies);
  const KpiLayout layout(model);
  EXPECT_DOUBLE_EQ(v[layout.at(layout.type_scope(2), KpiLayout::day_slot(0), Kpi::backlog)], 5.0);
  EXPECT_DOUBLE_EQ(v[layout.at(layout.type_scope(2), KpiLayout::day_slot(1), Kpi::backlog_oldest_h)], 1.0);
  EXPECT_DOUBLE_EQ(v[layout.at(KpiLayout::overall, all, Kpi::backlog)], 3.0);
}

TEST(KpiLayout, DetailSetsTheSlotsAfterTheWholeHorizon) {
  Model model = two_day_centre(Detail::interval);
  EXPECT_EQ(KpiLayout(model).slots(), 1u + 8u);
  model.run.detail = Detail::day;
  EXPECT_EQ(KpiLayout(model).slots(), 1u + 2u);
  model.run.detail = Detail::total;
  EXPECT_EQ(KpiLayout(model).slots(), 1u);
}

TEST(DefaultDetail, IsIntervalUpToAWeekAndDayBeyond) {
  Horizon horizon;
  horizon.days = 7;
  EXPECT_EQ(default_detail(horizon), Detail::interval);
  horizon.days = 8;
  EXPECT_EQ(default_detail(horizon), Detail::day);
}

TEST(SummaryJson, DayDetailWritesByDayInsteadOfByInterval) {
  Model model = two_day_centre(Detail::day);
  model.horizon.start_weekday = 5;  // Saturday
  const Summary summary = summarise(model, {kpi_values(model, run_replication(model, 5, 0))});
  const nlohmann::json j = summary_json(model, summary, {1, 5});
  EXPECT_FALSE(j.contains("by_interval"));
  ASSERT_EQ(j["by_day"].size(), 2u);
  EXPECT_EQ(j["by_day"][1]["day"], 1);
  EXPECT_EQ(j["by_day"][1]["weekday"], "Sun");
  EXPECT_TRUE(j["by_day"][0]["by_type"].contains("billing"));
  EXPECT_TRUE(j["by_day"][0]["by_segment"].contains("vip"));
}

TEST(SummaryJson, TotalDetailWritesNoPeriodRows) {
  const Model model = two_day_centre(Detail::total);
  const Summary summary = summarise(model, {kpi_values(model, run_replication(model, 5, 0))});
  const nlohmann::json j = summary_json(model, summary, {1, 5});
  EXPECT_FALSE(j.contains("by_interval"));
  EXPECT_FALSE(j.contains("by_day"));
  EXPECT_TRUE(j["overall"].contains("service_level"));
}

TEST(WriteCsv, DayDetailHasDayAndWeekdayColumns) {
  const Model model = two_day_centre(Detail::day);
  std::ostringstream csv;
  write_csv(csv, model, summarise(model, {kpi_values(model, run_replication(model, 5, 0))}));
  const std::string text = csv.str();
  EXPECT_EQ(text.substr(0, text.find('\n')), "scope,id,day,weekday,kpi,mean,ci95,n");
  EXPECT_NE(text.find("\noverall,,1,Tue,offered,"), std::string::npos);
  EXPECT_NE(text.find("\noverall,,all,,offered,"), std::string::npos);
}

TEST(WriteCsv, TotalDetailWritesOnlyWholeHorizonRows) {
  const Model model = two_day_centre(Detail::total);
  std::ostringstream csv;
  write_csv(csv, model, summarise(model, {kpi_values(model, run_replication(model, 5, 0))}));
  std::istringstream lines(csv.str());
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "scope,id,interval,start,kpi,mean,ci95,n");
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    const std::size_t third = line.find(',', line.find(',') + 1) + 1;
    EXPECT_EQ(line.substr(third, 4), "all,") << line;
  }
  EXPECT_GT(rows, 0);
}


// write_json streams the per-period rows; the bytes are summary_json's dump all the same.
TEST(WriteJson, WritesSummaryJsonsDumpByteForByteAtEveryDetail) {
  for (Detail detail : {Detail::interval, Detail::day, Detail::total}) {
    const Model model = two_day_centre(detail);
    const Summary summary = summarise(model, {kpi_values(model, run_replication(model, 5, 0)),
                                              kpi_values(model, run_replication(model, 5, 1))});
    const nlohmann::json more = {{"what_if", {{"more staff", {{"by_interval", {1, 2}}}}}}};
    nlohmann::json document = summary_json(model, summary, {2, 5});
    document["what_if"] = more["what_if"];
    std::ostringstream streamed;
    write_json(streamed, model, summary, {2, 5}, more);
    EXPECT_EQ(streamed.str(), document.dump(2) + "\n") << detail_name(detail);
  }
}

}  // namespace
}  // namespace ccsim
