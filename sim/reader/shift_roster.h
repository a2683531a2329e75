// An agent group's roster: its shifts, each with a start, a length, breaks, agents and weekdays.
#pragma once

#include <optional>
#include <vector>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"

namespace ccsim::detail {

// The shifts at `node` (an agent group's "shifts"), or nothing: absent, or wrong (reported).
std::optional<std::vector<Shift>> read_shifts(const Cursor& node);

}  // namespace ccsim::detail
