// `ccsim validate` on a group staffed by shifts: its column in the load table, with the fewest and
// the most agents its roster has on duty within each interval, and its paid cost.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "testing/command_line.h"

namespace {

class ValidateShifts : public ccsim::testing::CommandLineTest {
 protected:
  // Four half hours from 07:00: "early" 07:00-09:00 with a break at 07:30 for 20 minutes, "late"
  // from 08:10 to the end; 60 calls an hour of 5 minutes (5 erlangs).
  std::string write_scenario() const {
    const std::string path = file("shifts.json").string();
    std::ofstream(path) << R"({
      "horizon": { "start": "07:00", "intervals": 4 },
      "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
        "handle_time": { "dist": "exponential", "mean_s": 300 } } ],
      "agent_groups": [ { "id": "agents", "skills": ["calls"], "cost_per_hour": 30,
        "shifts": [
          { "id": "early", "start": "07:00", "length_h": 2, "agents": 6,
            "breaks": [ { "after_h": 0.5, "length_min": 20 } ] },
          { "id": "late", "start": "08:10", "length_h": 3, "agents": 3 } ] } ] })";
    return path;
  }
};

TEST_F(ValidateShifts, PrintsTheRosteredGroupsOnDutyWithinEachIntervalNextToTheLoad) {
  const ccsim::testing::CommandResult r = ccsim("validate " + write_scenario());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 07:30-08:00: none on the break until 07:50, then 6 (mean 2); 08:00-08:30: 6, then 9 from
  // 08:10 (mean 8).
  EXPECT_NE(r.out.find("  interval         load  on duty  load/duty   agents\n"
                       "  07:00-07:30       5.0        6        83%        6\n"
                       "  07:30-08:00       5.0        2       250%      0-6  << overloaded\n"
                       "  08:00-08:30       5.0        8        62%      6-9\n"),
            std::string::npos)
      << r.out;
}

TEST_F(ValidateShifts, PaysEveryShiftWholeBreaksIncluded) {
  // 6 x 2 h + 3 x 50 min (the rest of "late" is past the grid) at 30 an hour.
  const ccsim::testing::CommandResult r = ccsim("validate " + write_scenario());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  paid agent time costs 435.00 per day\n"), std::string::npos) << r.out;
}

}  // namespace
