// A scenario that can never end, or whose queue grows without bound, stops with a message that
// names the contact type and the feature — never a hang, never memory exhausted. Loops a scenario
// makes certain are refused when it is read.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "ccsim/limits.h"
#include "ccsim/scenario.h"
#include "testing/input_errors.h"

namespace ccsim {
namespace {

using ::testing::HasSubstr;

// One voice type served by `agents`, with `extra` added to the type.
std::string scenario(const std::string& extra, int agents = 2, const std::string& root_extra = "") {
  return R"({
    "name": "loop",
    "horizon": { "start": "08:00", "intervals": 2, "interval_min": 30 },
    "run": { "replications": 1, "seed": 3 },
    "contact_types": [ { "id": "calls", "arrivals": { "per_interval": 200 },
      "handle_time": { "dist": "exponential", "mean_s": 300 })" +
         extra + R"( } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": )" +
         std::to_string(agents) + " } ]" + root_extra + "}";
}

std::string run_until_stopped(const Model& model) {
  try {
    run_replication(model, 1, 0);
  } catch (const RunStopped& e) {
    return e.what();
  }
  return "the replication ended";
}

TEST(EndlessCustomers, RetriesOneNanosecondApartStopTheRunNamingTheTypeAndTheRetry) {
  // The clock crawls: every retry is 1e-9 s later, so time never reaches the horizon's end.
  const Model model = parse_scenario(scenario(R"(,
      "patience": { "dist": "deterministic", "value_s": 0 },
      "retry": { "p": 1, "delay": { "dist": "deterministic", "value_s": 1e-9 } })"),
                                     "loop.json");
  const std::string message = run_until_stopped(model);
  EXPECT_THAT(message, HasSubstr("contact type 'calls': customer "));
  EXPECT_THAT(message, HasSubstr("made 1000 contacts about one issue, the last one a retry"));
  EXPECT_THAT(message, HasSubstr("Look at /contact_types/0/retry"));
}

TEST(EndlessCustomers, ARepeatLoopOfShortCallsStopsTheRunNamingTheRepeat) {
  // Not certain from the file (handle times are above 0), but no issue is ever resolved and each
  // comes back 1 ms after a call of 10 ms on average: the customer never leaves.
  const Model model = parse_scenario(R"({
      "name": "loop", "horizon": { "start": "08:00", "intervals": 2, "interval_min": 30 },
      "contact_types": [ { "id": "calls", "arrivals": { "per_interval": 10 },
        "handle_time": { "dist": "exponential", "mean_s": 0.01 }, "resolution": { "p": 0 },
        "repeat": { "p": 1, "delay": { "dist": "deterministic", "value_s": 0.001 } } } ],
      "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 20 } ] })",
                                     "loop.json");
  const std::string message = run_until_stopped(model);
  EXPECT_THAT(message, HasSubstr("made 1000 contacts about one issue, the last one a repeat"));
  EXPECT_THAT(message, HasSubstr("Look at /contact_types/0/repeat"));
}

TEST(EndlessCustomers, ACustomerWhoRetriesAFewTimesIsNotStopped) {
  const Model model = parse_scenario(scenario(R"(,
      "patience": { "dist": "exponential", "mean_s": 30 },
      "retry": { "p": 0.9, "delay": { "dist": "exponential", "mean_s": 60 } })"),
                                     "loop.json");
  EXPECT_EQ(run_until_stopped(model), "the replication ended");
}

TEST(QueueWithoutBound, AnUnservedQueueOfPatientCustomersStopsAtTheContactLimit) {
  Model model = parse_scenario(scenario("", 0), "grow.json");
  model.run.memory_limit_bytes = 1u << 18;  // room for 190 contacts; 400 arrive
  const std::string message = run_until_stopped(model);
  const std::uint32_t limit = contacts_in_system_limit(model.run.memory_limit_bytes);
  EXPECT_THAT(message, HasSubstr(std::to_string(limit) + " contacts in the system at once"));
  EXPECT_THAT(message, HasSubstr(std::to_string(limit) + " of them of contact type 'calls' (" +
                                 std::to_string(limit) + " waiting)"));
  EXPECT_THAT(message, HasSubstr("The memory limit of 256 KiB allows " + std::to_string(limit)));
}

TEST(QueueWithoutBound, TheContactLimitGrowsWithTheMemoryLimit) {
  EXPECT_EQ(contacts_in_system_limit(std::uint64_t{4} << 30),
            (std::uint64_t{4} << 30) / 4 / bytes_per_contact_in_system());
  EXPECT_LT(contacts_in_system_limit(std::uint64_t{1} << 20), contacts_in_system_limit(std::uint64_t{1} << 30));
}

TEST(CertainLoops, AZeroPatienceWithAnInstantCertainRetryIsRefusedWithItsPointers) {
  const std::string message = testing::error_of([] {
    parse_scenario(scenario(R"(,
      "patience": { "dist": "deterministic", "value_s": 0 },
      "retry": { "p": 1, "delay": { "dist": "deterministic", "value_s": 0 } })"),
                   "loop.json");
  });
  EXPECT_EQ(message,
            "loop.json: /contact_types/0/retry: with a patience of 0 s (/contact_types/0/patience), "
            "a retry with p 1 after 0 s makes a customer who finds every agent busy abandon and "
            "retry at the same instant for ever: give the retry a delay or a p below 1");
}

TEST(CertainLoops, ABotThatLosesEveryoneAtOnceWithAnInstantCertainRetryIsRefused) {
  const std::string message = testing::error_of([] {
    parse_scenario(scenario(R"(,
      "retry": { "p": 1, "delay": { "dist": "deterministic", "value_s": 0 } })",
                            2, R"(, "automation": { "bots": [ { "id": "ivr", "types": ["calls"],
      "containment_p": 0, "abandon_p": 1, "duration": { "dist": "deterministic", "value_s": 0 } } ] })"),
                   "loop.json");
  });
  EXPECT_EQ(message,
            "loop.json: /contact_types/0/retry: bot 'ivr' loses every customer at once "
            "(/automation/bots/0/abandon_p and /automation/bots/0/duration), and a retry with p 1 "
            "after 0 s brings each back to it at the same instant for ever: give the retry a delay "
            "or a p below 1");
}

TEST(CertainLoops, AnInstantRepeatOfIssuesNeverResolvedInZeroTimeIsRefused) {
  const std::string message = testing::error_of([] {
    parse_scenario(R"({
      "name": "loop", "horizon": { "start": "08:00", "intervals": 2, "interval_min": 30 },
      "contact_types": [ { "id": "calls", "arrivals": { "per_interval": 10 },
        "handle_time": { "dist": "deterministic", "value_s": 0 }, "resolution": { "p": 0 },
        "repeat": { "p": 1, "delay": { "dist": "deterministic", "value_s": 0 } } } ],
      "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 2 } ] })",
                   "loop.json");
  });
  EXPECT_EQ(message,
            "loop.json: /contact_types/0/repeat: issues are never resolved "
            "(/contact_types/0/resolution/p) and take 0 s to handle (/contact_types/0/handle_time), "
            "so a repeat with p 1 after 0 s brings each customer back at the same instant for ever: "
            "give the repeat a delay or a p below 1");
}

TEST(CertainLoops, ARetryThatMayWaitIsNotRefused) {
  EXPECT_NO_THROW(parse_scenario(scenario(R"(,
      "patience": { "dist": "deterministic", "value_s": 0 },
      "retry": { "p": 1, "delay": { "dist": "exponential", "mean_s": 60 } })"),
                                 "loop.json"));
}

}  // namespace
}  // namespace ccsim
