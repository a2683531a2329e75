#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>
#include <vector>

#include "ccsim/event_calendar.h"
#include "ccsim/random_streams.h"

namespace ccsim {
namespace {

TEST(EventCalendar, PopsInTimeOrder) {
  EventCalendar calendar;
  RandomEngine rng = make_stream(9, 0, StreamPurpose::arrivals, 0);
  for (std::uint32_t i = 0; i < 1000; ++i)
    calendar.push(static_cast<double>(rng() % 500), EventKind::arrival, i);
  double last = -1.0;
  while (!calendar.empty()) {
    EXPECT_GE(calendar.top().time, last);
    last = calendar.top().time;
    calendar.pop();
  }
}

TEST(EventCalendar, PopsEqualTimesByKindThenInSchedulingOrder) {
  EventCalendar calendar;
  calendar.push(5.0, EventKind::arrival, 0);
  calendar.push(5.0, EventKind::abandonment, 1);
  calendar.push(5.0, EventKind::service_end, 2);
  calendar.push(5.0, EventKind::arrival, 3);
  calendar.push(5.0, EventKind::interval_boundary, 4);
  calendar.push(5.0, EventKind::service_end, 5);
  std::vector<std::uint32_t> order;
  while (!calendar.empty()) {
    order.push_back(calendar.top().index());
    calendar.pop();
  }
  EXPECT_EQ(order, (std::vector<std::uint32_t>{4, 2, 5, 1, 0, 3}));
}

TEST(EventCalendar, ManyTiesFollowTimeThenKindThenSchedulingOrder) {
  // Three distinct times, so that nearly every comparison in the heap is a tie and the exact path
  // is taken: the pops must still come out by (time, kind, scheduling order); `index` counts the
  // scheduling order here.
  EventCalendar calendar;
  RandomEngine rng = make_stream(5, 0, StreamPurpose::arrivals, 0);
  for (std::uint32_t i = 0; i < 2000; ++i)
    calendar.push(static_cast<double>(rng() % 3), static_cast<EventKind>(rng() % 4), i);
  std::vector<std::tuple<double, int, std::uint32_t>> popped;
  while (!calendar.empty()) {
    const Event& e = calendar.top();
    popped.emplace_back(e.time, static_cast<int>(e.kind()), e.index());
    calendar.pop();
  }
  EXPECT_EQ(popped.size(), 2000u);
  EXPECT_TRUE(std::is_sorted(popped.begin(), popped.end()));
}

TEST(EventCalendar, ReplaceTopIsPopThenPush) {
  EventCalendar calendar;
  calendar.push(1.0, EventKind::arrival, 0);
  calendar.push(2.0, EventKind::arrival, 1);
  calendar.replace_top(3.0, EventKind::arrival, 2);
  EXPECT_EQ(calendar.size(), 2u);
  EXPECT_EQ(calendar.top().index(), 1u);
  calendar.pop();
  EXPECT_EQ(calendar.top().index(), 2u);
}

}  // namespace
}  // namespace ccsim
