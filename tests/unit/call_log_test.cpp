// Reading a call log: columns by name, days, clock times, outcomes, and every bad cell reported
// with its file, line and column.
#include "ccsim/call_log.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "ccsim/diagnostics.h"
#include "testing/input_errors.h"

namespace ccsim {
namespace {

using namespace std::chrono;
using testing::error_of;

class CallLogTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("call_log_test_" + std::to_string(::getpid()) + "_" +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".csv");
    std::ofstream(path, std::ios::binary) << text;
    written_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const auto& path : written_) std::filesystem::remove(path);
  }
  std::vector<std::filesystem::path> written_;
};

TEST_F(CallLogTest, ReadsColumnsByNameInAnyOrder) {
  const auto path = write(
      "outcome,handle_s,arrival,wait_s,type,date\n"
      "served,120,7:00:05,3,PS,1999-02-01\n"
      "abandoned,,07:01:00,45,NW,1999-02-01\n");
  const CallLog log = read_call_log(path, "log.csv", CallLogFormat{});
  ASSERT_EQ(log.calls.size(), 2u);
  EXPECT_EQ(log.types, (std::vector<std::string>{"PS", "NW"}));
  EXPECT_DOUBLE_EQ(log.calls[0].arrival_s, 7 * 3600 + 5);
  EXPECT_DOUBLE_EQ(log.calls[0].wait_s, 3);
  EXPECT_DOUBLE_EQ(log.calls[0].handle_s, 120);
  EXPECT_FALSE(log.calls[0].abandoned);
  EXPECT_TRUE(log.calls[1].abandoned);
  EXPECT_DOUBLE_EQ(log.calls[1].handle_s, 0);
  EXPECT_EQ(log.calls[1].line, 3u);
}

TEST_F(CallLogTest, TabSeparatedLogsWithRenamedColumnsAndOutcomes) {
  const auto path = write(
      "vru_exit\tq_time\tser_time\touTcome\ttype\tdate\r\n"
      "7:02:56\t0\t166\tAGENT\tPS\t990201\r\n"
      "7:03:10\t12\t0\tHANG\tPS\t990202\r\n"
      "7:04:00\t0\t0\tPHANTOM\tPS\t990202\r\n");
  CallLogFormat format;
  format.arrival_column = "vru_exit";
  format.wait_column = "q_time";
  format.handle_column = "ser_time";
  format.outcome_column = "ouTcome";
  format.served = {"AGENT"};
  format.abandoned = {"HANG"};
  const CallLog log = read_call_log(path, "bank.txt", format);
  ASSERT_EQ(log.calls.size(), 2u);
  EXPECT_EQ(log.other_outcomes, 1u);
  ASSERT_EQ(log.days.size(), 2u);
  EXPECT_EQ(day_text(log.days[0]), "1999-02-01");
  EXPECT_EQ(log.calls[1].day, 1u);
}

TEST_F(CallLogTest, ALogWithoutDateOrTypeIsOneDayOfOneType) {
  const auto path = write("arrival,wait_s,handle_s,outcome\n3600,0,100,served\n");
  const CallLog log = read_call_log(path, "log.csv", CallLogFormat{});
  EXPECT_EQ(log.days.size(), 1u);
  EXPECT_EQ(log.types, std::vector<std::string>{"calls"});
}

TEST_F(CallLogTest, AMissingColumnIsNamedWithTheColumnsThereAre) {
  const auto path = write("arrival,handle_s,outcome\n3600,100,served\n");
  EXPECT_EQ(error_of([&] { read_call_log(path, "log.csv", CallLogFormat{}); }),
            "log.csv: no column \"wait_s\" in the header (columns: arrival, handle_s, outcome)");
}

TEST_F(CallLogTest, ABadCellGivesItsLineAndColumn) {
  const auto path = write("arrival,wait_s,handle_s,outcome\n3600,0,100,served\n3700,-4,100,served\n");
  EXPECT_EQ(error_of([&] { read_call_log(path, "log.csv", CallLogFormat{}); }),
            "log.csv:3:2: expected seconds, a number from 0 to 10000000, got \"-4\"");
}

