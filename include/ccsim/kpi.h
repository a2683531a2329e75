// The KPIs ccsim reports, their names in outputs, and the scopes each applies to.
//
// Every KPI is read per replication from the tallies of one scope (overall, one contact type or
// one agent group) over one slot (the whole horizon or one interval); the summary then averages
// the per-replication values. Definitions (README "KPIs" has the full text):
//   service_level  answered within T / denominator (offered less short abandons by default)
//   asa_s          mean wait of answered contacts; wait_p50/p90/p99_s percentiles of that wait
//   abandon_rate   abandoned / offered;  aht_s  mean handle time of handled contacts
//   occupancy      busy agent time / agent time on duty (staffed less shrinkage)
//   utilisation    busy agent time / paid agent time (staffed)
//   cost_total     paid agent hours x cost per hour
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace ccsim {

enum class Kpi : std::size_t {
  offered,
  handled,
  abandoned,
  in_system,
  service_level,
  asa_s,
  wait_p50_s,
  wait_p90_s,
  wait_p99_s,
  abandon_rate,
  aht_s,
  occupancy,
  utilisation,
  cost_total,
};
inline constexpr std::size_t kpi_count = 14;

inline constexpr std::array<std::string_view, kpi_count> kpi_names = {
    "offered",    "handled",    "abandoned",    "in_system", "service_level",
    "asa_s",      "wait_p50_s", "wait_p90_s",   "wait_p99_s", "abandon_rate",
    "aht_s",      "occupancy",  "utilisation",  "cost_total"};

inline constexpr std::string_view kpi_name(Kpi kpi) {
  return kpi_names[static_cast<std::size_t>(kpi)];
}

// Shares (0..1) are shown as percentages, and their changes in percentage points.
constexpr bool kpi_is_share(Kpi kpi) {
  return kpi == Kpi::service_level || kpi == Kpi::abandon_rate || kpi == Kpi::occupancy ||
         kpi == Kpi::utilisation;
}

enum class ScopeKind { overall, contact_type, agent_group };

// Contact KPIs belong to contact types, agent-time KPIs to groups; the overall scope has both.
// handled and aht_s apply to groups too (what the group handled).
constexpr bool kpi_applies(ScopeKind scope, Kpi kpi) {
  switch (scope) {
    case ScopeKind::overall: return true;
    case ScopeKind::contact_type:
      return kpi != Kpi::occupancy && kpi != Kpi::utilisation && kpi != Kpi::cost_total;
    case ScopeKind::agent_group:
      return kpi == Kpi::handled || kpi == Kpi::aht_s || kpi == Kpi::occupancy ||
             kpi == Kpi::utilisation || kpi == Kpi::cost_total;
  }
  return false;
}

}  // namespace ccsim
