// After-call work (wrap-up): the contact leaves when its conversation ends, the agent stays busy
// for the wrap-up and only then takes the next contact. Exact traces of tiny deterministic
// journeys, one closed form, and the common random numbers a what-if relies on.
#include <cmath>
#include <map>
#include <sstream>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "ccsim/kpi.h"
#include "ccsim/offered_load.h"
#include "ccsim/summary.h"
#include "ccsim/writers.h"
#include "testing/models.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

using testing::at;
using testing::trace_of;
using K = TraceKind;

// One agent, talk 60 s, wrap-up 30 s, nobody abandons; arrivals replayed; five-minute intervals.
Model one_agent_wrapping(std::vector<double> arrivals, int intervals = 1) {
  testing::SingleQueue spec;
  spec.handle_time = Deterministic{60.0};
  spec.agents = 1;
  spec.intervals = intervals;
  spec.interval_min = 5.0;
  Model model = testing::single_queue(spec);
  model.contact_types[0].arrival_times_s = std::move(arrivals);
  model.contact_types[0].wrap_up = Deterministic{30.0};
  return model;
}

double kpi(const Model& model, const std::vector<double>& values, std::size_t scope, Kpi k) {
  const KpiLayout layout(model);
  return values[layout.at(scope, KpiLayout::whole_horizon, k)];
}

TEST(WrapUp, TheNextContactIsAnsweredWhenTheWrapUpEndsNotWhenTheConversationEnds) {
  // t=0   #0 arrives and is answered.  t=10 #1 arrives and waits (the agent is talking).
  // t=60  #0's conversation ends: it leaves, resolved; the agent wraps up until t=90.
  // t=90  the agent frees and answers #1 (without wrap-up it would have been at t=60).
  // t=150 #1's conversation ends; the agent wraps up until t=180.
  const Model model = one_agent_wrapping({0.0, 10.0});
  EXPECT_EQ(trace_of(model), (std::vector<TraceRecord>{
                                 at(0, K::staffing, 1, -1, 0),
                                 at(0, K::arrival, 0, 0, -1),
                                 at(0, K::answer, 0, 0, 0),
                                 at(10, K::arrival, 1, 0, -1),
                                 at(60, K::resolved, 0, 0, 0),
                                 at(60, K::service_end, 0, 0, 0),
                                 at(90, K::wrap_up_end, 0, -1, 0),
                                 at(90, K::answer, 1, 0, 0),
                                 at(150, K::resolved, 1, 0, 0),
                                 at(150, K::service_end, 1, 0, 0),
                                 at(180, K::wrap_up_end, 0, -1, 0),
                             }));
}

TEST(WrapUp, OccupancyCountsTheWrapUpAsBusyTime) {
  // Busy 0..180 (two conversations of 60 s, two wrap-ups of 30 s) of the 300 s on duty.
  Tallies tallies;
  const Model model = one_agent_wrapping({0.0, 10.0});
  trace_of(model, &tallies);
  const AgentTally agent = testing::group_totals(tallies, 0);
  EXPECT_DOUBLE_EQ(agent.busy_s, 180.0);
  EXPECT_DOUBLE_EQ(agent.present_s, 300.0);
  const std::vector<double> values = kpi_values(model, tallies);
  EXPECT_DOUBLE_EQ(kpi(model, values, KpiLayout::overall, Kpi::occupancy), 0.6);
}

TEST(WrapUp, IsNotPartOfTheContactsWaitOrTalkTime) {
  // A lone contact in an empty centre: no wait, 60 s of talk; the 30 s after it are the agent's.
  Tallies tallies;
  const Model model = one_agent_wrapping({0.0});
  trace_of(model, &tallies);
  const ContactTally contacts = testing::type_totals(tallies, 0);
  EXPECT_EQ(contacts.handled, 1u);
  EXPECT_DOUBLE_EQ(contacts.wait_answered_s, 0.0);
  EXPECT_DOUBLE_EQ(contacts.handle_s, 60.0);
  EXPECT_DOUBLE_EQ(contacts.wrap_s, 30.0);
  EXPECT_DOUBLE_EQ(testing::group_totals(tallies, 0).busy_s, 90.0);
}

