// The scenario's "replay": a call log whose calls, on the days it chooses, are the scenario's
// arrivals, each with its own handle time and what the log tells of its patience.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"
#include "sim/reader/ids.h"

namespace ccsim::detail {

// Fills arrival_times_s, replayed_calls and the rates of every type with calls in the log's chosen
// days (their own "arrivals" must be left out), the days taken in order as the horizon's days.
// `has_arrivals[k]`: type k gave arrivals of its own; a type with neither is reported. A log
// that cannot be read throws its own InputError (file, line and column).
// Calls of an email type, or of a type a bot serves, are refused: a log of calls says nothing of
// either. A replayed call is never misrouted: the log says where it was served.
void read_call_replay(const Cursor& node, const Horizon& horizon, std::vector<ContactType>& types,
                      const std::vector<bool>& has_arrivals, const std::vector<Bot>& bots,
                      const IdList& type_ids, const std::filesystem::path& base_dir);

}  // namespace ccsim::detail
