// Models built in code for tests: no files, every number visible in the test that uses it.
#pragma once

#include <optional>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/runner.h"
#include "ccsim/tallies.h"

namespace ccsim::testing {

struct SingleQueue {
  double rate_per_hour = 200.0;
  Distribution handle_time = Exponential{180.0};
  std::optional<Distribution> patience;
  int agents = 14;
  int intervals = 1;
  double interval_min = 1440.0;
  double warmup_min = 0.0;
  double answer_within_s = 20.0;
  bool drain = true;
};

// One contact type "calls" served by one group "agents" at a constant rate and staffing.
Model single_queue(const SingleQueue& spec);

// Asserts (GoogleTest) offered = handled + abandoned + in system for every type of a replication,
// and issues opened = resolved + given up + open at the end, counted independently of the
// engine's own check.
void expect_conservation(const Model& model, const Tallies& tallies);

// Sum over intervals of one type's contact tallies.
ContactTally type_totals(const Tallies& tallies, std::size_t type);

// Sums over intervals of one type's issue tallies and one group's agent tallies.
IssueTally issue_totals(const Tallies& tallies, std::size_t type);
AgentTally group_totals(const Tallies& tallies, std::size_t group);

}  // namespace ccsim::testing

namespace ccsim::testing {

// Three contact types on three groups with overlapping skills, a load that varies over eight
// half-hour intervals, abandonment, shrinkage and costs: the general model in small.
Model three_types_three_groups();

// Everything after the first answer at once: three tiers, VIP and standard segments, warm and
// cold escalation with priority, misroutes, repeats, retries, callbacks, and a partner taking
// billing by overflow after 60 s at a per-contact price. Eight half-hour intervals.
Model tiered_centre();

}  // namespace ccsim::testing
