// Routing: overflow steps that widen a waiting contact's choice of groups, and the policy that
// matches agents and contacts, with its weights or reserves.
#pragma once

#include <optional>
#include <vector>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"
#include "sim/reader/agent_groups.h"
#include "sim/reader/contact_types.h"

namespace ccsim::detail {

struct RoutingRead {
  RoutingRules rules;
  std::vector<OverflowStep> overflow;  // the steps that read, in the order written
  // Who serves what, when every skill list and every overflow step read.
  std::optional<Coverage> coverage;
};

// Routing absent is the priority policy with no overflow.
RoutingRead read_routing(const Cursor& node, const std::optional<ContactTypesRead>& types,
                         const std::optional<AgentGroupsRead>& groups);

}  // namespace ccsim::detail
