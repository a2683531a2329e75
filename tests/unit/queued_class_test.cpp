// State-dependent classes (when_queued): a front-door contact that finds no agent free becomes
// another class, with that class's handle time, patience, priority and KPIs; one answered at once
// keeps its type. Exact traces, the Erlang C law for the share answered at once, and the reader's
// refusals.
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "ccsim/erlang.h"
#include "ccsim/scenario.h"
#include "testing/input_errors.h"
#include "testing/models.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

using testing::at;
using K = TraceKind;

// "calls" (handle 60 s) arriving at `arrivals`; one that must wait becomes "waited" (handle
// 100 s) with probability `p`; `agents` agents serve both. `extra` is added to the calls type.
Model two_classes(const std::string& arrivals, double p, int agents = 1,
                  const std::string& extra = "") {
  return parse_scenario(R"({
    "horizon": { "intervals": 1, "interval_min": 60 },
    "contact_types": [
      { "id": "calls", "arrivals": )" + arrivals + R"(,
        "handle_time": { "dist": "deterministic", "value_s": 60 },
        "when_queued": { "becomes": { "waited": )" + std::to_string(p) + " } }" + extra + R"( },
      { "id": "waited", "arrivals": { "rate_per_hour": 0 },
        "handle_time": { "dist": "deterministic", "value_s": 100 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls", "waited"], "staffing": )" +
                            std::to_string(agents) + " } ] }",
                        "classes.json");
}

TEST(QueuedClass, AContactAnsweredAtOnceKeepsItsTypeAndOneThatMustWaitChangesClass) {
  // t=0 #0 finds the agent free: answered at once as "calls" (60 s).
  // t=10 #1 must wait: it becomes "waited" at once, and is answered at t=60 with 100 s.
  const Model model = two_classes(R"({ "times_s": [0, 10] })", 1.0);
  EXPECT_EQ(testing::journey(model), (std::vector<TraceRecord>{
                                         at(0, K::arrival, 0, 0, -1),
                                         at(0, K::answer, 0, 0, 0),
                                         at(10, K::arrival, 1, 0, -1),
                                         at(10, K::class_change, 1, 1, -1),
                                         at(60, K::resolved, 0, 0, 0),
                                         at(60, K::service_end, 0, 0, 0),
                                         at(60, K::answer, 1, 1, 0),
                                         at(160, K::resolved, 1, 1, 0),
                                         at(160, K::service_end, 1, 1, 0),
                                     }));
}

TEST(QueuedClass, TheContactIsOfferedAsItsClassNotAsItsType) {
  Tallies tallies;
  testing::trace_of(two_classes(R"({ "times_s": [0, 10, 20] })", 1.0), &tallies);
  EXPECT_EQ(testing::type_totals(tallies, 0).offered, 1u);
  EXPECT_EQ(testing::type_totals(tallies, 1).offered, 2u);
  EXPECT_EQ(testing::type_totals(tallies, 1).handled, 2u);
}

TEST(QueuedClass, WithProbabilityZeroNobodyChangesClass) {
  Tallies tallies;
  testing::trace_of(two_classes(R"({ "times_s": [0, 10, 20] })", 0.0), &tallies);
  EXPECT_EQ(testing::type_totals(tallies, 0).offered, 3u);
  EXPECT_EQ(testing::type_totals(tallies, 1).offered, 0u);
}

TEST(QueuedClass, TheClassTakesItsOwnPatience) {
  // "waited" abandons after 5 s; "calls" never does. #1 waits from t=10, becomes "waited" and
  // abandons at t=15, before the agent frees at t=60.
  Model model = two_classes(R"({ "times_s": [0, 10] })", 1.0);
  model.contact_types[1].patience = Deterministic{5.0};
  const std::vector<TraceRecord> trace = testing::journey(model);
  EXPECT_NE(std::find(trace.begin(), trace.end(), at(15, K::abandonment, 1, 1, -1)), trace.end());
}

TEST(QueuedClass, TheShareAnsweredAtOnceIsOneLessErlangC) {
  // M/M/5 at 4 erlangs (80 calls an hour, mean 180 s), nobody abandons: a caller waits with
  // probability C(5, 4) = 0.554 and, with p = 1, every one that waits is counted as "waited".
  // 20 replications of 23 measured hours (about 1,840 calls each): the mean share is within 6.3
  // standard errors estimated from the replications' spread; with Student's t at 19 degrees of
  // freedom a correct engine misses that about once in 150,000 runs.
  const Model model = parse_scenario(R"({
    "horizon": { "intervals": 24, "interval_min": 60 },
    "run": { "warmup_min": 60 },
    "contact_types": [
      { "id": "calls", "arrivals": { "rate_per_hour": 80 },
        "handle_time": { "dist": "exponential", "mean_s": 180 },
        "when_queued": { "becomes": { "waited": 1 } } },
      { "id": "waited", "arrivals": { "rate_per_hour": 0 },
        "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls", "waited"], "staffing": 5 } ] })",
                                     "erlang.json");
  const int replications = 20;
  std::vector<double> shares;
  for (int r = 0; r < replications; ++r) {
    const Tallies tallies = run_replication(model, 11, static_cast<std::uint64_t>(r));
    const double at_once = static_cast<double>(testing::type_totals(tallies, 0).offered);
    const double waited = static_cast<double>(testing::type_totals(tallies, 1).offered);
    shares.push_back(at_once / (at_once + waited));
  }
  double mean = 0.0;
  for (const double s : shares) mean += s / replications;
  double variance = 0.0;
  for (const double s : shares) variance += (s - mean) * (s - mean) / (replications - 1);
  const double standard_error = std::sqrt(variance / replications);
  EXPECT_NEAR(mean, 1.0 - erlang_c(5, 4.0), 6.3 * standard_error);
  EXPECT_LT(standard_error, 0.02);  // the test has the power to see a wrong law
}

