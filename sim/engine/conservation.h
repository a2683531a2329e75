// The end-of-run laws every replication must obey; a violation is a bug in the engine.
#pragma once

#include <cstdint>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/tallies.h"

namespace ccsim::engine {

// Per type: offered = handled + abandoned + contained + in system; bot entries = contained + bot
// abandons + handed off + in a session; issues opened = resolved + given up + open. Aborts with the
// broken law and its numbers.
void check_conservation(const Model& model, const Tallies& tallies,
                        const std::vector<std::uint64_t>& in_bot_at_end);

// One group's agents (a chat group's: sessions) at a moment: idle, busy (with a contact in hand or
// wrapping up), of those wrapping up, those with a contact in hand (counted from the contacts), and
// the busy ones due to leave.
struct AgentCounts {
  int idle = 0;
  int busy = 0;
  int wrapping = 0;
  int talking = 0;
  int leaving = 0;
};

// Agents on duty (idle + busy - leaving) are idle, talking or wrapping up: busy = talking +
// wrapping, with no count negative and no more leaving than busy. Aborts with the numbers.
void check_agent_conservation(const Model& model, AgentGroupIndex group, const AgentCounts& counts);

}  // namespace ccsim::engine
