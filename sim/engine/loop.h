// The event loop, scheduling and tracing, the set-up of a replication and its end.
#pragma once

#include <algorithm>

#include "ccsim/limits.h"
#include "sim/engine/conservation.h"
#include "sim/engine/replication.h"

namespace ccsim::engine {

inline void Replication::start(const Model& model, std::uint64_t seed, std::uint64_t replication,
                               TraceSink* trace) {
  const RoutingTables& tables = model.routing_tables;
  CCSIM_CHECK(tables.types == model.type_count() && tables.groups == model.group_count() &&
                  model.business_time.size() == model.type_count(),
              "the model's routing tables are not compiled: call link_routing after building it");
  CCSIM_CHECK(model.roster.size() <= Event::max_index, "more roster changes than events can index");
  for (const BusinessTime& business : model.business_time)
    CCSIM_CHECK(business.window.empty() || business.window.size() == static_cast<std::size_t>(model.horizon.intervals()),
                "the model's horizon changed after link_routing: link it again");
  model_ = &model;
  tables_ = &tables;
  trace_ = trace;
  seed_ = seed;
  replication_ = replication;
  intervals_ = static_cast<IntervalIndex>(model.horizon.intervals());
  interval_s_ = model.horizon.interval_s;
  horizon_end_ = model.horizon.length_s();
  warmup_s_ = model.run.warmup_s;

  tallies_.reset(static_cast<std::size_t>(intervals_), model.type_count(), model.group_count());
  const std::size_t types = model.type_count();
  streams_.clear();
  for (std::uint32_t k = 0; k < types; ++k) streams_.emplace_back(seed, replication, k);
  arrivals_.start(model, streams_);

  const std::size_t groups = model.group_count();
  prices_contacts_.assign(groups, 0);
  adjusts_handle_.assign(groups, 0);
  concurrency_.assign(groups, 1);
  rostered_.assign(groups, 0);
  for (std::size_t g = 0; g < groups; ++g) {
    const AgentGroup& group = model.agent_groups[g];
    rostered_[g] = group.follows_roster;
    prices_contacts_[g] = group.cost_per_contact > 0.0 || group.cost_per_minute > 0.0;
    adjusts_handle_[g] = group.assist.has_value() ||
                         (group.chat_concurrency > 1 && group.concurrency_slowdown > 0.0);
    concurrency_[g] = std::max(1, group.chat_concurrency);
  }
  wraps_up_.assign(types, 0);
  has_queued_class_.assign(types, 0);
  replays_calls_.assign(types, 0);
  also_within_.assign(types, {-1.0, -1.0});
  for (std::size_t k = 0; k < types; ++k) {
    const std::vector<Seconds>& also = model.contact_types[k].sla.also_within_s;
    for (std::size_t j = 0; j < also.size() && j < max_further_thresholds; ++j) also_within_[k][j] = also[j];
    wraps_up_[k] = model.contact_types[k].wrap_up.has_value();
    has_queued_class_[k] = !model.contact_types[k].when_queued.empty();
    const ContactType& type = model.contact_types[k];
    CCSIM_CHECK(type.replayed_calls.empty() || type.replayed_calls.size() == type.arrival_times_s.size(),
                "a type's replayed calls must match its replayed arrivals one for one");
    replays_calls_[k] = !type.replayed_calls.empty();
  }
  bot_of_type_.assign(types, -1);
  for (std::size_t b = 0; b < model.bots.size(); ++b)
    for (const ContactTypeIndex k : model.bots[b].types) bot_of_type_[k] = static_cast<int>(b);
  bot_sessions_.assign(model.bots.size(), 0);
  in_bot_at_end_.assign(types, 0);
  email_types_.clear();
  for (ContactTypeIndex k = 0; k < types; ++k)
    if (model.contact_types[k].channel == Channel::email) email_types_.push_back(k);

  calendar_.clear();
  contacts_.clear(contacts_in_system_limit(model.run.memory_limit_bytes));
  queues_.assign(tables.queue_count(), WaitingQueue{});
  groups_.assign(groups, GroupState{});
  now_ = 0.0;
  interval_ = 0;
  serial_ = 0;
  top_taken_ = false;
  stopped_ = false;
  fill_paid_time();
}

template <class Selection>
void Replication::run() {
  // A rostered group starts with its roster's agents at time 0, not its first interval's mean.
  const std::vector<RosterChange>& roster = model_->roster;
  std::uint32_t next_change = 0;
  for (AgentGroupIndex g = 0; g < groups_.size(); ++g)
    groups_[g].idle = rostered_[g] ? 0 : whole_agents(model_->agent_groups[g].on_duty[0]) * concurrency_[g];
  for (; next_change < roster.size() && roster[next_change].time_s <= 0.0; ++next_change) {
    const RosterChange& change = roster[next_change];
    groups_[change.group].idle = change.on_duty * concurrency_[change.group];
  }
  if (trace_)
    for (AgentGroupIndex g = 0; g < groups_.size(); ++g)
      trace(0.0, TraceKind::staffing, static_cast<std::uint64_t>(groups_[g].idle), -1,
            static_cast<int>(g));
  for (ContactTypeIndex k = 0; k < model_->type_count(); ++k) {
    const double first = arrivals_.next_time(k, 0.0);
    if (first < horizon_end_) calendar_.push(first, EventKind::arrival, k);
  }
  calendar_.push(interval_s_, EventKind::interval_boundary, 1);
  // One roster change pending at a time: each schedules the next (staffing.h).
  if (next_change < roster.size() && roster[next_change].time_s < horizon_end_)
    calendar_.push(roster[next_change].time_s, EventKind::roster_change, next_change);

  // Counted in a local: a member incremented through `this` costs a load and a store per event.
  std::uint64_t events = 0;
  try {
  while (!calendar_.empty() && !stopped_) {
    const Event event = calendar_.top();
    top_taken_ = false;
    now_ = event.time;
    ++events;
    switch (event.kind()) {
      case EventKind::arrival: on_arrival(event.index()); break;
      case EventKind::service_end: on_service_end<Selection>(event.index()); break;
      case EventKind::wrap_up_end: on_wrap_up_end<Selection>(event.index()); break;
      case EventKind::abandonment: on_abandonment(event.index()); break;
      case EventKind::interval_boundary: on_interval_boundary<Selection>(event.index()); break;
      case EventKind::roster_change: on_roster_change<Selection>(event.index()); break;
      case EventKind::return_arrival: on_return(event.index()); break;
      case EventKind::bot_end: on_bot_end(event.index()); break;
      case EventKind::overflow: on_overflow(event.index()); break;
      case EventKind::hold_limit: on_hold_limit<Selection>(event.index()); break;
    }
    if (!top_taken_) calendar_.pop();
  }
  } catch (const ContactLimitReached&) {
    stop_full_system();
  }
  tallies_.events = events;
  close_run();
  check_conservation(*model_, tallies_, in_bot_at_end_);
  check_agents();
}

// The first event scheduled while handling an event takes the handled event's place in the heap
// (one sift-down instead of a pop and a push): most events schedule exactly one successor.
[[gnu::always_inline]] inline void Replication::schedule(double time, EventKind kind, std::uint32_t index) {
  if (!top_taken_) {
    calendar_.replace_top(time, kind, index);
    top_taken_ = true;
  } else {
    calendar_.push(time, kind, index);
  }
}

inline void Replication::trace(double time, TraceKind kind, std::uint64_t contact, int type, int group) {
  trace_->record({time, kind, contact, type, group});
}

inline void Replication::trace_contact(TraceKind kind, const Contact& contact, int group) {
  if (!trace_) return;
  trace_->record({now_, kind, contact.serial, static_cast<int>(contact.type), group,
                  static_cast<int>(contact.issue_type), contact.customer, contact.attempt,
                  contact.handle_base_s, contact.patience_s});
}

inline IntervalIndex Replication::interval_of(double t) const {
  const auto i = static_cast<IntervalIndex>(t / interval_s_);
  return std::min(i, intervals_ - 1);
}

// A customer's next contact about its issue; a customer in an endless loop (a retry or repeat at
// the same instant, for ever) stops the replication here instead of hanging it.
[[gnu::always_inline]] inline std::uint32_t Replication::next_attempt(const Contact& contact,
                                                                      NextContact why) const {
  if (contact.attempt + 1 >= max_contacts_per_issue) [[unlikely]]
    stop_endless_customer(contact, why);
  return contact.attempt + 1;
}

inline CustomerStream Replication::customer_stream(StreamPurpose purpose, const Contact& contact) const {
  return CustomerStream(seed_, replication_, purpose,
                        {contact.issue_type, contact.customer, contact.attempt});
}

// Contacts still in the system are counted as such, and the issues they (or a pending return)
// carry are open.
inline void Replication::close_run() {
  for (const Contact& contact : contacts_.all()) {
    if (!contact.live || contact.silent) continue;  // a silent chat was counted as abandoned
    if (contact.counted && contact.state != ContactState::pending)
      ++tallies_.in_system_at_end[contact.type];
    if (contact.counted && contact.state == ContactState::in_bot) ++in_bot_at_end_[contact.type];
    if (contact.owns_issue) end_issue(contact, IssueEnd::open);
  }
}

}  // namespace ccsim::engine