TEST(WrapUp, AHTIsTalkPlusWrapPerTypeAndPerGroup) {
  Tallies tallies;
  const Model model = one_agent_wrapping({0.0, 10.0});
  trace_of(model, &tallies);
  const std::vector<double> values = kpi_values(model, tallies);
  const KpiLayout layout(model);
  for (const std::size_t scope : {layout.type_scope(0), layout.group_scope(0), KpiLayout::overall}) {
    EXPECT_DOUBLE_EQ(kpi(model, values, scope, Kpi::talk_s), 60.0) << scope;
    EXPECT_DOUBLE_EQ(kpi(model, values, scope, Kpi::wrap_s), 30.0) << scope;
    EXPECT_DOUBLE_EQ(kpi(model, values, scope, Kpi::aht_s), 90.0) << scope;
  }
  // Waits rise only through queueing: #1 waited from t=10 to t=90.
  EXPECT_DOUBLE_EQ(kpi(model, values, layout.type_scope(0), Kpi::asa_s), 40.0);
}

TEST(WrapUp, AnAgentGoingOffDutyFinishesItsWrapUpFirstAndThenLeaves) {
  // One-minute intervals staffed 1, then 0. t=10 #0 is answered; t=50 its conversation ends and
  // the agent wraps up until t=80; t=60 staffing drops to 0 but the agent is still wrapping up;
  // t=70 #1 arrives; t=80 the agent leaves without taking #1, still in the system at the end.
  testing::SingleQueue spec;
  spec.handle_time = Deterministic{40.0};
  spec.agents = 1;
  spec.intervals = 2;
  spec.interval_min = 1.0;
  Model model = testing::single_queue(spec);
  model.agent_groups[0].on_duty = {1, 0};
  model.agent_groups[0].staffed = {1.0, 0.0};
  model.contact_types[0].arrival_times_s = {10.0, 70.0};
  model.contact_types[0].wrap_up = Deterministic{30.0};
  Tallies tallies;
  EXPECT_EQ(trace_of(model, &tallies), (std::vector<TraceRecord>{
                                           at(0, K::staffing, 1, -1, 0),
                                           at(10, K::arrival, 0, 0, -1),
                                           at(10, K::answer, 0, 0, 0),
                                           at(50, K::resolved, 0, 0, 0),
                                           at(50, K::service_end, 0, 0, 0),
                                           at(60, K::staffing, 0, -1, 0),
                                           at(70, K::arrival, 1, 0, -1),
                                           at(80, K::wrap_up_end, 0, -1, 0),
                                       }));
  EXPECT_EQ(tallies.in_system_at_end[0], 1u);
}

TEST(WrapUp, AnAgentGoingOnABreakFinishesItsWrapUpFirst) {
  // A roster of one agent from 07:00 with a 15-minute break after 60 s. t=0 #0 is answered; t=40
  // its conversation ends and the agent wraps up until t=70; t=60 the break is due but waits for
  // the wrap-up; t=65 #1 arrives and waits; t=70 the agent goes on the break; t=960 the break
  // ends and the agent answers #1.
  testing::SingleQueue spec;
  spec.handle_time = Deterministic{40.0};
  spec.intervals = 2;
  spec.interval_min = 30.0;
  Model model = testing::single_queue(spec);
  model.horizon.start_min = 7 * 60;
  Shift shift;
  shift.start_min = 7 * 60;
  shift.length_s = 3600.0;
  shift.agents = 1;
  shift.breaks = {{60.0, 900.0}};
  model.agent_groups[0].shifts = {shift};
  model.contact_types[0].arrival_times_s = {0.0, 65.0};
  model.contact_types[0].wrap_up = Deterministic{30.0};
  link_routing(model);
  std::vector<std::pair<double, std::uint64_t>> answers;
  std::vector<double> wrap_ends;
  for (const TraceRecord& r : trace_of(model)) {
    if (r.kind == K::answer) answers.emplace_back(r.time, r.contact);
    if (r.kind == K::wrap_up_end) wrap_ends.push_back(r.time);
  }
  EXPECT_EQ(answers, (std::vector<std::pair<double, std::uint64_t>>{{0, 0}, {960, 1}}));
  EXPECT_EQ(wrap_ends, (std::vector<double>{70, 1030}));
}

