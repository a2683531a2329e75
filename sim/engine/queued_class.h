// State-dependent classes: a front-door contact that finds no agent free may become another class
// (ContactType::when_queued), and is then routed, served, timed and counted as that class.
#pragma once

#include "sim/engine/replication.h"

namespace ccsim::engine {

// Contact c must wait at the front door, and its type has classes for that. The draw is the
// customer's own, so that a variant of the scenario in which the same customer also waits gives
// the same class. A misrouted contact keeps its type: it waits in the wrong queue and its handle
// time is that of finding out.
[[gnu::noinline]] inline void Replication::route_as_queued_class(std::uint32_t c, std::size_t step) {
  Contact& contact = contacts_[c];
  if (!contact.misrouted) {
    const ContactType& type = model_->contact_types[contact.type];
    CustomerStream stream = customer_stream(StreamPurpose::queued_class, contact);
    double u = uniform(stream);
    // A replayed caller whom the log shows waiting says whether it was identified: then it becomes
    // a class (which one, by the shares), or stays its type. Others draw by the shares.
    const int logged = contact.attempt == 0 && replays_calls_[contact.issue_type]
                           ? type.replayed_calls[contact.customer].identified
                           : -1;
    if (logged == 0) return wait(c, tables_->route(contact.type, contact.stage), step, true);
    if (logged == 1) {
      double total = 0.0;
      for (const QueuedClass& to : type.when_queued) total += to.p;
      u *= total;
    }
    for (const QueuedClass& to : type.when_queued) {
      if (u < to.p) return become_class(c, to.to, stream);
      u -= to.p;
    }
  }
  wait(c, tables_->route(contact.type, contact.stage), step, true);
}

// Contact c is offered as class k instead of its type: counted there, with k's handle time and
// patience, at k's place in the routing (an agent free for k but not for the type takes it now).
inline void Replication::become_class(std::uint32_t c, ContactTypeIndex k, CustomerStream& stream) {
  Contact& contact = contacts_[c];
  if (contact.counted) {
    --tallies_.contact(contact.interval, contact.type).offered;
    ++tallies_.contact(contact.interval, k).offered;
  }
  const ContactType& to = model_->contact_types[k];
  contact.type = k;
  contact.level = tables_->front_level[k];
  // A replayed call keeps what its log says of it and draws the rest from the class's laws; any
  // other contact is the class's customer.
  if (contact.attempt == 0 && replays_calls_[contact.issue_type]) {
    draw_unlogged(contact, model_->contact_types[contact.issue_type].replayed_calls[contact.customer], to);
  } else {
    contact.handle_base_s = sample(to.handle_time, stream);
    contact.patience_s = to.patience ? sample(*to.patience, stream) : never;
  }
  trace_contact(TraceKind::class_change, contact);
  route(c, true);  // k has no classes of its own: this routes or waits
}

}  // namespace ccsim::engine
