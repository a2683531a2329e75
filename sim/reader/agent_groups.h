// Agent groups: their tier, skills, staffing per interval, shrinkage, costs and chat concurrency.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"
#include "sim/reader/contact_types.h"
#include "sim/reader/horizon.h"
#include "sim/reader/ids.h"

namespace ccsim::detail {

struct AgentGroupsRead {
  std::vector<AgentGroup> groups;  // as far as each read
  std::optional<IdList> ids;       // when every id read
  // By group, each only when that part of every group read: a check that needs one is skipped
  // without it rather than guess at what a group serves.
  std::optional<std::vector<std::vector<Skill>>> skills;
  std::optional<std::vector<int>> tiers;
  std::optional<std::vector<std::vector<double>>> staffed;
};

// Nothing when the list itself is wrong (reported) or missing. Skills name contact types by id,
// checked against `type_ids` when those are known.
std::optional<AgentGroupsRead> read_agent_groups(const Cursor& node,
                                                 const std::optional<IdList>& type_ids,
                                                 const Intervals& intervals);

// The agent group a reference names, or nothing: unknown (reported, with a "did you mean"), or
// the group ids are not all known (left unsaid).
std::optional<AgentGroupIndex> find_group(const Cursor& node, const std::string& id,
                                          const std::optional<AgentGroupsRead>& groups);

// Which contact types each agent group takes, by a skill or through an overflow step.
struct Coverage {
  std::vector<std::vector<bool>> takes;  // [group][type]

  bool serves(AgentGroupIndex g, ContactTypeIndex t) const { return takes[g][t]; }
  bool served(ContactTypeIndex t) const;
};

// Only chats can be held several at once: a group holding more than one must serve chat alone.
void check_chat_concurrency(const Cursor& groups_node, const std::vector<AgentGroup>& groups,
                            const ContactTypesRead& types, const IdList& type_ids,
                            const Coverage& coverage);

// The group's "shift_templates" (shift_templates.cpp) into `group.shift_templates`: those that
// read; the others are reported.
void read_shift_templates(const Cursor& node, AgentGroup& group);

}  // namespace ccsim::detail
