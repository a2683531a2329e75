// Per-call replay in the engine: a logged call's handle time comes back exactly, an abandoned
// call's patience is the wait at which it abandoned, and a served call's patience is drawn above
// the wait it was served after — never below it.
#include <algorithm>
#include <cstddef>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "ccsim/model.h"
#include "testing/models.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

using testing::at;
using K = TraceKind;

// One agent; the calls arrive at `times` with their logged handle times and patience. The drawn
// laws (handle 1,000 s, patience `patience`) would show if they were used instead.
Model replayed(std::vector<double> times, std::vector<ReplayedCall> calls,
               std::optional<Distribution> patience = std::nullopt) {
  testing::SingleQueue spec;
  spec.handle_time = Deterministic{1000.0};
  spec.patience = std::move(patience);
  spec.agents = 1;
  spec.interval_min = 60.0;
  Model model = testing::single_queue(spec);
  model.contact_types[0].arrival_times_s = std::move(times);
  model.contact_types[0].replayed_calls = std::move(calls);
  return model;
}

TEST(CallReplay, HandleTimesComeBackExactly) {
  const Model model = replayed({0, 100, 200}, {{30, 0, true}, {40, 0, true}, {50, 0, true}});
  EXPECT_EQ(testing::journey(model), (std::vector<TraceRecord>{
                                         at(0, K::arrival, 0, 0, -1),
                                         at(0, K::answer, 0, 0, 0),
                                         at(30, K::resolved, 0, 0, 0),
                                         at(30, K::service_end, 0, 0, 0),
                                         at(100, K::arrival, 1, 0, -1),
                                         at(100, K::answer, 1, 0, 0),
                                         at(140, K::resolved, 1, 0, 0),
                                         at(140, K::service_end, 1, 0, 0),
                                         at(200, K::arrival, 2, 0, -1),
                                         at(200, K::answer, 2, 0, 0),
                                         at(250, K::resolved, 2, 0, 0),
                                         at(250, K::service_end, 2, 0, 0),
                                     }));
}

TEST(CallReplay, AnAbandonedCallAbandonsAfterItsLoggedWait) {
  // #1 abandoned after 5 s in the log; the agent is busy with #0 until t=100.
  const Model model = replayed({0, 10}, {{100, 0, true}, {60, 5, false}}, Exponential{1e6});
  const std::vector<TraceRecord> trace = testing::journey(model);
  EXPECT_NE(std::find(trace.begin(), trace.end(), at(15, K::abandonment, 1, 0, -1)), trace.end());
}

TEST(CallReplay, ACallTheLogShowsAbandonedTakesTheTypesHandleTimeWhenAnswered) {
  // Abandoned after 500 s in the log, answered at once here: its conversation is the type's law
  // (1,000 s), not the log's 0.
  const Model model = replayed({0}, {{0, 500, false, false}});
  const std::vector<TraceRecord> trace = testing::journey(model);
  EXPECT_NE(std::find(trace.begin(), trace.end(), at(1000, K::service_end, 0, 0, 0)), trace.end());
}

// The replayed type and a class "waited" (handle 5 s, patience `patience`) that a call which
// must wait becomes.
Model with_waited_class(Model model, std::optional<Distribution> patience = std::nullopt) {
  ContactType waited = model.contact_types[0];
  waited.id = "waited";
  waited.handle_time = Deterministic{5.0};
  waited.patience = std::move(patience);
  waited.arrival_times_s.clear();
  waited.replayed_calls.clear();
  waited.rate_per_s.assign(waited.rate_per_s.size(), 0.0);
  model.contact_types.push_back(waited);
  model.contact_types[0].when_queued = {QueuedClass{1, 1.0}};
  model.agent_groups[0].skills.push_back(Skill{1, 1, 1.0});
  link_routing(model);
  return model;
}

TEST(CallReplay, AReplayedCallThatChangesClassKeepsItsLoggedDraws) {
  // #1 must wait and becomes class 1 (handle 5 s), but keeps its logged 40 s.
  const Model model = with_waited_class(replayed({0, 10}, {{100, 0, true}, {40, 0, true}}));
  const std::vector<TraceRecord> trace = testing::journey(model);
  EXPECT_NE(std::find(trace.begin(), trace.end(), at(10, K::class_change, 1, 1, -1)), trace.end());
  EXPECT_NE(std::find(trace.begin(), trace.end(), at(140, K::service_end, 1, 1, 0)), trace.end());
}

