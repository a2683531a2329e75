// The staffing a search starts from: per agent group and interval, the fewest agents that Erlang C
// (Erlang A when every type the group takes first abandons) says meet the targets of the load
// offered to it, interval by interval as if each were in steady state.
//
// Each contact type's offered load after automation (offered_load.h), at each tier, goes to the
// first group in its routing order at that tier that a search may change (or the first at all when
// none may). A group's load is the sum of what reaches it; it is served to the strictest target
// among its types (the largest share, the shortest answer time) with their rate-weighted mean
// patience. Email is deferred work without an answer time: its load adds whole agents beside the
// Erlang figure. The agents on duty are then turned into paid agents through the group's
// shrinkage and chat sessions, and kept within staffing_min and staffing_max; a fixed group, or
// one without a cost per hour when others have one, keeps its staffing.
#pragma once

#include <vector>

#include "ccsim/model.h"

namespace ccsim {

// Whether some group has a cost per hour. When none has, a search minimises agent-hours instead.
bool has_agent_cost(const Model& model);

// Whether a staffing search may change the group's agents: not fixed, not a roster of shifts, and
// with a cost per hour unless no group has one.
bool staffing_searchable(const Model& model, AgentGroupIndex group);

// The fewest paid agents whose on-duty count after `shrinkage` is at least `on_duty`.
double staffed_for_on_duty(int on_duty, double shrinkage);

// [group][global interval] paid agents.
std::vector<std::vector<double>> erlang_staffing_seed(const Model& model);

}  // namespace ccsim
