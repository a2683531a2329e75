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

}  // namespace ccsim::engine
