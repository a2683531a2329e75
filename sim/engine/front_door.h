// The front door: new demand, self-service deflection and its leaks, bots, misrouting, and the
// callback offer a caller hears while queueing.
#pragma once

#include "sim/engine/replication.h"

namespace ccsim::engine {

// New demand: self-service may take it; otherwise a new customer, a new issue, at the front door.
[[gnu::always_inline]] inline void Replication::on_arrival(ContactTypeIndex k) {
  const double next = arrivals_.next_time(k, now_);
  if (next < horizon_end_) schedule(next, EventKind::arrival, k);
  const ContactType& type = model_->contact_types[k];
  const std::uint64_t customer = arrivals_.next_customer(k);
  if (type.deflection && chance(type.deflection->share, streams_[k].deflection)) [[unlikely]]
    return deflect(k, customer);

  const std::uint32_t c = contacts_.allocate();
  contacts_[c].attempt = 0;
  open_issue(c, k, customer);
  front_door(c);
}

// Self-service took this demand. A share of it leaks back later as a contact (a new issue, which
// self-service does not see again): the same customer's second attempt.
[[gnu::noinline]] inline void Replication::deflect(ContactTypeIndex k, std::uint64_t customer) {
  const Deflection& deflection = *model_->contact_types[k].deflection;
  if (now_ >= warmup_s_) ++tallies_.contact(interval_of(now_), k).deflected;
  if (trace_) trace(now_, TraceKind::deflected, 0, static_cast<int>(k), -1);
  RandomEngine& stream = streams_[k].deflection;
  if (!chance(deflection.leak_p, stream)) return;
  const double at = now_ + sample(deflection.leak_delay, stream);
  if (at >= horizon_end_) return;
  const std::uint32_t c = contacts_.allocate();
  Contact& contact = contacts_[c];
  contact.state = ContactState::pending;
  contact.issue_type = k;
  contact.customer = customer;
  contact.attempt = 1;
  contact.owns_issue = false;
  contact.leak = true;
  schedule(at, EventKind::return_arrival, c);
}

// A customer comes back: a repeat or retry of an open issue, or leaked self-service demand.
inline void Replication::on_return(std::uint32_t c) {
  Contact& contact = contacts_[c];
  if (contact.leak) {
    contact.leak = false;
    open_issue(c, contact.issue_type, contact.customer);
    if (contact.issue_counted) ++tallies_.contact(contact.issue_interval, contact.issue_type).leaked;
  }
  front_door(c);
}

[[gnu::always_inline]] inline void Replication::open_issue(std::uint32_t c, ContactTypeIndex k,
                                                          std::uint64_t customer) {
  Contact& contact = contacts_[c];
  contact.customer = customer;
  contact.issue_open_s = now_;
  contact.issue_type = k;
  contact.issue_interval = interval_of(now_);  // start_contact reuses it: a division saved
  contact.issue_counted = now_ >= warmup_s_;
  contact.issue_contacts = 0;
  contact.owns_issue = true;
  contact.fcr_candidate = false;
  contact.repeated = false;
  if (contact.issue_counted) ++tallies_.issue(contact.issue_interval, k).opened;
}

namespace {

// A front-door contact's misroute, handle time and patience, from whichever streams apply.
template <class Rng1, class Rng2, class Rng3>
[[gnu::always_inline]] inline void draw_contact(Contact& contact, const ContactType& type,
                                               Rng1& misroute, Rng2& handle, Rng3& patience) {
  contact.misrouted = type.misroute && chance(type.misroute->p, misroute);
  contact.handle_base_s = contact.misrouted ? sample(type.misroute->handle_time, misroute)
                                            : sample(type.handle_time, handle);
  contact.patience_s = type.patience ? sample(*type.patience, patience) : never;
}

}  // namespace

// A customer reaches the queues through the front door (first contact, repeat or retry): it may
// meet a bot, be misrouted, and be offered a callback. A customer's first contact at a door with
// no bot draws in arrival order; every other contact draws from the customer's own streams
// (whether a customer meets a bot depends on the bot's free capacity, so those draw by key too).
[[gnu::always_inline]] inline void Replication::front_door(std::uint32_t c) {
  Contact& contact = contacts_[c];
  const ContactTypeIndex k = contact.issue_type;
  const ContactType& type = model_->contact_types[k];
  const int bot = bot_of_type_[k];
  if (contact.attempt == 0 && bot < 0) [[likely]] {
    if (replays_calls_[k]) [[unlikely]] {
      replay_call(contact, type);
    } else {
      ArrivalOrderStreams& streams = streams_[k];
      draw_contact(contact, type, streams.misroute, streams.handle, streams.patience);
    }
  } else {
    if (bot >= 0) {
      const auto b = static_cast<std::size_t>(bot);
      CustomerStream stream = customer_stream(StreamPurpose::bot, contact);
      if (bot_sessions_[b] < model_->bots[b].capacity && chance(model_->bots[b].entry_share, stream))
        return enter_bot(c, b, stream);
    }
    CustomerStream misroute = customer_stream(StreamPurpose::misroute, contact);
    CustomerStream handle = customer_stream(StreamPurpose::handle_time, contact);
    CustomerStream patience = customer_stream(StreamPurpose::patience, contact);
    draw_contact(contact, type, misroute, handle, patience);
  }
  start_contact(c, contact.misrouted ? type.misroute->to : k, 0, tables_->front_level[k]);
  route(c, true);
}

// A logged call replayed: its own handle time (drawn for a call the log shows abandoned), and its
// patience as the log tells it (the wait at which it abandoned), or above the wait after which it
// was served, drawn from the customer's own stream. It joins its own type's queue: the log says
// where it was served.
[[gnu::noinline]] inline void Replication::replay_call(Contact& contact, const ContactType& type) {
  const ReplayedCall& call = type.replayed_calls[contact.customer];
  contact.misrouted = false;
  if (call.handle_known) contact.handle_base_s = call.handle_s;
  if (!call.patience_exceeds) contact.patience_s = call.patience_s;
  draw_unlogged(contact, call, type);
}

// What the log does not say of a replayed call, from the laws of `laws`: its type's, or those of
// the class it becomes when it must wait (by the log's identification when replay.columns.priority
// names it, else by the class's share).
// The same customer streams either way, so the class's draw is the type's uniform through its law.
inline void Replication::draw_unlogged(Contact& contact, const ReplayedCall& call, const ContactType& laws) {
  if (!call.handle_known) {
    // The log's caller abandoned: what its conversation would have taken is the law's.
    CustomerStream handle = customer_stream(StreamPurpose::handle_time, contact);
    contact.handle_base_s = sample(laws.handle_time, handle);
  }
  if (call.patience_exceeds) {
    CustomerStream patience = customer_stream(StreamPurpose::patience, contact);
    contact.patience_s = laws.patience ? sample_above(*laws.patience, call.patience_s, patience) : never;
  }
}

// The bot talks to the customer for its session's length. It knows the customer's intent, so a
// contact that meets a bot is never misrouted.
[[gnu::noinline]] inline void Replication::enter_bot(std::uint32_t c, std::size_t b, CustomerStream& stream) {
  const Bot& bot = model_->bots[b];
  Contact& contact = contacts_[c];
  const ContactTypeIndex k = contact.issue_type;
  contact.misrouted = false;
  contact.handle_base_s = 0.0;  // drawn if the bot hands the customer over
  contact.patience_s = never;
  start_contact(c, k, 0, tables_->front_level[k]);
  contact.state = ContactState::in_bot;
  trace_contact(TraceKind::bot_entry, contact);
  ++bot_sessions_[b];
  if (contact.counted) {
    ContactTally& tally = tallies_.contact(contact.interval, k);
    ++tally.bot_entries;
    tally.bot_cost += bot.cost_per_session;
  }
  schedule(now_ + sample(bot.duration, stream), EventKind::bot_end, c);
}

// The session ends contained (the issue is resolved), abandoned (the customer may retry), or
// handed to the human queue, where the handle time depends on what the bot passed on.
[[gnu::noinline]] inline void Replication::on_bot_end(std::uint32_t c) {
  Contact& contact = contacts_[c];
  const ContactTypeIndex k = contact.type;
  const ContactType& type = model_->contact_types[k];
  const auto b = static_cast<std::size_t>(bot_of_type_[k]);
  const Bot& bot = model_->bots[b];
  --bot_sessions_[b];
  CustomerStream stream = customer_stream(StreamPurpose::bot_outcome, contact);
  const double u = uniform(stream);
  ContactTally* tally = contact.counted ? &tallies_.contact(contact.interval, k) : nullptr;
  if (u < bot.containment_p) {
    if (tally) ++tally->contained;
    trace_contact(TraceKind::contained, contact);
    if (contact.issue_contacts == 1) contact.fcr_candidate = true;
    end_issue(contact, IssueEnd::resolved);
    return contacts_.release(c);
  }
  if (u < bot.containment_p + bot.abandon_p) {
    if (tally) {
      ++tally->bot_abandoned;
      ++tally->abandoned;
    }
    trace_contact(TraceKind::bot_abandonment, contact);
    if (!come_back_later(c, Return::retry)) contacts_.release(c);
    return;
  }
  if (tally) ++tally->handed_off;
  trace_contact(TraceKind::handoff, contact);
  CustomerStream handle_stream = customer_stream(StreamPurpose::handle_time, contact);
  double handle = sample(type.handle_time, handle_stream) * bot.residual_aht_factor;
  if (bot.handoff_context) handle *= bot.handoff_aht_factor;
  else if (bot.handoff_extra_handle) handle += sample(*bot.handoff_extra_handle, stream);
  contact.handle_base_s = handle;
  CustomerStream patience = customer_stream(StreamPurpose::patience, contact);
  contact.patience_s = type.patience ? sample(*type.patience, patience) : never;
  contact.arrival_s = now_;  // the wait, and the service level, count from the queue
  contact.state = ContactState::waiting;
  route(c, true);
}

// Counts contact c as a new contact of `type` at `stage` and readies it for routing.
[[gnu::always_inline]] inline void Replication::start_contact(std::uint32_t c, ContactTypeIndex type,
                                                             std::size_t stage, std::uint16_t level) {
  Contact& contact = contacts_[c];
  contact.arrival_s = now_;
  contact.abandon_at = contact.timer_at = never;
  contact.serial = serial_++;
  contact.type = type;
  contact.stage = static_cast<std::uint8_t>(stage);
  contact.level = level;
  contact.interval = now_ == contact.issue_open_s ? contact.issue_interval : interval_of(now_);
  contact.counted = now_ >= warmup_s_;
  contact.state = ContactState::waiting;
  contact.outcome = Outcome::none;
  contact.callback = false;
  contact.silent = false;
  ++contact.issue_contacts;
  ++tallies_.arrivals;
  if (contact.counted) ++tallies_.contact(contact.interval, type).offered;
  trace_contact(TraceKind::arrival, contact);
}

// Virtual hold: the wait is predicted from the queue ahead, the handle time and the agents on
// duty; a caller who accepts keeps the place in line and does not abandon.
[[gnu::noinline]] inline void Replication::offer_callback(std::uint32_t c, const Route& route) {
  Contact& contact = contacts_[c];
  const Callback& callback = *model_->contact_types[contact.type].callback;
  std::uint64_t ahead = 0;
  const std::uint32_t base = tables_->queue_of(contact.type, contact.stage);
  for (std::uint32_t level = 0; level <= contact.level; ++level) ahead += queues_[base + level].size;
  int agents = 0;
  for (const Server& server : route.direct) {
    const GroupState& group = groups_[server.group];
    agents += group.idle + group.busy - group.pending_departures;
  }
  const double predicted =
      agents > 0 ? static_cast<double>(ahead + 1) * route.mean_handle_s / agents : never;
  if (predicted <= callback.offer_when_wait_s) return;
  ContactTally* tally = contact.counted ? &tallies_.contact(contact.interval, contact.type) : nullptr;
  if (tally) ++tally->callbacks_offered;
  CustomerStream stream = customer_stream(StreamPurpose::callback, contact);
  if (!chance(callback.accept_p, stream)) return;
  if (tally) ++tally->callbacks_accepted;
  contact.callback = true;
  trace_contact(TraceKind::callback, contact);
}

}  // namespace ccsim::engine