TEST_F(CallLogTest, UnparsableTimesAndDatesAreRefused) {
  const auto path = write("date,arrival,wait_s,handle_s,outcome\n1999-02-30,7:5:00,0,1,served\n");
  try {
    read_call_log(path, "log.csv", CallLogFormat{});
    FAIL() << "no error";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].where, "2:1");
    EXPECT_EQ(e.diagnostics()[1].where, "2:2");
  }
}

TEST_F(CallLogTest, AServedCallNeedsItsHandleTime) {
  const auto path = write("arrival,wait_s,handle_s,outcome\n3600,0,,served\n");
  EXPECT_EQ(error_of([&] { read_call_log(path, "log.csv", CallLogFormat{}); }),
            "log.csv:2:3: expected seconds, a number from 0 to 10000000, got \"\"");
}

TEST_F(CallLogTest, ALogWithNoServedOrAbandonedCallSaysWhichOutcomesCount) {
  const auto path = write("arrival,wait_s,handle_s,outcome\n3600,0,1,AGENT\n");
  EXPECT_EQ(error_of([&] { read_call_log(path, "log.csv", CallLogFormat{}); }),
            "log.csv: no served or abandoned calls (outcomes counted as served: served; as "
            "abandoned: abandoned)");
}

TEST_F(CallLogTest, AMissingFileIsAnInputError) {
  EXPECT_EQ(error_of([&] { read_call_log("/nonexistent/log.csv", "log.csv", CallLogFormat{}); }),
            "log.csv: cannot read the call log: no such file or directory");
}

TEST(CallLogDays, AreReadInThreeFormsAndCheckedOnTheCalendar) {
  year_month_day day;
  ASSERT_TRUE(parse_day("990201", day));
  EXPECT_EQ(day_text(day), "1999-02-01");
  ASSERT_TRUE(parse_day("20240229", day));
  EXPECT_EQ(day_text(day), "2024-02-29");
  EXPECT_FALSE(parse_day("2023-02-29", day));
  EXPECT_FALSE(parse_day("99-02-01", day));
}

TEST(CallLogDays, WeekdayRangesWrapOverTheWeekend) {
  std::array<bool, 7> days{};
  ASSERT_TRUE(parse_weekdays("sun-thu", days));
  EXPECT_EQ(days, (std::array<bool, 7>{true, true, true, true, true, false, false}));
  ASSERT_TRUE(parse_weekdays("Fri-Sun", days));
  EXPECT_EQ(days, (std::array<bool, 7>{true, false, false, false, false, true, true}));
  ASSERT_TRUE(parse_weekdays("mon,wed", days));
  EXPECT_EQ(days, (std::array<bool, 7>{false, true, false, true, false, false, false}));
  EXPECT_FALSE(parse_weekdays("someday", days));
}

TEST_F(CallLogTest, SelectionKeepsEveryCallOfTheChosenWeekdays) {
  // 1999-02-05 was a Friday.
  const auto path = write(
      "date,arrival,type,wait_s,handle_s,outcome\n"
      "990204,3600,PS,0,10,served\n"
      "990205,3600,PS,0,10,served\n"
      "990204,3600,NW,0,10,served\n");
  const CallLog log = read_call_log(path, "log.csv", CallLogFormat{});
  CallLogSelection selection;
  ASSERT_TRUE(parse_weekdays("sun-thu", selection.weekdays));
  selection.types = {"NW"};
  const CallLog chosen = select_days(log, selection);
  // Agents busy with PS were busy: its calls stay, and the types fitted are chosen later.
  EXPECT_EQ(chosen.calls.size(), 2u);
  EXPECT_EQ(chosen.days.size(), 1u);

  selection.types = {"XX"};
  EXPECT_EQ(error_of([&] { select_days(log, selection); }),
            "log.csv: no calls of type \"XX\" (types: PS, NW)");
}

TEST_F(CallLogTest, AColumnNamedByTheUserMustExist) {
  const auto path = write("arrival,wait_s,handle_s,outcome\n3600,0,100,served\n");
  CallLogFormat format;
  format.date_column = "Datum";
  format.date_named = true;
  EXPECT_EQ(error_of([&] { read_call_log(path, "log.csv", format); }),
            "log.csv: no column \"Datum\" in the header (columns: arrival, wait_s, handle_s, outcome)");
}

