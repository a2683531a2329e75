// Tallies: one add feeds the interval's histogram and the whole horizon's, and reset gives back
// fresh tallies, without allocating when the shape is unchanged.
#include "ccsim/tallies.h"

#include <utility>

#include <gtest/gtest.h>

namespace ccsim {
namespace {

// Tallies of 3 intervals, 2 types and 2 groups with something in every kind of tally, one
// histogram widened past a byte per bin.
Tallies used_tallies() {
  Tallies t(3, 2, 2);
  t.contact(1, 0).offered = 7;
  t.contact(2, 1).wait_answered_s = 12.5;
  t.issue(0, 1).opened = 3;
  t.agent(2, 1).busy_s = 900.0;
  t.agent(0, 0).handle_s_by_channel[1] = 60.0;
  t.backlog(1, 1) = {4, 3600.0};
  t.in_system_at_end[0] = 2;
  t.events = 99;
  t.arrivals = 10;
  for (int i = 0; i < 400; ++i) t.wait(1, 0).add(3.0);
  t.add_wait(2, 1, 0.0);
  t.resolution_time(0, 1).add(7200.0);
  t.add_resolution_time(2, 0, 60.0);
  return t;
}

TEST(Tallies, OneWaitFeedsTheIntervalAndTheWholeHorizon) {
  Tallies t(2, 2, 1);
  t.wait(1, 0).add(25.0);
  t.add_wait(0, 0, 5.0);
  t.add_wait(0, 1, 5.0);
  EXPECT_EQ(t.waits.count(1 * 2 + 0), 1u);
  EXPECT_EQ(t.waits.count(0 * 2 + 0), 1u);
  EXPECT_EQ(t.horizon_wait(0).count(), 2u);
  EXPECT_EQ(t.horizon_wait(1).count(), 1u);
  EXPECT_EQ(t.horizon_wait(0).in_bin(WaitHistogram::bin_of(25.0)), 1u);
}

TEST(Tallies, OneResolutionTimeFeedsTheIntervalAndTheWholeHorizon) {
  Tallies t(2, 1, 1);
  t.resolution_time(1, 0).add(3600.0);
  t.add_resolution_time(1, 0, 60.0);
  EXPECT_EQ(std::as_const(t).resolution_time(1, 0).count(), 2u);
  EXPECT_EQ(t.horizon_resolution_time(0).count(), 2u);
}

TEST(Tallies, ResetTalliesEqualFreshOnes) {
  Tallies t = used_tallies();
  ASSERT_NE(t, Tallies(3, 2, 2));
  t.reset();
  EXPECT_EQ(t, Tallies(3, 2, 2));
}

TEST(Tallies, ResetKeepsEveryBuffer) {
  Tallies t = used_tallies();
  const auto* contacts = t.contacts.data();
  const auto* agents = t.agents.data();
  const auto* issues = t.issues.data();
  const auto* backlogs = t.backlogs.data();
  const auto* horizon = t.horizon_waits.data();
  const std::size_t wait_bytes = t.waits.bytes();
  const std::size_t resolution_bytes = t.resolution_times.bytes();
  t.reset();
  EXPECT_EQ(t.contacts.data(), contacts);
  EXPECT_EQ(t.agents.data(), agents);
  EXPECT_EQ(t.issues.data(), issues);
  EXPECT_EQ(t.backlogs.data(), backlogs);
  EXPECT_EQ(t.horizon_waits.data(), horizon);
  EXPECT_EQ(t.waits.bytes(), wait_bytes);
  EXPECT_EQ(t.resolution_times.bytes(), resolution_bytes);
}

TEST(Tallies, ResetToTheSameShapeKeepsEveryBufferAndZeroes) {
  Tallies t = used_tallies();
  const auto* contacts = t.contacts.data();
  const auto* agents = t.agents.data();
  const auto* resolution = t.horizon_resolution_times.data();
  const std::size_t wait_bytes = t.waits.bytes();
  t.reset(3, 2, 2);
  EXPECT_EQ(t, Tallies(3, 2, 2));
  EXPECT_EQ(t.contacts.data(), contacts);
  EXPECT_EQ(t.agents.data(), agents);
  EXPECT_EQ(t.horizon_resolution_times.data(), resolution);
  EXPECT_EQ(t.waits.bytes(), wait_bytes);
}

TEST(Tallies, ResetToAnotherShapeGivesFreshTalliesOfIt) {
  Tallies t = used_tallies();
  t.reset(5, 1, 3);
  EXPECT_EQ(t, Tallies(5, 1, 3));
}

}  // namespace
}  // namespace ccsim
