// The compiled, immutable model: everything one replication needs, names resolved to dense indices
// and every quantity in seconds. Built only by the scenario reader (scenario.h) or, in tests, by
// hand; the engine reads it and never changes it, so many replications can share one Model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ccsim/distribution.h"

namespace ccsim {

using ContactTypeIndex = std::uint32_t;
using AgentGroupIndex = std::uint32_t;
using IntervalIndex = std::uint32_t;

// The planning grid. Days run back to back: interval i of day d is global interval
// d * intervals_per_day + i, and day d starts at d * intervals_per_day * interval_s of simulated
// time (the night between two days is not simulated; labels restart at `start_min` each day).
struct Horizon {
  int start_min = 0;  // clock time of the first interval, minutes after midnight (labels only)
  int intervals_per_day = 1;
  Seconds interval_s = 1800.0;
  int days = 1;

  int intervals() const { return intervals_per_day * days; }
  Seconds length_s() const { return interval_s * intervals(); }
  // "HH:MM" of the start of global interval i on its day's grid (wrapping at midnight).
  std::string start_label(IntervalIndex i) const;
};

struct RunSettings {
  int replications = 30;
  std::uint64_t seed = 1;
  Seconds warmup_s = 0.0;  // contacts arriving before it are not counted, nor agent time before it
  bool drain = true;       // follow contacts in the system at the horizon's end to completion
};

// Which contacts the service level divides by.
enum class SlaDenominator { offered_minus_short, offered, answered };

struct ServiceLevelRule {
  Seconds answer_within_s = 20.0;
  double target = 0.8;
  Seconds short_abandon_s = 0.0;  // abandons with a wait below this are "short"
  SlaDenominator denominator = SlaDenominator::offered_minus_short;
};

struct ContactType {
  std::string id;
  // Poisson arrival rate per second in each global interval (scale already applied).
  std::vector<double> rate_per_s;
  // Arrival times to replay as they are, in seconds from the horizon's start, sorted; when not
  // empty they replace the Poisson process (rates, scale and busyness are then unused).
  std::vector<double> arrival_times_s;
  // Coefficient of variation of the day-level busyness factor (gamma, mean 1); 0 = none.
  double busyness_cv = 0.0;
  Distribution handle_time = Exponential{240.0};
  std::optional<Distribution> patience;  // none: the customer never abandons
  ServiceLevelRule sla;
  // Groups with this skill, in routing order (skill priority, then file order).
  std::vector<AgentGroupIndex> groups;
};

// One skill of a group: a contact type it serves.
struct Skill {
  ContactTypeIndex type = 0;
  int priority = 1;         // lower is served first, by this group and by the type's routing
  double aht_factor = 1.0;  // multiplies the type's handle time when this group serves it
};

struct AgentGroup {
  std::string id;
  std::vector<double> staffed;  // agents paid in each global interval, as planned
  std::vector<int> on_duty;     // agents taking contacts: staffed less shrinkage, rounded
  double shrinkage = 0.0;
  double cost_per_hour = 0.0;
  std::vector<Skill> skills;  // in contact-selection order (priority, then file order)
};

struct Model {
  std::string name;
  Horizon horizon;
  RunSettings run;
  std::vector<ContactType> contact_types;
  std::vector<AgentGroup> agent_groups;

  std::size_t type_count() const { return contact_types.size(); }
  std::size_t group_count() const { return agent_groups.size(); }
};

// Agents on duty after shrinkage: round half up, so 14 staffed at 30 % shrinkage is 10 on duty.
int on_duty_after_shrinkage(double staffed, double shrinkage);

// Fills `groups` of every contact type from the agent groups' skills (priority, then group order)
// and sorts each group's skills. The scenario reader calls it; tests that build models by hand too.
void link_routing(Model& model);

}  // namespace ccsim
