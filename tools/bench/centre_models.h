// Models of a large centre for the engine benchmarks, built in code with the public Model:
//
//  - multi_skill_centre(): many contact types served by many small cross-skilled groups;
//  - single_queue_twin(): the same centre as one type and one group of all its agents, with the
//    same total arrival rate, handle time and patience.
//
// The twin is the cheapest way to simulate the same load with the same number of agents, so the
// ratio of the two speeds is what multi-skill routing and per-type bookkeeping cost the engine.
#pragma once

#include <cstdint>
#include <string>

#include "ccsim/model.h"

namespace ccsim::bench {

struct CentreShape {
  int types = 200;
  int groups = 50;
  int agents_per_group = 20;
  // Group g has min_skills + g % (max_skills - min_skills + 1) skills: 4, 5, 6, 7, 8, 4, ...
  int min_skills = 4;
  int max_skills = 8;
  double load = 0.9;  // offered erlangs per agent, in every group and in the twin
  double handle_mean_s = 240.0;    // exponential, every type
  double patience_mean_s = 300.0;  // exponential, every type
  std::uint32_t skill_seed = 20261206;  // std::mt19937 seed of the choice of each group's types
  // Planning intervals the horizon is cut into (same rates and staffing in each): a real day has
  // dozens, and per-interval tallies cost memory and cache per contact type.
  int intervals = 1;

  int agents() const { return groups * agents_per_group; }
  // Contacts per second of the whole centre: load x agents / handle time.
  double rate_per_s() const { return load * agents() / handle_mean_s; }
};

// One interval as long as it takes `contacts` arrivals to be expected, no warm-up, contacts
// followed to the end. Every skill has priority 1: a freed agent takes the longest-waiting contact
// of all the queues its group serves, and a new contact tries its groups in group order.
//
// Each group's slots are dealt to the types served by the fewest groups so far (ties broken by the
// seeded generator), so every type is served, and the types served by one group more than the
// others are spread at random over the groups. A group's offered load is split evenly over its
// skills (load x agents_per_group / skills erlangs each) and a type's arrival rate is the sum over
// the groups that serve it, so every group is offered the same load and the centre as a whole
// load x agents(), as in the twin.
Model multi_skill_centre(double contacts, const CentreShape& shape = {});
Model single_queue_twin(double contacts, const CentreShape& shape = {});

// One line on the structure the generator produced: skills per group, groups per type, and the
// range of offered load per type (for the benchmark's context in the record).
std::string describe_multi_skill_centre(const Model& model, const CentreShape& shape = {});

}  // namespace ccsim::bench