TEST(WrapUp, KeepsEveryConservationLawInACentreWithTransfersAndEscalations) {
  // The tiered centre (warm and cold escalation, misroutes, callbacks, a partner by overflow) with
  // wrap-up on every type: the engine checks its laws at the end of each run (agents busy = with
  // a contact in hand + wrapping up among them), and agents are busier than without wrap-up.
  const Model without = testing::tiered_centre();
  Model with = without;
  for (ContactType& type : with.contact_types) type.wrap_up = Exponential{30.0};
  for (std::uint64_t r = 0; r < 3; ++r) {
    const Tallies plain = run_replication(without, 5, r);
    const Tallies wrapped = run_replication(with, 5, r);
    testing::expect_conservation(with, wrapped);
    double busy_plain = 0.0, busy_wrapped = 0.0;
    for (std::size_t g = 0; g < with.group_count(); ++g) {
      busy_plain += testing::group_totals(plain, g).busy_s;
      busy_wrapped += testing::group_totals(wrapped, g).busy_s;
    }
    EXPECT_GT(busy_wrapped, busy_plain);
  }
}

TEST(WrapUp, AChatSessionSlotStaysHeldDuringItsWrapUp) {
  // One chat agent holding two sessions. t=0 three chats arrive: #0 and #1 take both slots, #2
  // waits. t=60 both conversations end and wrap up until t=90, when the first slot to free takes #2.
  Model model = one_agent_wrapping({0.0, 0.0, 0.0});
  model.contact_types[0].channel = Channel::chat;
  model.agent_groups[0].chat_concurrency = 2;
  link_routing(model);
  std::vector<std::pair<double, std::uint64_t>> answers;
  for (const TraceRecord& r : trace_of(model))
    if (r.kind == K::answer) answers.emplace_back(r.time, r.contact);
  EXPECT_EQ(answers, (std::vector<std::pair<double, std::uint64_t>>{{0, 0}, {0, 1}, {90, 2}}));
}

TEST(WrapUp, OccupancyWithAmpleAgentsIsTheLoadOfTalkAndWrapUpPerAgent) {
  // M/G/infinity in effect: 360 calls an hour (0.1/s), exponential talk of mean 60 s, wrap-up 30 s
  // fixed, 30 agents: 9 erlangs of work, so occupancy = 0.1 x 90 / 30 = 0.3 (0.2 without
  // wrap-up); Erlang C with 30 agents at 9 erlangs puts the chance of waiting near 1e-7.
  // The busy agents' count is then the M/G/inf count, whose time average over T has variance
  // lambda E[S^2] / T = 0.1 x (60^2 + 90^2) / 28800 = 0.041 erlang^2: 0.0067 of occupancy per
  // eight-hour replication, 0.0015 over 20. The tolerance 0.01 is 6.7 standard errors (a false
  // failure about once in 4e10 runs), and the start from an empty centre biases the mean by
  // lambda E[S^2] / 2 / (lambda E[S] T) = 0.2 % (0.0007).
  testing::SingleQueue spec;
  spec.rate_per_hour = 360.0;
  spec.handle_time = Exponential{60.0};
  spec.agents = 30;
  spec.intervals = 1;
  spec.interval_min = 480.0;
  Model model = testing::single_queue(spec);
  model.contact_types[0].wrap_up = Deterministic{30.0};
  double busy = 0.0, present = 0.0;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const Tallies tallies = run_replication(model, 7, r);
    testing::expect_conservation(model, tallies);
    const AgentTally agent = testing::group_totals(tallies, 0);
    busy += agent.busy_s;
    present += agent.present_s;
  }
  EXPECT_NEAR(busy / present, 0.3, 0.01);
}

// Every run's summary as CSV, the bytes a planner would read.
std::string summary_csv(const Model& model, int replications) {
  std::vector<std::vector<double>> values;
  for (int r = 0; r < replications; ++r)
    values.push_back(kpi_values(model, run_replication(model, 3, static_cast<std::uint64_t>(r))));
  std::ostringstream out;
  write_csv(out, model, summarise(model, values));
  return out.str();
}

TEST(WrapUp, AWrapUpOfZeroGivesTheSameSummaryAsNoWrapUp) {
  testing::SingleQueue spec;
  spec.rate_per_hour = 300.0;
  spec.handle_time = Exponential{180.0};
  spec.patience = Exponential{120.0};
  spec.agents = 15;
  spec.intervals = 4;
  spec.interval_min = 30.0;
  const Model without = testing::single_queue(spec);
  Model with = without;
  with.contact_types[0].wrap_up = Deterministic{0.0};
  EXPECT_EQ(summary_csv(with, 3), summary_csv(without, 3));
}

