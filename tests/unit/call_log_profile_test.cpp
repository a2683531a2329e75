// What a call log says per interval: arrivals, the busyness of days, handle and patience samples,
// and the agents answering.
#include "ccsim/call_log_profile.h"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "testing/input_errors.h"

namespace ccsim {
namespace {

using namespace std::chrono;

LoggedCall call(std::uint32_t day, double arrival, double wait, double handle, bool abandoned = false) {
  LoggedCall c;
  c.day = day;
  c.arrival_s = arrival;
  c.wait_s = wait;
  c.handle_s = abandoned ? 0.0 : handle;
  c.abandoned = abandoned;
  return c;
}

CallLog log_of(std::size_t days, std::vector<LoggedCall> calls) {
  CallLog log;
  log.label = "log.csv";
  for (std::size_t d = 0; d < days; ++d)
    log.days.push_back(year_month_day{year{1999}, month{2}, std::chrono::day{static_cast<unsigned>(d + 1)}});
  log.types = {"calls"};
  log.calls = std::move(calls);
  return log;
}

CallLogGrid hours(double open_h, double close_h) {
  return CallLogGrid{open_h * 3600.0, close_h * 3600.0, 3600.0};
}

TEST(CallLogProfile, ArrivalsPerIntervalAreTheMeanOverTheDays) {
  const CallLog log = log_of(2, {call(0, 3600, 0, 10), call(0, 3700, 0, 10), call(1, 3650, 0, 10),
                                 call(1, 7300, 0, 10), call(0, 100, 0, 10)});
  const CallLogProfile profile = profile_call_log(log, hours(1, 3));
  ASSERT_EQ(profile.types[0].arrivals.size(), 2u);
  EXPECT_DOUBLE_EQ(profile.types[0].arrivals[0], 1.5);
  EXPECT_DOUBLE_EQ(profile.types[0].arrivals[1], 0.5);
  EXPECT_EQ(profile.outside_window, 1u);
}

TEST(CallLogProfile, ServedCallsAreCensoredPatienceAndAbandonedOnesObserved) {
  const CallLog log = log_of(1, {call(0, 10, 30, 100), call(0, 20, 45, 0, true), call(0, 30, 0, 0)});
  const CallLogProfile profile = profile_call_log(log, hours(0, 1));
  const TypeProfile& type = profile.types[0];
  ASSERT_EQ(type.patience.size(), 3u);
  EXPECT_FALSE(type.patience[0].abandoned);
  EXPECT_DOUBLE_EQ(type.patience[0].wait_s, 30);
  EXPECT_TRUE(type.patience[1].abandoned);
  EXPECT_DOUBLE_EQ(type.patience[1].wait_s, 45);
  // A served call of 0 s tells nothing of handle times.
  EXPECT_EQ(type.handle_s, std::vector<double>{100});
  EXPECT_EQ(type.served, 2u);
  EXPECT_EQ(type.abandoned, 1u);
}

TEST(CallLogProfile, DaysThatVaryLikePoissonCountsHaveNoBusyness) {
  // Daily totals 10 and 10: variance 0 < mean, so cv = 0.
  std::vector<LoggedCall> calls;
  for (std::uint32_t d = 0; d < 2; ++d)
    for (int i = 0; i < 10; ++i) calls.push_back(call(d, 100.0 * i, 0, 10));
  EXPECT_DOUBLE_EQ(profile_call_log(log_of(2, calls), hours(0, 1)).types[0].busyness_cv, 0.0);
}

TEST(CallLogProfile, BusynessComesFromTheVarianceOfDailyTotalsBeyondPoisson) {
  // Totals 10 and 30: mean 20, sample variance 200, cv^2 = (200 - 20) / 400 = 0.45.
  std::vector<LoggedCall> calls;
  for (int i = 0; i < 10; ++i) calls.push_back(call(0, 100.0 * i, 0, 10));
  for (int i = 0; i < 30; ++i) calls.push_back(call(1, 100.0 * i, 0, 10));
  EXPECT_NEAR(profile_call_log(log_of(2, calls), hours(0, 1)).types[0].busyness_cv,
              std::sqrt(0.45), 1e-12);
}

TEST(CallLogProfile, AgentsAreThoseInServiceWhileSomeoneWaits) {
  // Three in service from 0 to 1000 s; a fourth caller waits from 100 to 1000 s, then is served
  // to 1200 s. While someone waits, 3 are in service: three agents.
  const CallLog log = log_of(1, {call(0, 0, 0, 1000), call(0, 0, 0, 1000), call(0, 0, 0, 1000),
                                 call(0, 100, 900, 200)});
  const CallLogProfile profile = profile_call_log(log, hours(0, 1));
  EXPECT_DOUBLE_EQ(profile.agents[0], 3.0);
  // Calls in service over the hour: 3 x 1000 s + 200 s.
  EXPECT_NEAR(profile.busy[0], 3200.0 / 3600.0, 1e-12);
}

// Exports are not always in arrival order (the bank's file jumps back in date 26 times): the rows'
// order changes nothing.
TEST(CallLogProfile, TheOrderOfTheRowsDoesNotMatter) {
  std::vector<LoggedCall> calls = {call(0, 0, 0, 1000), call(0, 0, 0, 1000), call(1, 300, 0, 700),
                                   call(0, 100, 900, 200), call(1, 50, 20, 0, true), call(1, 2000, 10, 300)};
  const CallLogProfile sorted = profile_call_log(log_of(2, calls), hours(0, 1));
  std::reverse(calls.begin(), calls.end());
  const CallLogProfile reversed = profile_call_log(log_of(2, calls), hours(0, 1));
  EXPECT_EQ(reversed.agents, sorted.agents);
  EXPECT_EQ(reversed.busy, sorted.busy);
  EXPECT_EQ(reversed.types[0].arrivals, sorted.types[0].arrivals);
  EXPECT_EQ(reversed.types[0].busyness_cv, sorted.types[0].busyness_cv);
}

TEST(CallLogProfile, WithoutWaitingTheAgentsAreTheMostInServiceAtOnce) {
  const CallLog log = log_of(1, {call(0, 0, 0, 100), call(0, 50, 0, 100), call(0, 500, 0, 100)});
  EXPECT_DOUBLE_EQ(profile_call_log(log, hours(0, 1)).agents[0], 2.0);
}

TEST(CallLogProfile, AnAgentFreedAndTakenAtOneInstantIsOneAgent) {
  const CallLog log = log_of(1, {call(0, 0, 0, 100), call(0, 100, 0, 100)});
  EXPECT_DOUBLE_EQ(profile_call_log(log, hours(0, 1)).agents[0], 1.0);
}

TEST(CallLogProfile, AgentsBusyWithTypesNotFittedAreStillCounted) {
  CallLog log = log_of(1, {call(0, 0, 0, 1000), call(0, 0, 0, 1000), call(0, 100, 900, 200)});
  log.types = {"a", "b"};
  log.calls[0].type = 1;  // one agent busy with b while a's caller waits
  const CallLogProfile profile = profile_call_log(log, hours(0, 1), {"a"});
  ASSERT_EQ(profile.types.size(), 1u);
  EXPECT_EQ(profile.types[0].id, "a");
  EXPECT_DOUBLE_EQ(profile.agents[0], 2.0);
}

TEST(CallLogProfile, ADayWithoutCallsOfAFittedTypeCountsInItsMean) {
  CallLog log = log_of(2, {call(0, 10, 0, 10), call(1, 10, 0, 10)});
  log.types = {"a", "b"};
  log.calls[1].type = 1;
  EXPECT_DOUBLE_EQ(profile_call_log(log, hours(0, 1), {"a"}).types[0].arrivals[0], 0.5);
}

TEST(CallLogProfile, ServicesCrossingIntervalEdgesCountInBoth) {
  // One call in service from 3000 to 4200 s: 600 s in each hour.
  const CallLog log = log_of(1, {call(0, 3000, 0, 1200)});
  const CallLogProfile profile = profile_call_log(log, hours(0, 2));
  EXPECT_NEAR(profile.busy[0], 600.0 / 3600.0, 1e-12);
  EXPECT_NEAR(profile.busy[1], 600.0 / 3600.0, 1e-12);
}

// `n` calls at 08:00 + i s of one day: answered at once (wait 0) or after `wait` s, identified or
// not, with handle time `handle`.
void add_calls(std::vector<LoggedCall>& calls, int n, double wait, double handle, bool identified,
               bool abandoned = false) {
  for (int i = 0; i < n; ++i) {
    LoggedCall c = call(0, 8 * 3600.0 + static_cast<double>(calls.size()), wait, handle, abandoned);
    c.identified = identified;
    calls.push_back(c);
  }
}

CallLog with_priorities(std::vector<LoggedCall> calls) {
  CallLog log = log_of(1, std::move(calls));
  log.has_priorities = true;
  return log;
}

TEST(CallLogProfile, IdentifiedCallersWhoWaitedBecomeTheirTypesClass) {
  std::vector<LoggedCall> calls;
  add_calls(calls, 40, 0.0, 100.0, false);        // answered at once
  add_calls(calls, 10, 0.0, 100.0, true);         // identified, but answered at once: the type's
  add_calls(calls, 10, 30.0, 100.0, false);       // waited, not identified: the type's
  add_calls(calls, 30, 30.0, 200.0, true);        // waited and identified: the class
  add_calls(calls, 10, 20.0, 0.0, true, true);    // abandoned and identified: the class
  const CallLogProfile profile = profile_call_log(with_priorities(calls), hours(8, 9), {}, true);
  ASSERT_EQ(profile.types.size(), 2u);
  const TypeProfile& type = profile.types[0];
  const TypeProfile& identified = profile.types[1];
  EXPECT_FALSE(type.class_of.has_value());
  EXPECT_EQ(type.arrivals[0], 100.0);  // every call arrives as the type
  EXPECT_EQ(type.waited, 50u);
  EXPECT_EQ(type.served, 60u);
  EXPECT_EQ(type.abandoned, 0u);
  EXPECT_EQ(identified.id, "calls_identified");
  EXPECT_EQ(identified.class_of, std::optional<std::size_t>(0));
  EXPECT_EQ(identified.arrivals[0], 0.0);
  EXPECT_EQ(identified.served, 30u);
  EXPECT_EQ(identified.abandoned, 10u);
  EXPECT_EQ(identified.handle_s, std::vector<double>(30, 200.0));
  EXPECT_DOUBLE_EQ(identified.share, 40.0 / 50.0);
}

TEST(CallLogProfile, TooFewIdentifiedCallersStayWithTheirType) {
  std::vector<LoggedCall> calls;
  add_calls(calls, 40, 0.0, 100.0, false);
  add_calls(calls, static_cast<int>(class_min_served) - 1, 30.0, 200.0, true);
  const CallLogProfile profile = profile_call_log(with_priorities(calls), hours(8, 9), {}, true);
  ASSERT_EQ(profile.types.size(), 1u);
  EXPECT_EQ(profile.types[0].served, 40u + class_min_served - 1);
  EXPECT_EQ(profile.types[0].handle_s.size(), 40u + class_min_served - 1);
}

TEST(CallLogProfile, WithoutClassesAskedForIdentifiedCallersStayWithTheirType) {
  std::vector<LoggedCall> calls;
  add_calls(calls, 40, 0.0, 100.0, false);
  add_calls(calls, 40, 30.0, 200.0, true);
  EXPECT_EQ(profile_call_log(with_priorities(calls), hours(8, 9)).types.size(), 1u);
}

TEST(CallLogProfile, AWindowThatIsNotWholeIntervalsIsRefused) {
  const CallLog log = log_of(1, {call(0, 0, 0, 100)});
  EXPECT_NE(testing::error_of([&] { profile_call_log(log, CallLogGrid{0, 5400, 3600}); }), "");
}

}  // namespace
}  // namespace ccsim
