// The offered load a scenario puts on its agents, worked out from the scenario alone, interval by
// interval: the workload `ccsim validate` sets against the agents on duty, and the one a staffing
// search seeds its Erlang A/C staffing from.
//
// Offered load in erlangs is the arrival rate times the mean handle time, talk and wrap-up (the
// agent is busy for both): the time-average number of agents the contacts would keep busy
// (agent-hours per hour). It is counted after automation:
// less the demand self-service keeps for good, less what bots contain or lose, with the harder
// handling of handed-off contacts and the agent assist of the group that takes the type first.
// With several tiers, escalated contacts are counted at the tier they reach. Misroutes, repeats,
// retries and callbacks are left out: how many there are depends on the simulation.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "ccsim/model.h"

namespace ccsim {

// The part of one contact type's contacts that one tier handles. Shares are of the contacts that
// reach the agents at all: automation thins them all alike (agent_load_factor).
struct TierShare {
  double share = 0.0;      // of the type's contacts (0..1) handled at the tier
  // Mean handle time there, as the tier's first group in routing order has it: talk (with the
  // group's aht_factor) + the type's wrap-up. The work per contact, so Erlang C/A serve at 1/handle_s.
  Seconds handle_s = 0.0;
};

// How one contact type's contacts spread over the tiers, indexed by tier (1..max_tier; [0] unused).
// A tier that does not serve the type has share 0. A type served only by overflow steps waits at
// tier 1 with its own handle time.
std::array<TierShare, max_tier + 1> tier_shares(const Model& model, ContactTypeIndex type);

// The tiers some agent group belongs to, in increasing order.
std::vector<int> tiers_in_use(const Model& model);

// What reaches the agents of one contact type, as a multiplier of its arrivals x handle time:
// 1 without automation. Self-service keeps `share x (1 - leak_p)` of the demand; a bot keeps what
// it contains or loses and multiplies the handle time of what it hands off; agent assist on the
// type's first group in routing order shortens the adopting share of its handle times.
double agent_load_factor(const Model& model, ContactTypeIndex type);

// Whether the offered load differs from plain arrivals x handle time, or the agents from plain
// heads: the scenario has self-service, bots, agent assist or agents holding several chats.
bool automation_changes_load(const Model& model);

// Every load here is in erlangs: the agents the contacts keep busy on average over the interval
// (agent-hours per hour of the interval); agent_hours() turns one into work.
struct OfferedLoad {
  Seconds interval_s = 0.0;   // length of every interval
  std::size_t intervals = 0;  // global intervals of the horizon, all days
  std::vector<int> tiers;     // tiers_in_use: tiers[k] is the tier of column k below

  // One contact type.
  struct Type {
    // Expected arrivals per interval, before automation: rate x interval length. [interval]
    std::vector<double> contacts;
    double agent_load_factor = 1.0;                     // see agent_load_factor
    std::array<TierShare, max_tier + 1> tier_shares{};  // see tier_shares
    // Offered load at tiers[k] in erlangs, after automation: [k][interval].
    std::vector<std::vector<double>> erlangs_by_tier;

    // Over every tier, in erlangs.
    double erlangs(std::size_t interval) const;
  };
  std::vector<Type> types;  // [ContactTypeIndex]

  // Offered load at tiers[k] over every contact type, in erlangs: [k][interval].
  std::vector<std::vector<double>> tier_erlangs;
  // What that load meets: the agents on duty at tiers[k], each counted as the chat sessions it
  // holds at once (1 for voice and email), so that it compares with erlangs: [k][interval].
  std::vector<std::vector<double>> tier_sessions_on_duty;

  // Agent-hours of work a load of `erlangs` brings in one interval.
  double agent_hours(double erlangs) const { return erlangs * interval_s / 3600.0; }
};

// The offered load of every contact type in every interval: at a tier, the arrival rate x the
// tier's share x its handle time x the type's agent_load_factor.
OfferedLoad offered_load(const Model& model);

}  // namespace ccsim
