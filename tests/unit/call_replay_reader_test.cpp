// The scenario's "replay": a call log's calls on the chosen days become the arrivals of the types
// of the same id, each with its handle time and what the log tells of its patience.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/model.h"
#include "ccsim/scenario.h"
#include "testing/input_errors.h"

namespace ccsim {
namespace {

// Two days (a Monday and a Tuesday) of two types, a call before the 08:00 grid, one on a Saturday.
const char* const two_days =
    "date,arrival,type,wait_s,handle_s,outcome\n"
    "1999-02-01,08:00:10,101,0,120,served\n"
    "1999-02-01,08:30:00,Billing Enquiry,45,200,served\n"
    "1999-02-01,07:59:00,101,0,60,served\n"
    "1999-02-01,09:10:00,101,12,0,abandoned\n"
    "1999-02-02,08:00:05,101,3,90,served\n"
    "1999-02-06,08:00:00,101,0,90,served\n";

class CallReplayReader : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("call_replay_reader_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "calls.csv", std::ios::binary) << two_days;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Types type_101 and Billing_Enquiry (their arrivals left out unless `billing_arrivals`), a
  // grid of four hours from 08:00 over `days` days, and the replay `replay`.
  Model read(const std::string& replay, int days = 2, const std::string& billing_arrivals = "") {
    return parse_scenario(R"({
      "horizon": { "start": "08:00", "intervals": 4, "interval_min": 60, "days": )" +
                              std::to_string(days) + R"( },
      "contact_types": [
        { "id": "type_101", "handle_time": { "dist": "exponential", "mean_s": 60 },
          "patience": { "dist": "exponential", "mean_s": 100 } },
        { "id": "Billing_Enquiry", )" + billing_arrivals + R"(
          "handle_time": { "dist": "exponential", "mean_s": 60 } } ],
      "agent_groups": [ { "id": "agents", "skills": ["type_101", "Billing_Enquiry"],
                          "staffing": 2 } ],
      "replay": )" + replay + " }",
                          "replay.json", dir_);
  }
  std::string refusal(const std::string& replay, int days = 2, const std::string& billing = "") {
    return testing::error_of([&] { read(replay, days, billing); });
  }

  std::filesystem::path dir_;
};

TEST_F(CallReplayReader, CallsArriveWhenTheyDidOnTheirDayOfTheHorizon) {
  const Model m = read(R"({ "file": "calls.csv", "weekdays": "mon-fri" })");
  // Day 2 starts 4 hours (the grid's day) after day 1.
  EXPECT_EQ(m.contact_types[0].arrival_times_s, (std::vector<double>{10, 4200, 14405}));
  EXPECT_EQ(m.contact_types[1].arrival_times_s, (std::vector<double>{1800}));
}

TEST_F(CallReplayReader, EachCallKeepsItsHandleTimeAndPatience) {
  const Model m = read(R"({ "file": "calls.csv", "to": "1999-02-05" })");
  const std::vector<ReplayedCall>& calls = m.contact_types[0].replayed_calls;
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].handle_s, 120.0);  // served at once: patience above 0
  EXPECT_TRUE(calls[0].patience_exceeds);
  EXPECT_EQ(calls[1].patience_s, 12.0);  // abandoned after 12 s: exactly that
  EXPECT_FALSE(calls[1].patience_exceeds);
  EXPECT_EQ(calls[2].patience_s, 3.0);  // served after 3 s: more than that
  EXPECT_TRUE(calls[2].patience_exceeds);
}

TEST_F(CallReplayReader, TheRatesAreTheLogsCountsPerInterval) {
  const Model m = read(R"({ "file": "calls.csv", "to": "1999-02-05" })");
  EXPECT_DOUBLE_EQ(m.contact_types[0].rate_per_s[0] * 3600.0, 1.0);  // 08:00 on day 1
  EXPECT_DOUBLE_EQ(m.contact_types[0].rate_per_s[1] * 3600.0, 1.0);  // 09:10
  EXPECT_DOUBLE_EQ(m.contact_types[0].rate_per_s[4] * 3600.0, 1.0);  // 08:00 on day 2
}

TEST_F(CallReplayReader, ColumnsOutcomesAndTheDelimiterMayBeNamed) {
  std::ofstream(dir_ / "calls.csv", std::ios::binary)
      << "day;vru_exit;queue;q_time;ser_time;result\n"
         "1999-02-01;08:00:10;101;0;120;AGENT\n"
         "1999-02-01;08:30:00;Billing Enquiry;45;0;HANG\n";
  const Model m = read(R"({ "file": "calls.csv", "delimiter": "semicolon",
    "columns": { "date": "day", "arrival": "vru_exit", "type": "queue", "wait": "q_time",
                 "handle": "ser_time", "outcome": "result" },
    "served": ["AGENT"], "abandoned": ["HANG"] })",
                       1);
  EXPECT_EQ(m.contact_types[0].arrival_times_s, (std::vector<double>{10}));
  ASSERT_EQ(m.contact_types[1].replayed_calls.size(), 1u);
  EXPECT_FALSE(m.contact_types[1].replayed_calls[0].patience_exceeds);  // HANG: abandoned
  EXPECT_EQ(m.contact_types[1].replayed_calls[0].patience_s, 45.0);
}