TEST(QueuedClass, ProbabilitiesSplitTheWaitingContactsBetweenClassesAndTheType) {
  // 200 callers at once to one agent: 199 wait; about 30 % become "waited", the rest stay
  // "calls" (binomial: 59.7 expected, standard deviation 6.5; within 5 of them).
  std::string times = "[";
  for (int i = 0; i < 200; ++i) times += (i ? ", " : "") + std::to_string(i * 0.001);
  const Model model = two_classes(R"({ "times_s": )" + times + "] }", 0.3);
  Tallies tallies;
  testing::trace_of(model, &tallies);
  const auto waited = static_cast<double>(testing::type_totals(tallies, 1).offered);
  EXPECT_NEAR(waited, 0.3 * 199, 5 * 6.5);
  EXPECT_EQ(testing::type_totals(tallies, 0).offered + testing::type_totals(tallies, 1).offered, 200u);
}

// ---- the reader

std::string refusal(const std::string& when_queued, const std::string& waited_extra = "",
                    const std::string& channel = "") {
  return testing::error_of([&] {
    parse_scenario(R"({
      "horizon": { "intervals": 1 },
      "contact_types": [
        { "id": "calls", )" + channel + R"("arrivals": { "rate_per_hour": 10 },
          "handle_time": { "dist": "exponential", "mean_s": 60 },
          "when_queued": )" + when_queued + R"( },
        { "id": "waited", "arrivals": { "rate_per_hour": 0 },
          "handle_time": { "dist": "exponential", "mean_s": 60 })" + waited_extra + R"( },
        { "id": "waited_long", "arrivals": { "rate_per_hour": 0 },
          "handle_time": { "dist": "exponential", "mean_s": 60 } } ],
      "agent_groups": [ { "id": "agents", "skills": ["calls", "waited", "waited_long"],
                          "staffing": 2 } ] })",
                   "s.json");
  });
}

TEST(QueuedClassReader, RefusesAnUnknownClass) {
  EXPECT_NE(refusal(R"({ "becomes": { "waitd": 1 } })")
                .find("/contact_types/0/when_queued/becomes/waitd: no contact type with id \"waitd\""),
            std::string::npos);
}

TEST(QueuedClassReader, RefusesTheTypeItself) {
  EXPECT_EQ(refusal(R"({ "becomes": { "calls": 1 } })"),
            "s.json: /contact_types/0/when_queued/becomes/calls: must name a contact type other "
            "than this one");
}

TEST(QueuedClassReader, RefusesProbabilitiesAddingUpToMoreThanOne) {
  EXPECT_EQ(refusal(R"({ "becomes": { "waited": 0.7, "waited_long": 0.5 } })"),
            "s.json: /contact_types/0/when_queued/becomes: probabilities must add up to 1 at most "
            "(the rest keeps the type), got 1.2");
}

TEST(QueuedClassReader, RefusesAProbabilityAboveOne) {
  EXPECT_EQ(refusal(R"({ "becomes": { "waited": 1.5 } })"),
            "s.json: /contact_types/0/when_queued/becomes/waited: must be a number in [0, 1], "
            "got 1.5");
}

TEST(QueuedClassReader, RefusesAClassWithClassesOfItsOwn) {
  EXPECT_EQ(refusal(R"({ "becomes": { "waited": 1 } })",
                    R"(, "when_queued": { "becomes": { "calls": 1 } })"),
            "s.json: /contact_types/0/when_queued/becomes/waited: names \"waited\", which has "
            "classes of its own: a class a waiting contact becomes cannot change class again");
}

TEST(QueuedClassReader, RefusesAClassOfAnotherChannel) {
  EXPECT_EQ(refusal(R"({ "becomes": { "waited": 1 } })", "", R"("channel": "chat", )"),
            "s.json: /contact_types/0/when_queued/becomes/waited: names \"waited\", a voice "
            "contact type: a class keeps the channel (chat)");
}

TEST(QueuedClassReader, RefusesAnEmptyListOfClasses) {
  EXPECT_EQ(refusal(R"({ "becomes": {} })"),
            "s.json: /contact_types/0/when_queued/becomes: must name at least one contact type "
            "with its probability, got {}");
}

}  // namespace
}  // namespace ccsim
