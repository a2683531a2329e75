// The KPIs ccsim reports, their names in outputs, and the scopes each applies to.
//
// Every KPI is read per replication from the tallies of one scope (overall, one contact type, one
// agent group, one customer segment or one channel) over one slot (the whole horizon or one
// interval); the summary then averages the per-replication values. A ratio whose denominator is 0 in a
// replication is undefined (NaN) there. Definitions (README "KPIs" has the full text):
//   service_level  answered within T / denominator (offered less short abandons by default), over
//                  voice and chat types only (email has a response target instead); contacts a
//                  bot contained or lost never reached the queue and are left out of the denominator
//   asa_s          mean wait of answered contacts; wait_p50/p90/p99_s percentiles of that wait
//   abandon_rate   abandoned / offered (abandons in a bot included)
//   aht_s          mean handle time of handled contacts: talk (with hold) + wrap-up
//   occupancy      busy agent time (talking, holding, wrapping up) / agent time on duty (staffed
//                  less shrinkage)
//   utilisation    busy agent time / paid agent time (staffed)
//   cost_total     paid agent hours x cost per hour, plus per-contact and per-minute costs
// Issues are counted under the interval and contact type of their first contact:
//   fcr                 issues resolved at the first contact (not transferred, no repeat inside
//                       the repeat window) / issues opened
//   resolution_rate     issues resolved / issues opened
//   repeat_rate         issues with at least one repeat contact / issues opened
//   contacts_per_issue  contacts about the issues (first, transfers, repeats, retries) / opened
//   time_to_resolution_p50_s, _p90_s  percentiles of the time from opening to resolution
// Contacts (per group: the contacts the group handled):
//   transfer_rate       handled contacts transferred (escalations and misroutes) / handled
//   escalation_rate     handled contacts escalated to a higher tier / handled
//   callbacks_offered, callbacks_accepted   counts of callbacks offered and accepted
//   callback_wait_s     mean time from arrival to the agent's dial of answered callbacks
// Cost:
//   cost_per_contact         cost / handled contacts (a group: its cost / what it handled)
//   cost_per_resolved_issue  total cost / issues resolved (overall only)
//   The overall cost_total includes bot sessions; a channel's is its share of each group's cost
//   (by the group's handle time on the channel, interval by interval) plus its types' bot sessions.
// Automation (demand = deflected + fresh arrivals; bot shares divide by the contacts entering a bot):
//   containment_rate    contained by a bot / bot entries
//   bot_abandon_rate    abandoned in a bot / bot entries
//   handoff_rate        handed to the human queue by a bot / bot entries
//   deflected           demand self-service took before it became a contact (count)
//   automation_rate     resolved without an agent / demand
//                       = (contained + deflected - leaked) / (issues opened - leaked + deflected)
//   cost_automation     bot sessions plus agent-assist licences (types, segments, channels: bots;
//                       groups: assist)
// Email:
//   backlog             contacts waiting at the slot's end (the whole horizon: at its last interval's)
//   backlog_oldest_h    age of the oldest of them, hours (undefined when none waits)
//   response_sl         email handled within the response target / email handled
// Risk (contact types only: each has its own target):
//   sl_target_met       1 in a replication whose service level (email: response_sl) over the slot
//                       meets the type's target, else 0; undefined where that level is. Its mean is
//                       the share of replications that meet the target: P(target met)
// Handle time split (wherever aht_s applies; aht_s = talk_s + wrap_s):
//   talk_s              mean conversation time of handled contacts (talk and hold)
//   wrap_s              mean wrap-up (after-call work) after them; 0 without wrap-up
// Further thresholds (of the voice and chat types whose sla gives also_within_s):
//   service_level_2     answered within the type's first further threshold / the service level's
//                       denominator; undefined in a scope whose types have none
//   service_level_3     the same at the second further threshold
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
  fcr,
  resolution_rate,
  repeat_rate,
  contacts_per_issue,
  transfer_rate,
  escalation_rate,
  time_to_resolution_p50_s,
  time_to_resolution_p90_s,
  callbacks_offered,
  callbacks_accepted,
  callback_wait_s,
  cost_per_contact,
  cost_per_resolved_issue,
  containment_rate,
  bot_abandon_rate,
  handoff_rate,
  deflected,
  automation_rate,
  cost_automation,
  backlog,
  backlog_oldest_h,
  response_sl,
  sl_target_met,
  talk_s,
  wrap_s,
  service_level_2,
  service_level_3,
};
inline constexpr std::size_t kpi_count = 41;