TEST_F(CallLogTest, AnAbandonedCallsHandleCellIsNotRead) {
  const auto path = write("arrival,wait_s,handle_s,outcome\n3600,5,NULL,abandoned\n3700,0,60,served\n");
  const CallLog log = read_call_log(path, "log.csv", CallLogFormat{});
  EXPECT_DOUBLE_EQ(log.calls[0].handle_s, 0.0);
}

TEST_F(CallLogTest, APriorityAboveZeroMeansTheCallerWasIdentified) {
  const auto path = write("arrival,wait_s,handle_s,outcome,priority\n"
                          "3600,0,100,served,0\n3601,5,100,served,2\n3602,5,100,served,\n");
  CallLogFormat format;
  format.read_priority = true;
  const CallLog log = read_call_log(path, "log.csv", format);
  EXPECT_TRUE(log.has_priorities);
  EXPECT_FALSE(log.calls[0].identified);
  EXPECT_TRUE(log.calls[1].identified);
  EXPECT_FALSE(log.calls[2].identified);  // empty: not identified
}

TEST_F(CallLogTest, ALogWithoutAPriorityColumnIdentifiesNobody) {
  const auto path = write("arrival,wait_s,handle_s,outcome\n3600,5,100,served\n");
  CallLogFormat format;
  format.read_priority = true;
  const CallLog log = read_call_log(path, "log.csv", format);
  EXPECT_FALSE(log.has_priorities);
  EXPECT_FALSE(log.calls[0].identified);
}

// A column called "priority" may hold anything (a segment name, say) until it is asked for.
TEST_F(CallLogTest, APriorityColumnIsReadOnlyWhenAskedFor) {
  const auto path = write("arrival,wait_s,handle_s,outcome,priority\n3600,5,100,served,High\n");
  const CallLog log = read_call_log(path, "log.csv", CallLogFormat{});
  EXPECT_FALSE(log.has_priorities);
  EXPECT_FALSE(log.calls[0].identified);
}

TEST_F(CallLogTest, ABadPriorityGivesItsLineAndColumn) {
  const auto path = write("arrival,wait_s,handle_s,outcome,prio\n3600,5,100,served,-1\n3601,5,100,served,vip\n");
  CallLogFormat format;
  ASSERT_TRUE(name_column(format, "priority", "prio"));
  try {
    read_call_log(path, "log.csv", format);
    FAIL() << "no error";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].where, "2:5");
    EXPECT_EQ(e.diagnostics()[0].message, "expected a priority, a number from 0 (not identified) up, got \"-1\"");
    EXPECT_EQ(e.diagnostics()[1].where, "3:5");
    EXPECT_EQ(e.diagnostics()[1].message, "expected a priority, a number from 0 (not identified) up, got \"vip\"");
  }
}

TEST_F(CallLogTest, APriorityColumnNamedByTheUserMustExist) {
  const auto path = write("arrival,wait_s,handle_s,outcome\n3600,0,100,served\n");
  CallLogFormat format;
  ASSERT_TRUE(name_column(format, "priority", "segment"));
  EXPECT_EQ(error_of([&] { read_call_log(path, "log.csv", format); }),
            "log.csv: no column \"segment\" in the header (columns: arrival, wait_s, handle_s, outcome)");
}

TEST_F(CallLogTest, SemicolonSeparatedExportsAreRecognised) {
  const auto path = write("arrival;wait_s;handle_s;outcome\n3600;5;60;served\n");
  EXPECT_EQ(read_call_log(path, "log.csv", CallLogFormat{}).calls.size(), 1u);
}

TEST(CallLogDays, WeekdaysAreNamedByThreeLettersOrTheWholeWord) {
  std::array<bool, 7> days{};
  EXPECT_TRUE(parse_weekdays("Sunday-thu", days));
  EXPECT_FALSE(parse_weekdays("monkey", days));
}

TEST(CallLogClock, TimesUpToTheGivenHourAreRead) {
  EXPECT_EQ(parse_clock_time("47:59:59"), 47 * 3600 + 59 * 60 + 59);
  EXPECT_EQ(parse_clock_time("24:00", 23), std::nullopt);
  EXPECT_EQ(parse_clock_time("7x:30"), std::nullopt);
  EXPECT_EQ(parse_clock_time("+7:30"), std::nullopt);
  EXPECT_EQ(clock_time_text(25 * 3600.0), "25:00");
}

}  // namespace
}  // namespace ccsim
