// Agent selection, answering, the end of service, freed agents and abandonment.
#pragma once

#include "sim/engine/replication.h"

namespace ccsim::engine {

// An idle agent of the type's groups at its tier takes the contact, else one of an overflow step
// that applies at once; otherwise it waits, until an agent frees, its patience ends, or its
// next overflow step.
[[gnu::always_inline]] inline void Replication::route(std::uint32_t c, bool at_front_door) {
  Contact& contact = contacts_[c];
  const Route& route = tables_->route(contact.type, contact.stage);
  for (const Server& server : route.direct)
    if (groups_[server.group].idle > server.min_idle) return take_idle(c, server);
  std::size_t step = 0;
  for (; step < route.steps.size() && route.steps[step].after_s <= 0.0; ++step)
    for (const Server& server : route.steps[step].servers)
      if (groups_[server.group].idle > server.min_idle) return take_idle(c, server);

  if (at_front_door && has_queued_class_[contact.type]) [[unlikely]]
    return route_as_queued_class(c, step);
  wait(c, route, step, at_front_door);
}

// No agent took contact c: it waits in its queue (a caller at the front door may first accept a
// callback), with its patience running and its first overflow step (`step`) pending.
[[gnu::always_inline]] inline void Replication::wait(std::uint32_t c, const Route& route,
                                                    std::size_t step, bool at_front_door) {
  Contact& contact = contacts_[c];
  if (at_front_door && route.offers_callback) offer_callback(c, route);
  enqueue(c);
  if (!contact.callback && contact.partner == no_contact && contact.patience_s < never) {
    contact.abandon_at = now_ + contact.patience_s;
    schedule(contact.abandon_at, EventKind::abandonment, c);
  }
  if (step < route.steps.size()) schedule_overflow(c, step);
}

[[gnu::noinline]] inline void Replication::schedule_overflow(std::uint32_t c, std::size_t step) {
  Contact& contact = contacts_[c];
  const Route& route = tables_->route(contact.type, contact.stage);
  if (step >= route.steps.size()) return;
  contact.step = static_cast<std::uint16_t>(step);
  contact.timer_at = contact.arrival_s + route.steps[step].after_s;
  schedule(contact.timer_at, EventKind::overflow, c);
}

// The contact has waited long enough for the next step: an idle agent of its groups takes it,
// else they take it when they free (their sources include this queue from this wait on).
[[gnu::noinline]] inline void Replication::on_overflow(std::uint32_t c) {
  Contact& contact = contacts_[c];
  if (contact.state != ContactState::waiting || contact.timer_at != now_) return;
  contact.timer_at = never;
  trace_contact(TraceKind::overflow, contact);
  const Route& route = tables_->route(contact.type, contact.stage);
  for (const Server& server : route.steps[contact.step].servers) {
    if (groups_[server.group].idle > server.min_idle) {
      dequeue(c);
      return take_idle(c, server);
    }
  }
  schedule_overflow(c, contact.step + 1u);
}

[[gnu::always_inline]] inline void Replication::take_idle(std::uint32_t c, const Server& server) {
  account_agent_time(server.group);
  --groups_[server.group].idle;
  ++groups_[server.group].busy;
  begin_service(c, server.group, server.aht_factor, server.resolve_factor);
}

// An agent of group g (already counted busy) takes contact c.
[[gnu::always_inline]] inline void Replication::begin_service(std::uint32_t c, AgentGroupIndex g,
                                                             double aht_factor, double resolve_factor) {
  Contact& contact = contacts_[c];
  contact.abandon_at = never;  // pending timers no longer apply
  contact.timer_at = never;
  const double wait = now_ - contact.arrival_s;
  if (contact.silent) return take_silent(c, g);
  if (contact.counted) {
    ContactTally& tally = tallies_.contact(contact.interval, contact.type);
    ++tally.answered;
    tally.wait_answered_s += wait;
    if (wait <= model_->contact_types[contact.type].sla.answer_within_s) ++tally.answered_within_sla;
    const std::array<double, max_further_thresholds>& also = also_within_[contact.type];
    tally.answered_within_also[0] += wait <= also[0];
    tally.answered_within_also[1] += wait <= also[1];
    tallies_.wait(contact.interval, contact.type).add(wait);
    if (contact.callback) {
      ++tally.callbacks_answered;
      tally.callback_wait_s += wait;
    }
  }
  trace_contact(TraceKind::answer, contact, static_cast<int>(g));
  contact.group = g;
  contact.state = ContactState::in_service;
  contact.resolve_factor = resolve_factor;
  contact.handle_s = contact.handle_base_s * aht_factor;
  if (adjusts_handle_[g]) adjust_handle(contact, g);
  if (contact.callback) dial(contact);
  if (contact.partner != no_contact) join_warm_transfer(c);
  schedule(now_ + contacts_[c].handle_s, EventKind::service_end, c);
}

// The agent is done with the customer: first what became of the issue; then, unless the agent
// still holds or hands over, the contact leaves and the issue goes on or ends, and the agent is
// released, or first wraps up (after-call work) if the conversation's type has wrap-up.
template <class Selection>
[[gnu::always_inline]] inline void Replication::on_service_end(std::uint32_t c) {
  if (contacts_[c].silent) {
    Contact& ghost = contacts_[c];
    const AgentGroupIndex g = ghost.group;
    if (ghost.counted) tallies_.agent(ghost.interval, g).handle_s_by_channel[1] += ghost.handle_s;
    trace_contact(TraceKind::service_end, ghost, static_cast<int>(g));
    contacts_.release(c);
    return free_agent<Selection>(g);
  }
  if (contacts_[c].state == ContactState::in_service) {
    decide_outcome(c);
    if (contacts_[c].state != ContactState::in_service) return;  // holding or handing over
  }
  Contact& contact = contacts_[c];
  const AgentGroupIndex g = contact.group;
  count_handled(contact);
  trace_contact(TraceKind::service_end, contact, static_cast<int>(g));
  // Drawn before the issue goes on: a later contact is the customer's next attempt.
  const bool wraps_up = wraps_up_[contact.type] && begin_wrap_up(contact, g);

  enum class Next { release, wait_for_return, transfer, escalate };
  Next next = Next::release;
  switch (contact.outcome) {
    case Outcome::resolved: end_issue(contact, IssueEnd::resolved); break;
    case Outcome::unresolved:
      if (come_back_later(c, Return::repeat)) next = Next::wait_for_return;
      break;
    case Outcome::unreached:
      if (come_back_later(c, Return::retry)) next = Next::wait_for_return;
      break;
    case Outcome::escalated:
      if (contact.owns_issue) next = Next::escalate;  // cold; a warm transfer passed the issue on
      break;
    case Outcome::transferred: next = Next::transfer; break;
    case Outcome::none: CCSIM_CHECK(false, "a contact left service without an outcome");
  }
  if (next == Next::release) contacts_.release(c);
  if (!wraps_up) free_agent<Selection>(g);
  // The customer joins the next queue after the freed agent has taken the longest-waiting one.
  if (next == Next::escalate) escalate_cold(c);
  if (next == Next::transfer) transfer_to_own_queue(c);
}

[[gnu::always_inline]] inline void Replication::count_handled(Contact& contact) {
  if (contact.issue_contacts == 1 &&
      (contact.outcome == Outcome::resolved || contact.outcome == Outcome::unresolved))
    contact.fcr_candidate = true;
  if (!contact.counted) return;
  const double handle = contact.handle_s;
  ContactTally& tally = tallies_.contact(contact.interval, contact.type);
  ++tally.handled;
  tally.handle_s += handle;
  AgentTally& agent = tallies_.agent(contact.interval, contact.group);
  ++agent.handled;
  agent.handle_s += handle;
  const Channel channel = model_->contact_types[contact.type].channel;
  agent.handle_s_by_channel[static_cast<std::size_t>(channel)] += handle;
  if (channel == Channel::email && responded_in_time(contact)) ++tally.responded_within;
  if (prices_contacts_[contact.group]) {
    const AgentGroup& group = model_->agent_groups[contact.group];
    agent.cost += group.cost_per_contact + group.cost_per_minute * (handle / 60.0);
  }
  switch (contact.outcome) {
    case Outcome::resolved: ++tally.resolved; ++agent.resolved; break;
    case Outcome::escalated:
      ++tally.escalated; ++agent.escalated;
      ++tally.transferred; ++agent.transferred;
      break;
    case Outcome::transferred: ++tally.transferred; ++agent.transferred; break;
    default: break;
  }
}

// A freed agent (its wrap-up done) leaves if due to, else takes the contact the routing policy
// selects among the queues its group may serve, else goes idle.
template <class Selection>
[[gnu::always_inline]] inline void Replication::free_agent(AgentGroupIndex g) {
  GroupState& group = groups_[g];
  if (group.pending_departures > 0) {
    account_agent_time(g);
    --group.pending_departures;
    --group.busy;
    return;
  }
  const Source* source = nullptr;
  const std::uint32_t next = select_waiting_contact<Selection>(g, source, group.idle);
  if (next != no_contact) {
    dequeue(next);
    begin_service(next, g, source->aht_factor, source->resolve_factor);  // the agent stays busy
    return;
  }
  account_agent_time(g);
  --group.busy;
  ++group.idle;
}

// `idle_others`: the group's idle agents besides the one choosing (reserves must stay idle).
template <class Selection>
[[gnu::always_inline]] inline std::uint32_t Replication::select_waiting_contact(
    AgentGroupIndex g, const Source*& chosen, int idle_others) const {
  const WaitingView view{queues_, contacts_, now_, now_ < horizon_end_, tables_->levels};
  return Selection::select(tables_->sources[g], view, idle_others, chosen);
}

[[gnu::always_inline]] inline void Replication::on_abandonment(std::uint32_t c) {
  Contact& contact = contacts_[c];
  if (contact.abandon_at != now_) return;  // answered, or the slot was reused
  const ContactType& type = model_->contact_types[contact.type];
  bool silent = false;
  if (type.silent_abandonment) [[unlikely]] {
    CustomerStream stream = customer_stream(StreamPurpose::silent, contact);
    silent = chance(type.silent_abandonment->share, stream);
  }
  if (!silent) dequeue(c);
  contact.abandon_at = never;
  if (!silent) contact.timer_at = never;
  if (contact.counted) {
    ContactTally& tally = tallies_.contact(contact.interval, contact.type);
    ++tally.abandoned;
    if (now_ - contact.arrival_s < type.sla.short_abandon_s) ++tally.short_abandoned;
  }
  trace_contact(TraceKind::abandonment, contact);
  if (silent) {
    // The chat stays in the queue until an agent finds it empty; the customer does not retry.
    contact.silent = true;
    end_issue(contact, IssueEnd::gave_up);
    contact.owns_issue = false;
    return;
  }
  if (!come_back_later(c, Return::retry)) contacts_.release(c);
}

inline void Replication::enqueue(std::uint32_t c) {
  const Contact& contact = contacts_[c];
  engine::enqueue(contacts_, queues_, c, tables_->queue_of(contact.type, contact.stage) + contact.level);
}

inline void Replication::dequeue(std::uint32_t c) { engine::dequeue(contacts_, queues_, c); }

}  // namespace ccsim::engine
