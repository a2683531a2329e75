// The limits the scenario reader enforces. None of them constrains a real contact centre; they
// exist so that no input, however wrong, makes ccsim exhaust memory or run for ever (a staffing
// of 1e12 agents, a horizon of a billion intervals, a CSV of gigabytes). Each is far above what a
// planner needs and is documented in scenarios/ccsim.schema.json.
#pragma once

#include <cstddef>

#include "ccsim/json_text.h"

namespace ccsim::detail::limits {

// Files.
inline constexpr std::size_t scenario_file_bytes = 16u << 20;  // 16 MiB of JSON
static_assert(scenario_file_bytes == scenario_text_bytes, "json_text.h states it too");
// A part file of `ccsim run --shard` holds every replication's values of every reported cell.
inline constexpr std::size_t part_file_bytes = std::size_t{1} << 30;
inline constexpr std::size_t csv_file_bytes = 32u << 20;       // 32 MiB per empirical CSV
inline constexpr std::size_t empirical_values = 1'000'000;     // samples across the whole scenario
// A call log for `ccsim fit` or a replay: years of a large centre's calls.
inline constexpr std::size_t call_log_bytes = std::size_t{1} << 30;
inline constexpr std::size_t logged_calls = 20'000'000;
// Values (objects, arrays, numbers, strings ...) that one what-if may add to the scenario it
// patches, net of what it removes: a table of 1,000 groups by 1,000 intervals. Patches can copy,
// so without a bound 30 copies of the root would ask for 2^30 scenarios' worth of memory.
inline constexpr std::size_t what_if_added_values = std::size_t{1} << 20;
// Fields of one CSV record and bytes of one CSV field: far beyond a real trace or sample file,
// low enough that a header of millions of commas is refused before it costs memory.
inline constexpr std::size_t csv_fields = 10'000;
inline constexpr std::size_t csv_field_bytes = 4'096;

// The planning grid and the model's per-interval tables.
inline constexpr double intervals = 100'000;  // intervals * days
inline constexpr double days = 100'000;
inline constexpr std::size_t contact_types = 1'000;
inline constexpr std::size_t agent_groups = 1'000;
inline constexpr std::size_t segments = 1'000;
inline constexpr std::size_t overflow_steps = 10'000;
inline constexpr std::size_t bots = 1'000;
// (contact types + agent groups) * intervals: every value of every per-interval table.
inline constexpr double table_cells = 10'000'000;
// Starts and ends of shifts and breaks over the horizon, all groups' rosters together: what
// compiling the rosters holds in memory, and the engine's roster changes at most.
inline constexpr double roster_steps = 10'000'000;

// Quantities.
inline constexpr double replications = 1'000'000;
inline constexpr double rate_per_hour = 1e7;   // arrivals per hour of one contact type
inline constexpr double scale = 1'000;         // arrival and empirical scale factors
inline constexpr double staffing = 1'000'000;  // agents of one group in one interval
inline constexpr double duration_s = 1e7;      // any time or mean time (about 116 days)
inline constexpr double cv = 100;
inline constexpr double cost_per_hour = 1e6;
inline constexpr double cost_per_contact = 1e6;
inline constexpr double cost_per_minute = 1e6;
inline constexpr double priority = 1'000'000;
inline constexpr double routing_weight = 1e6;  // longest_weighted_wait's weight of a wait
inline constexpr double aht_factor = 100;
inline constexpr double resolve_factor = 100;
inline constexpr double concurrency_slowdown = 100;
inline constexpr double bot_capacity = 1'000'000;  // concurrent bot sessions (Bot's default)
inline constexpr double busyness_cv = 10;
inline constexpr double erlang_k = 10'000;
inline constexpr std::size_t mixture_components = 100;
inline constexpr double shape = 1e6;  // gamma shape
inline constexpr double lognormal_sigma = 10;
inline constexpr std::size_t name_length = 200;  // scenario name and ids

}  // namespace ccsim::detail::limits
