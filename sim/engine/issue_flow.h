// What becomes of an issue once an agent has talked to the customer: resolved, escalated to the
// next tier (cold, or warm with a hold limit), transferred out of the wrong queue, or unresolved,
// when the customer may come back (repeat); abandoned or unreached customers may try again
// (retry). Every later contact is the same customer's next attempt, with draws of its own.
#pragma once

#include "sim/engine/replication.h"

namespace ccsim::engine {

// Resolved with the type's p times the skill's resolve factor; else escalated with the type's p
// at this tier (when a higher tier serves the type); else unresolved.
[[gnu::always_inline]] inline void Replication::decide_outcome(std::uint32_t c) {
  Contact& contact = contacts_[c];
  if (contact.outcome == Outcome::unreached) return trace_contact(TraceKind::unreached, contact, contact.group);
  if (contact.misrouted) {
    contact.outcome = Outcome::transferred;
    return trace_contact(TraceKind::transferred, contact, static_cast<int>(contact.group));
  }
  const ContactTypeIndex k = contact.issue_type;
  const ContactType& type = model_->contact_types[k];
  const double resolve_p = type.resolution_p * contact.resolve_factor;
  const bool may_escalate = type.escalation && contact.stage + 1u < tables_->stage_tiers[k].size();
  CustomerStream stream = customer_stream(StreamPurpose::outcome, contact);
  if (chance(resolve_p, stream)) {
    contact.outcome = Outcome::resolved;
    return trace_contact(TraceKind::resolved, contact, static_cast<int>(contact.group));
  }
  if (may_escalate) {
    const int tier = tables_->stage_tiers[k][contact.stage];
    if (chance(type.escalation->p_by_tier[static_cast<std::size_t>(tier - 1)], stream)) {
      contact.outcome = Outcome::escalated;
      trace_contact(TraceKind::escalated, contact, static_cast<int>(contact.group));
      return begin_escalation(c);
    }
  }
  contact.outcome = Outcome::unresolved;
  trace_contact(TraceKind::unresolved, contact, static_cast<int>(contact.group));
}

// Cold: the agent hands over (if the type has a handoff time) and is released; the customer then
// queues for the next tier. Warm: a contact for the next tier starts now, while this one holds.
[[gnu::noinline]] inline void Replication::begin_escalation(std::uint32_t c) {
  const ContactTypeIndex k = contacts_[c].issue_type;
  const Escalation& escalation = *model_->contact_types[k].escalation;
  if (escalation.transfer == TransferMode::cold) {
    if (escalation.handoff) {
      Contact& contact = contacts_[c];
      CustomerStream stream = customer_stream(StreamPurpose::escalation, contact);
      const double handoff = sample(*escalation.handoff, stream);
      contact.handle_s += handoff;
      contact.state = ContactState::releasing;
      schedule(now_ + handoff, EventKind::service_end, c);
    }
    return;
  }
  const std::uint32_t e = contacts_.allocate();  // may move the slab: no reference held across it
  Contact& holding = contacts_[c];
  Contact& escalated = contacts_[e];
  copy_issue(holding, escalated);
  escalated.customer = holding.customer;
  escalated.attempt = next_attempt(holding, NextContact::escalation);
  holding.owns_issue = false;
  holding.state = ContactState::holding;
  holding.handle_base_s = now_;  // the hold begins
  holding.partner = e;
  escalated.partner = c;
  const ContactType& type = model_->contact_types[k];
  prepare_later_contact(escalated, escalation.handle_time ? *escalation.handle_time : type.handle_time);
  const int level = tables_->escalated_level[k];
  start_contact(e, k, holding.stage + 1u, level < 0 ? holding.level : static_cast<std::uint16_t>(level));
  route(e, false);
  Contact& still = contacts_[c];
  if (still.state == ContactState::holding) {
    still.timer_at = now_ + escalation.warm_limit_s;
    schedule(still.timer_at, EventKind::hold_limit, c);
  }
}

// The next tier did not answer in time: the agent leaves the call, and the customer waits alone
// (and may now abandon).
template <class Selection>
[[gnu::noinline]] inline void Replication::on_hold_limit(std::uint32_t c) {
  Contact& holding = contacts_[c];
  if (holding.state != ContactState::holding || holding.timer_at != now_) return;
  holding.timer_at = never;
  holding.handle_s += now_ - holding.handle_base_s;
  trace_contact(TraceKind::hold_limit, holding, static_cast<int>(holding.group));
  const std::uint32_t e = holding.partner;
  Contact& escalated = contacts_[e];
  escalated.partner = no_contact;
  holding.partner = no_contact;
  if (escalated.patience_s < never) {
    escalated.abandon_at = now_ + escalated.patience_s;
    schedule(escalated.abandon_at, EventKind::abandonment, e);
  }
  holding.state = ContactState::releasing;
  on_service_end<Selection>(c);
}

[[gnu::noinline]] inline void Replication::escalate_cold(std::uint32_t c) {
  Contact& contact = contacts_[c];
  const ContactTypeIndex k = contact.issue_type;
  const ContactType& type = model_->contact_types[k];
  const Escalation& escalation = *type.escalation;
  contact.attempt = next_attempt(contact, NextContact::escalation);
  prepare_later_contact(contact, escalation.handle_time ? *escalation.handle_time : type.handle_time);
  const int level = tables_->escalated_level[k];
  start_contact(c, k, contact.stage + 1u, level < 0 ? contact.level : static_cast<std::uint16_t>(level));
  route(c, false);
}

// A later contact of the same customer (escalation, transfer): its handle time and patience, from
// the customer's own streams for this attempt.
inline void Replication::prepare_later_contact(Contact& contact, const Distribution& handle_time) {
  const ContactType& type = model_->contact_types[contact.issue_type];
  CustomerStream handle = customer_stream(StreamPurpose::handle_time, contact);
  contact.handle_base_s = sample(handle_time, handle);
  CustomerStream patience = customer_stream(StreamPurpose::patience, contact);
  contact.patience_s = type.patience ? sample(*type.patience, patience) : never;
  contact.misrouted = false;
}

// A misrouted customer, sent (cold) to the queue of its own type at the first tier.
[[gnu::noinline]] inline void Replication::transfer_to_own_queue(std::uint32_t c) {
  Contact& contact = contacts_[c];
  const ContactTypeIndex k = contact.issue_type;
  contact.attempt = next_attempt(contact, NextContact::transfer);
  prepare_later_contact(contact, model_->contact_types[k].handle_time);
  start_contact(c, k, 0, tables_->front_level[k]);
  route(c, false);
}

// Whether the customer of contact c comes back about the issue (a repeat after an unresolved
// contact, a retry after an abandoned or unreached one). If so the slot waits for the return, as
// the customer's next attempt; a return due after the horizon leaves the issue open. Otherwise
// the issue ends unresolved.
[[gnu::noinline]] inline bool Replication::come_back_later(std::uint32_t c, Return why) {
  Contact& contact = contacts_[c];
  const ContactTypeIndex k = contact.issue_type;
  const ContactType& type = model_->contact_types[k];
  const Distribution* delay = nullptr;
  CustomerStream stream = customer_stream(StreamPurpose::returns, contact);
  if (why == Return::repeat && type.repeat && chance(type.repeat->p, stream)) delay = &type.repeat->delay;
  if (why == Return::retry && type.retry && chance(type.retry->p, stream)) delay = &type.retry->delay;
  if (!delay) {
    end_issue(contact, IssueEnd::gave_up);
    return false;
  }
  const double at = now_ + sample(*delay, stream);
  if (why == Return::repeat) {
    contact.repeated = true;
    if (at - contact.issue_open_s <= type.repeat->window_s) contact.fcr_candidate = false;
  }
  if (at >= horizon_end_) {
    end_issue(contact, IssueEnd::open);
    return false;
  }
  contact.attempt = next_attempt(contact, why == Return::repeat ? NextContact::repeat : NextContact::retry);
  contact.state = ContactState::pending;
  schedule(at, EventKind::return_arrival, c);
  return true;
}

[[gnu::always_inline]] inline void Replication::end_issue(const Contact& contact, IssueEnd end) {
  if (end == IssueEnd::gave_up) trace_contact(TraceKind::gave_up, contact);
  if (!contact.issue_counted) return;
  IssueTally& tally = tallies_.issue(contact.issue_interval, contact.issue_type);
  switch (end) {
    case IssueEnd::resolved:
      ++tally.resolved;
      tallies_.resolution_time(contact.issue_interval, contact.issue_type).add(now_ - contact.issue_open_s);
      break;
    case IssueEnd::gave_up: ++tally.gave_up; break;
    case IssueEnd::open: ++tally.open_at_end; break;
  }
  if (contact.fcr_candidate) ++tally.first_contact_resolved;
  if (contact.repeated) ++tally.repeated;
  tally.contacts += contact.issue_contacts;
}

inline void Replication::copy_issue(const Contact& from, Contact& to) {
  to.issue_open_s = from.issue_open_s;
  to.issue_type = from.issue_type;
  to.issue_interval = from.issue_interval;
  to.issue_counted = from.issue_counted;
  to.issue_contacts = from.issue_contacts;
  to.owns_issue = true;
  to.fcr_candidate = from.fcr_candidate;
  to.repeated = from.repeated;
}

}  // namespace ccsim::engine
