// After-call work (wrap-up): once a conversation ends the contact leaves, counted handled, and its
// issue goes on as without wrap-up; the agent stays busy for the wrap-up time of the conversation's
// contact type, then frees as an agent freed at the end of a conversation does (leaves if due to,
// else takes the next waiting contact, else goes idle).
//
// The choices, where a planner might ask:
//  - the wrap-up is the type's of the conversation that just ended: a misrouted contact's is the
//    type whose queue it was answered from, an escalated contact's that of its issue, at each tier;
//  - every handled contact has one (an unreached callback and a cold transfer's hand-over too),
//    not a silent chat an agent found empty: there was no conversation to write up;
//  - it is drawn from the customer's own stream for the contact (purpose wrap_up), so that the same
//    customer wraps up alike in every variant of a scenario, and only for types with wrap-up, so
//    that a scenario without it draws exactly what it drew before;
//  - a chat agent's session slot stays held during the wrap-up of that session: counts are
//    sessions, and the slot frees when the wrap-up ends;
//  - an agent going off duty (the end of a shift, a break) finishes its wrap-up first, as it
//    finishes a contact;
//  - the skill's aht_factor, agent assist and the chat slowdown stretch the conversation only.
// A wrap-up of 0 (or a draw of 0) frees the agent at once, exactly as a type without wrap-up.
#pragma once

#include "sim/engine/conservation.h"
#include "sim/engine/replication.h"

namespace ccsim::engine {

// Draws the wrap-up of the conversation `contact` just ended with an agent of group g; if it is
// positive, counts it and schedules the agent's release. Returns whether the agent wraps up.
[[gnu::noinline]] inline bool Replication::begin_wrap_up(const Contact& contact, AgentGroupIndex g) {
  if (contact.silent) return false;
  const ContactType& type = model_->contact_types[contact.type];
  CustomerStream stream = customer_stream(StreamPurpose::wrap_up, contact);
  const double wrap = sample(*type.wrap_up, stream);
  if (!(wrap > 0.0)) return false;
  if (contact.counted) {
    tallies_.contact(contact.interval, contact.type).wrap_s += wrap;
    AgentTally& agent = tallies_.agent(contact.interval, g);
    agent.wrap_s += wrap;
    // Work on the channel: it shares the group's cost between channels, and a partner paid per
    // minute is paid for the wrap-up as for the conversation (both are its handle time).
    agent.handle_s_by_channel[static_cast<std::size_t>(type.channel)] += wrap;
    if (prices_contacts_[g]) agent.cost += model_->agent_groups[g].cost_per_minute * (wrap / 60.0);
  }
  ++groups_[g].wrapping;
  schedule(now_ + wrap, EventKind::wrap_up_end, g);
  return true;
}

template <class Selection>
[[gnu::noinline]] inline void Replication::on_wrap_up_end(AgentGroupIndex g) {
  --groups_[g].wrapping;
  if (trace_) trace(now_, TraceKind::wrap_up_end, 0, -1, static_cast<int>(g));
  free_agent<Selection>(g);
}

// At the end of the run, per group: its busy agents are those with a contact in hand (talking,
// holding for a warm transfer, handing over) and those wrapping up.
inline void Replication::check_agents() {
  talking_.assign(groups_.size(), 0);
  for (const Contact& contact : contacts_.all()) {
    if (!contact.live) continue;
    if (contact.state == ContactState::in_service || contact.state == ContactState::holding ||
        contact.state == ContactState::releasing)
      ++talking_[contact.group];
  }
  for (AgentGroupIndex g = 0; g < groups_.size(); ++g) {
    const GroupState& group = groups_[g];
    check_agent_conservation(*model_, g,
                             {group.idle, group.busy, group.wrapping, talking_[g], group.pending_departures});
  }
}

}  // namespace ccsim::engine
