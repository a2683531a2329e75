// Channels and the agent's tools: chat sessions and their slowdown, agent assist, silent chat
// abandonment, callbacks dialled, warm transfers joined, email response time and backlog.
#pragma once

#include "sim/engine/replication.h"

namespace ccsim::engine {

// Agent assist shortens the handle time of the contacts its adopters take; a chat agent holding
// several sessions is slower at each. Sessions go to the least-loaded agent, so the new one's
// agent holds floor((sessions - 1) / agents) others (loads kept balanced).
[[gnu::noinline]] inline void Replication::adjust_handle(Contact& contact, AgentGroupIndex g) {
  const AgentGroup& group = model_->agent_groups[g];
  if (group.assist) {
    CustomerStream stream = customer_stream(StreamPurpose::assist, contact);
    if (chance(group.assist->adoption, stream)) contact.handle_s *= group.assist->aht_factor;
  }
  const int n = concurrency_[g];
  if (n > 1 && group.concurrency_slowdown > 0.0) {
    const GroupState& state = groups_[g];
    const int agents = std::max(1, (state.idle + state.busy - state.pending_departures + n - 1) / n);
    const int others = (state.busy - 1) / agents;
    contact.handle_s *= 1.0 + group.concurrency_slowdown * others;
  }
}

// A chat whose customer left silently: the agent spends the discover time and closes it.
[[gnu::noinline]] inline void Replication::take_silent(std::uint32_t c, AgentGroupIndex g) {
  Contact& contact = contacts_[c];
  contact.group = g;
  contact.state = ContactState::in_service;
  CustomerStream stream = customer_stream(StreamPurpose::silent_discover, contact);
  contact.handle_s = sample(model_->contact_types[contact.type].silent_abandonment->discover_time, stream);
  schedule(now_ + contact.handle_s, EventKind::service_end, c);
}

// The agent calls the customer back: the dial time comes first, and the customer may not answer.
[[gnu::noinline]] inline void Replication::dial(Contact& contact) {
  const Callback& callback = *model_->contact_types[contact.type].callback;
  CustomerStream stream = customer_stream(StreamPurpose::callback_dial, contact);
  const double dial_s = sample(callback.dial_time, stream);
  if (chance(callback.reach_p, stream)) {
    contact.handle_s += dial_s;
  } else {
    contact.handle_s = dial_s;
    contact.outcome = Outcome::unreached;
  }
}

// The next tier answers a warm transfer: both agents stay on the line for the handoff, then the
// holding agent leaves. Its handle time includes the hold.
[[gnu::noinline]] inline void Replication::join_warm_transfer(std::uint32_t c) {
  Contact& contact = contacts_[c];
  Contact& holding = contacts_[contact.partner];
  const Escalation& escalation = *model_->contact_types[contact.issue_type].escalation;
  CustomerStream stream = customer_stream(StreamPurpose::escalation, contact);
  const double handoff = escalation.handoff ? sample(*escalation.handoff, stream) : 0.0;
  holding.handle_s += now_ - holding.handle_base_s + handoff;
  holding.timer_at = never;
  holding.state = ContactState::releasing;
  holding.partner = no_contact;
  schedule(now_ + handoff, EventKind::service_end, contact.partner);
  contact.handle_s += handoff;
  contact.partner = no_contact;
}

inline bool Replication::responded_in_time(const Contact& contact) const {
  const ContactType& type = model_->contact_types[contact.type];
  if (!type.response) return false;
  const BusinessTime& business = model_->business_time[contact.type];
  const double taken = business.at(now_, interval_of(now_), interval_s_, horizon_end_) -
                       business.at(contact.arrival_s, interval_of(contact.arrival_s), interval_s_, horizon_end_);
  return taken <= type.response->respond_within_s;
}

// The email waiting at the end of interval i, and the age of the oldest.
inline void Replication::count_backlog(IntervalIndex i) {
  for (const ContactTypeIndex k : email_types_) {
    BacklogTally& backlog = tallies_.backlog(i, k);
    backlog = {};
    double oldest = never;
    for (std::size_t stage = 0; stage < max_stages; ++stage) {
      for (std::size_t level = 0; level < tables_->levels; ++level) {
        const WaitingQueue& queue = queues_[tables_->queue_of(k, stage) + level];
        backlog.waiting += queue.size;
        if (queue.head != no_contact) oldest = std::min(oldest, contacts_[queue.head].arrival_s);
      }
    }
    if (backlog.waiting > 0) backlog.oldest_s = now_ - oldest;
  }
}

}  // namespace ccsim::engine