TEST(CallReplay, AReplayedCallThatChangesClassTakesTheClasssHandleTimeWhereTheLogHasNone) {
  // #1 abandoned after 500 s in the log; here it waits from t=10 as class 1 and is answered at
  // t=100: its conversation is the class's 5 s, not the type's 1,000 s.
  const Model model = with_waited_class(replayed({0, 10}, {{100, 0, true}, {0, 500, false, false}}));
  const std::vector<TraceRecord> trace = testing::journey(model);
  EXPECT_NE(std::find(trace.begin(), trace.end(), at(105, K::service_end, 1, 1, 0)), trace.end());
}

TEST(CallReplay, AReplayedCallThatChangesClassDrawsItsPatienceAboveItsWaitFromTheClass) {
  // #1 was served after 20 s in the log. The type has no patience (it would wait for ever); the
  // class's is 50 s, above 20 s: #1, waiting from t=10 for an agent busy until t=100, leaves at 60.
  const Model model =
      with_waited_class(replayed({0, 10}, {{100, 0, true}, {40, 20, true}}), Deterministic{50.0});
  const std::vector<TraceRecord> trace = testing::journey(model);
  EXPECT_NE(std::find(trace.begin(), trace.end(), at(60, K::abandonment, 1, 1, -1)), trace.end());
}

// Whom the log shows waiting and identified becomes the class, whatever the share; whom it shows
// waiting unidentified stays its type. #1 and #2 must both wait for the agent busy until t=100.
TEST(CallReplay, ACallerTheLogShowsWaitingIsOfTheClassTheLogSays) {
  std::vector<ReplayedCall> calls = {{100, 0, true}, {40, 20, true}, {40, 20, true}};
  calls[1].identified = 0;
  calls[2].identified = 1;
  Model model = with_waited_class(replayed({0, 10, 11}, calls));
  model.contact_types[0].when_queued = {QueuedClass{1, 0.5}};
  const std::vector<TraceRecord> trace = testing::journey(model);
  const auto changed = [&](int customer) {
    return std::any_of(trace.begin(), trace.end(), [&](const TraceRecord& r) {
      return r.kind == K::class_change && r.contact == static_cast<std::uint64_t>(customer);
    });
  };
  EXPECT_FALSE(changed(1));
  EXPECT_TRUE(changed(2));
}

TEST(CallReplay, AServedCallsPatienceIsNeverBelowItsLoggedWait) {
  // 400 calls served after waits of 0 to 199.5 s, patience exponential with mean 30 s: drawn
  // unconditionally, most would be below their wait.
  std::vector<double> times;
  std::vector<ReplayedCall> calls;
  for (int i = 0; i < 400; ++i) {
    times.push_back(i * 5.0);
    calls.push_back({1.0, i * 0.5, true});
  }
  const Model model = replayed(times, calls, Exponential{30.0});
  std::size_t checked = 0;
  for (const TraceRecord& r : testing::trace_of(model)) {
    if (r.kind != K::arrival) continue;
    EXPECT_GE(r.patience_s, calls[r.customer].patience_s) << "call " << r.customer;
    ++checked;
  }
  EXPECT_EQ(checked, 400u);
}

TEST(CallReplay, AServedCallWithoutAPatienceLawNeverAbandons) {
  const Model model = replayed({0}, {{10, 30, true}});
  const std::vector<TraceRecord> trace = testing::trace_of(model);
  const auto arrival = std::find_if(trace.begin(), trace.end(),
                                    [](const TraceRecord& r) { return r.kind == K::arrival; });
  ASSERT_NE(arrival, trace.end());
  EXPECT_EQ(arrival->patience_s, std::numeric_limits<double>::infinity());
}

TEST(CallReplay, ReplayedCallsAreTheSameInEveryVariant) {
  // Two agents instead of one changes who waits, not what each call brings.
  const std::vector<ReplayedCall> calls = {{100, 0, true}, {80, 3, true}, {60, 20, false}};
  Model one = replayed({0, 1, 2}, calls, Exponential{50.0});
  Model two = one;
  for (double& n : two.agent_groups[0].on_duty) n = 2;
  link_routing(two);
  const auto draws = [](const Model& m) {
    std::vector<std::pair<double, double>> out;
    for (const TraceRecord& r : testing::trace_of(m))
      if (r.kind == K::arrival) out.emplace_back(r.handle_s, r.patience_s);
    return out;
  };
  EXPECT_EQ(draws(one), draws(two));
}

}  // namespace
}  // namespace ccsim
