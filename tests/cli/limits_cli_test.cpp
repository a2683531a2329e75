// What the command line does at the limits of a run: a run that would not fit in memory is
// refused before it starts (and --memory-limit raises the limit), a run that could never end
// stops with the contact type and the feature, and both exit 2 without writing an output.
#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/command_line.h"

namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class RunLimits : public ccsim::testing::CommandLineTest {
 protected:
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(file(name)) << text;
    return file(name).string();
  }
  // Callers who hang up at once if no agent is free and call again `delay_s` later, always.
  std::string retrying(const std::string& name, const std::string& delay_s) const {
    return write(name, R"({
      "name": "retrying", "horizon": { "start": "08:00", "intervals": 2, "interval_min": 30 },
      "contact_types": [ { "id": "calls", "arrivals": { "per_interval": 100 },
        "handle_time": { "dist": "exponential", "mean_s": 180 },
        "patience": { "dist": "deterministic", "value_s": 0 },
        "retry": { "p": 1, "delay": { "dist": "deterministic", "value_s": )" + delay_s + R"( } } } ],
      "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 3 } ] })");
  }
  // A week of quarter hours for two types: a few MiB of tallies, quick to simulate.
  std::string week() const {
    return write("week.json", R"({
      "name": "week", "horizon": { "start": "00:00", "intervals": 96, "interval_min": 15, "days": 7 },
      "contact_types": [
        { "id": "calls", "arrivals": { "per_interval": 2 }, "handle_time": { "dist": "exponential", "mean_s": 180 } },
        { "id": "chats", "arrivals": { "per_interval": 1 }, "handle_time": { "dist": "exponential", "mean_s": 300 } } ],
      "agent_groups": [ { "id": "agents", "skills": ["calls", "chats"], "staffing": 2 } ] })");
  }
};

TEST_F(RunLimits, ARunThatNeedsMoreThanTheMemoryLimitIsRefusedBeforeItStarts) {
  const std::string json = file("out.json").string();
  const auto result = ccsim("run " + week() + " -r 2 -t 1 --memory-limit 1M --json " + json);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, StartsWith("ccsim: this run needs about "));
  EXPECT_THAT(result.err, HasSubstr("more than its limit of 1.0 MiB"));
  EXPECT_THAT(result.err, HasSubstr("raise the limit deliberately with --memory-limit"));
  // Refused before the first replication: no progress, no result.
  EXPECT_THAT(result.err, ::testing::Not(HasSubstr("replications,")));
  EXPECT_FALSE(std::filesystem::exists(json));
}

TEST_F(RunLimits, ARaisedMemoryLimitLetsTheSameRunGoAhead) {
  const auto result = ccsim("run " + week() + " -r 2 -t 1 -q --memory-limit 64M");
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST_F(RunLimits, AMemoryLimitMustBeASizeOfAtLeastOneMebibyte) {
  EXPECT_EQ(ccsim("run scenarios/retail-day.json --memory-limit 12K").exit_code, 2);
  EXPECT_EQ(ccsim("run scenarios/retail-day.json --memory-limit lots").exit_code, 2);
}

TEST_F(RunLimits, SweepsAndComparisonsAreHeldToTheMemoryLimitToo) {
  const std::string scenario = week();
  const auto sweep = ccsim("sweep " + scenario + " --set /agent_groups/0/staffing=2,3 -r 2 -t 1 "
                           "--memory-limit 1M -o " + file("points.csv").string());
  EXPECT_EQ(sweep.exit_code, 2);
  EXPECT_THAT(sweep.err, HasSubstr("this run needs about"));
  const auto compare = ccsim("compare " + scenario + " " + scenario + " -t 1 --memory-limit 1M");
  EXPECT_EQ(compare.exit_code, 2);
  EXPECT_THAT(compare.err, HasSubstr("this run needs about"));
}

TEST_F(RunLimits, ACustomerWhoComesBackForEverStopsTheRunWithTheTypeAndTheFeature) {
  const std::string scenario = retrying("crawl.json", "1e-9");
  const std::string json = file("out.json").string();
  const auto result = ccsim("run " + scenario + " -r 4 -t 2 --json " + json);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, StartsWith("ccsim: contact type 'calls': customer "));
  EXPECT_THAT(result.err, HasSubstr("Look at /contact_types/0/retry"));
  EXPECT_FALSE(std::filesystem::exists(json));
}

TEST_F(RunLimits, ValidateRefusesALoopTheScenarioMakesCertain) {
  const std::string scenario = retrying("instant.json", "0");
  const auto result = ccsim("validate " + scenario);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr(scenario + ": /contact_types/0/retry: with a patience of 0 s"));
}

}  // namespace
