// Automation: bots at the front door of contact types, self-service deflection of a type, and
// agent assist in a group.
#pragma once

#include <optional>
#include <vector>

#include "ccsim/detail/distribution_reader.h"
#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"
#include "sim/reader/ids.h"

namespace ccsim::detail {

// The bots that read; the contact types they front are checked against `type_ids` when known.
std::vector<Bot> read_automation(const Cursor& node, const std::optional<IdList>& type_ids,
                                 DistributionContext& distributions);

// A contact type's self-service deflection into `type.deflection`.
void read_deflection(const Cursor& node, ContactType& type, DistributionContext& distributions);

// An agent group's assist tool into `group.assist`.
void read_assist(const Cursor& node, AgentGroup& group);

}  // namespace ccsim::detail