inline constexpr std::array<std::string_view, kpi_count> kpi_names = {
    "offered",    "handled",    "abandoned",    "in_system", "service_level",
    "asa_s",      "wait_p50_s", "wait_p90_s",   "wait_p99_s", "abandon_rate",
    "aht_s",      "occupancy",  "utilisation",  "cost_total",
    "fcr",                      "resolution_rate",          "repeat_rate",
    "contacts_per_issue",       "transfer_rate",            "escalation_rate",
    "time_to_resolution_p50_s", "time_to_resolution_p90_s", "callbacks_offered",
    "callbacks_accepted",       "callback_wait_s",          "cost_per_contact",
    "cost_per_resolved_issue",  "containment_rate",         "bot_abandon_rate",
    "handoff_rate",             "deflected",                "automation_rate",
    "cost_automation",          "backlog",                  "backlog_oldest_h",
    "response_sl",              "sl_target_met",            "talk_s",
    "wrap_s",                   "service_level_2",          "service_level_3"};
static_assert(static_cast<std::size_t>(Kpi::service_level_3) + 1 == kpi_count);

inline constexpr std::string_view kpi_name(Kpi kpi) {
  return kpi_names[static_cast<std::size_t>(kpi)];
}

// Shares (0..1) are shown as percentages, and their changes in percentage points.
constexpr bool kpi_is_share(Kpi kpi) {
  switch (kpi) {
    case Kpi::service_level:
    case Kpi::service_level_2:
    case Kpi::service_level_3:
    case Kpi::abandon_rate:
    case Kpi::occupancy:
    case Kpi::utilisation:
    case Kpi::fcr:
    case Kpi::resolution_rate:
    case Kpi::repeat_rate:
    case Kpi::transfer_rate:
    case Kpi::escalation_rate:
    case Kpi::containment_rate:
    case Kpi::bot_abandon_rate:
    case Kpi::handoff_rate:
    case Kpi::automation_rate:
    case Kpi::response_sl:
    case Kpi::sl_target_met: return true;
    default: return false;
  }
}

enum class ScopeKind { overall, contact_type, agent_group, segment, channel };

// Contact, issue, automation and email KPIs belong to contact types, to segments and to channels
// (which add up their types); agent-time and cost KPIs to groups; the overall scope has them all.
// handled, aht_s, transfer_rate and escalation_rate apply to groups too (of what the group
// handled), and so do talk_s, wrap_s and cost_per_contact; cost_automation applies everywhere
// (bots to types, segments and channels, assist to groups). A channel also has cost_total and cost_per_contact
// (its share of the groups' cost); cost_per_resolved_issue is overall only; sl_target_met belongs to
// contact types alone (the types in a segment, a channel or the centre may have different targets).
constexpr bool kpi_applies(ScopeKind scope, Kpi kpi) {
  if (kpi == Kpi::sl_target_met) return scope == ScopeKind::contact_type;
  switch (scope) {
    case ScopeKind::overall: return true;
    case ScopeKind::contact_type:
    case ScopeKind::segment:
      return kpi != Kpi::occupancy && kpi != Kpi::utilisation && kpi != Kpi::cost_total &&
             kpi != Kpi::cost_per_contact && kpi != Kpi::cost_per_resolved_issue;
    case ScopeKind::channel:
      return kpi != Kpi::occupancy && kpi != Kpi::utilisation && kpi != Kpi::cost_per_resolved_issue;
    case ScopeKind::agent_group:
      return kpi == Kpi::handled || kpi == Kpi::aht_s || kpi == Kpi::talk_s ||
             kpi == Kpi::wrap_s || kpi == Kpi::occupancy ||
             kpi == Kpi::utilisation || kpi == Kpi::cost_total || kpi == Kpi::transfer_rate ||
             kpi == Kpi::escalation_rate || kpi == Kpi::cost_per_contact ||
             kpi == Kpi::cost_automation;
  }
  return false;
}

}  // namespace ccsim