// The Billing_Enquiry type's own arrivals, for logs without its calls.
const std::string no_billing = R"("arrivals": { "rate_per_hour": 0 },)";

// Named, the priority column says of each caller who waited in the log whether it was identified;
// of a caller answered at once the log cannot say.
TEST_F(CallReplayReader, ANamedPriorityColumnTellsWhichCallersWhoWaitedWereIdentified) {
  std::ofstream(dir_ / "calls.csv", std::ios::binary)
      << "date,arrival,type,wait_s,handle_s,outcome,prio\n"
         "1999-02-01,08:00:10,101,0,120,served,2\n"
         "1999-02-01,08:10:00,101,30,120,served,2\n"
         "1999-02-01,08:20:00,101,30,120,served,0\n"
         "1999-02-01,08:30:00,101,12,0,abandoned,1\n";
  const Model m = read(R"({ "file": "calls.csv", "columns": { "priority": "prio" } })", 1, no_billing);
  const std::vector<ReplayedCall>& calls = m.contact_types[0].replayed_calls;
  ASSERT_EQ(calls.size(), 4u);
  EXPECT_EQ(calls[0].identified, -1);  // answered at once
  EXPECT_EQ(calls[1].identified, 1);
  EXPECT_EQ(calls[2].identified, 0);
  EXPECT_EQ(calls[3].identified, 1);
}

TEST_F(CallReplayReader, APriorityColumnNotNamedIsNotRead) {
  std::ofstream(dir_ / "calls.csv", std::ios::binary)
      << "date,arrival,type,wait_s,handle_s,outcome,priority\n"
         "1999-02-01,08:10:00,101,30,120,served,gold\n";
  const Model m = read(R"({ "file": "calls.csv" })", 1, no_billing);
  EXPECT_EQ(m.contact_types[0].replayed_calls[0].identified, -1);
}

TEST_F(CallReplayReader, TheHorizonMustHaveOneDayPerDayReplayed) {
  EXPECT_EQ(refusal(R"({ "file": "calls.csv" })"),
            "replay.json: /replay: chooses 3 days of the log (days with calls), but the horizon "
            "has 2: each replayed day is a day of the horizon");
}

TEST_F(CallReplayReader, ATypeOfTheLogThatTheScenarioLacksIsRefused) {
  std::ofstream(dir_ / "calls.csv", std::ios::binary | std::ios::app)
      << "1999-02-02,09:00:00,Mortgages,0,60,served\n";
  EXPECT_EQ(refusal(R"({ "file": "calls.csv", "to": "1999-02-05" })"),
            "replay.json: /replay/file: has calls of type \"Mortgages\", which is no contact type "
            "of the scenario (types: type_101, Billing_Enquiry)");
}

TEST_F(CallReplayReader, AReplayedTypeMustLeaveItsArrivalsOut) {
  EXPECT_EQ(refusal(R"({ "file": "calls.csv", "to": "1999-02-05" })", 2,
                    R"("arrivals": { "rate_per_hour": 5 },)"),
            "replay.json: /replay: replays calls of type \"Billing_Enquiry\", which gives "
            "\"arrivals\" of its own: leave them out of a replayed type");
}

TEST_F(CallReplayReader, ATypeWithoutCallsNeedsArrivalsOfItsOwn) {
  EXPECT_EQ(refusal(R"({ "file": "calls.csv", "from": "1999-02-02", "to": "1999-02-02" })", 1),
            "replay.json: /replay: has no call of type \"Billing_Enquiry\" on its days, and the "
            "type gives no \"arrivals\" of its own");
}

TEST_F(CallReplayReader, ABadCellOfTheLogIsReportedAtItsLineAndColumn) {
  std::ofstream(dir_ / "calls.csv", std::ios::binary | std::ios::app)
      << "1999-02-02,09:00:00,101,-4,60,served\n";
  const std::string message = refusal(R"({ "file": "calls.csv", "to": "1999-02-05" })");
  EXPECT_EQ(message.rfind("calls.csv:8:", 0), 0u) << message;
}

TEST_F(CallReplayReader, WeekdaysMustBeDaysOfTheWeek) {
  EXPECT_EQ(refusal(R"({ "file": "calls.csv", "weekdays": "sunday to thursday" })"),
            "replay.json: /replay/weekdays: must be days of the week such as \"sun-thu\" or "
            "\"mon,wed,fri\", got \"sunday to thursday\"");
}

}  // namespace
}  // namespace ccsim