// Per customer and attempt: its arrival time (a first contact's) and its draws of talk time and
// patience, from the trace.
using Customer = std::tuple<int, std::uint64_t, std::uint32_t>;
struct Draws {
  double arrival_s = 0.0;
  double handle_s = 0.0;
  double patience_s = 0.0;
};

std::map<Customer, Draws> customers_in(const Model& model) {
  testing::TraceRecorder recorder;
  run_replication(model, 11, 0, &recorder);
  std::map<Customer, Draws> customers;
  for (const TraceRecord& r : recorder.records)
    if (r.kind == K::arrival)
      customers.emplace(Customer{r.customer_type, r.customer, r.attempt},
                        Draws{r.time, r.handle_s, r.patience_s});
  return customers;
}

TEST(WrapUp, AddingItToOneTypeLeavesEveryCustomersArrivalAndTalkTimeAsTheyWere) {
  // The tiered centre (escalations, misroutes, repeats, retries, callbacks) with and without a
  // wrap-up on billing: agents are busier, so later contacts come at other times, but every
  // customer's first contact arrives when it did with the same talk time, and every contact draws
  // the same patience. (A later contact's talk time is the same draw too, but what it is drawn
  // for may differ: attempt 1 may be an escalation in one variant, with the escalation's handle
  // time, and a retry in the other.)
  const Model without = testing::tiered_centre();
  Model with = without;
  with.contact_types[0].wrap_up = Exponential{45.0};
  const auto before = customers_in(without);
  const auto after = customers_in(with);
  std::size_t first_contacts = 0, compared = 0;
  for (const auto& [customer, draws] : after) {
    const auto same = before.find(customer);
    if (same == before.end()) continue;
    ++compared;
    EXPECT_EQ(draws.patience_s, same->second.patience_s);
    if (std::get<2>(customer) == 0) {
      ++first_contacts;
      EXPECT_EQ(draws.arrival_s, same->second.arrival_s);
      EXPECT_EQ(draws.handle_s, same->second.handle_s);
    }
  }
  EXPECT_GT(first_contacts, 500u);
  EXPECT_GT(compared, first_contacts);
  // The wrap-up did change the centre (else the test would prove nothing).
  Tallies with_tallies, without_tallies;
  trace_of(with, &with_tallies);
  trace_of(without, &without_tallies);
  EXPECT_GT(testing::type_totals(with_tallies, 0).wrap_s, 0.0);
  EXPECT_NE(with_tallies.contacts, without_tallies.contacts);
}

TEST(WrapUp, TheOfferedLoadCountsTalkAndWrapUp) {
  // 200 calls an hour of 180 s talk and 45 s wrap-up: 200 / 3600 x 225 = 12.5 erlangs.
  testing::SingleQueue spec;
  spec.rate_per_hour = 200.0;
  spec.handle_time = Exponential{180.0};
  spec.interval_min = 30.0;
  Model model = testing::single_queue(spec);
  model.contact_types[0].wrap_up = Deterministic{45.0};
  link_routing(model);
  const OfferedLoad load = offered_load(model);
  EXPECT_DOUBLE_EQ(load.types[0].erlangs(0), 12.5);
  EXPECT_DOUBLE_EQ(load.types[0].tier_shares[1].handle_s, 225.0);
}

TEST(WrapUp, AgentAssistShortensTheTalkNotTheWrapUpInTheOfferedLoad) {
  // Assist on every contact halves the talk: 90 s talk + 45 s wrap-up instead of 225 s, a factor
  // of 135 / 225 = 0.6 on the load.
  testing::SingleQueue spec;
  spec.rate_per_hour = 200.0;
  spec.handle_time = Exponential{180.0};
  spec.interval_min = 30.0;
  Model model = testing::single_queue(spec);
  model.contact_types[0].wrap_up = Deterministic{45.0};
  model.agent_groups[0].assist = AgentGroup::Assist{0.5, 1.0, 0.0};
  link_routing(model);
  EXPECT_NEAR(agent_load_factor(model, 0), 0.6, 1e-12);
}

}  // namespace
}  // namespace ccsim
