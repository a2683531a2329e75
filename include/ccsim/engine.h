// One replication of a model: the event loop, its contacts, queues and agents, and its tallies.
//
// The engine knows nothing of files or names: it reads a compiled Model and its random streams and
// returns Tallies. Its rules:
//  - a new contact goes to the first group in its routing order (skill priority, then file order)
//    with an idle agent; agents of one group are alike, so which of them takes it is not observable
//    (the longest-idle one, by convention);
//  - otherwise it waits in its type's queue, and abandons when its patience runs out first;
//  - a freed agent takes, among the types its group serves, the waiting contact of the best skill
//    priority, then the one that has waited longest;
//  - staffing changes at interval boundaries; an agent who must leave finishes the contact in hand,
//    and its wrap-up;
//  - a type with wrap-up keeps the agent unavailable that long after each conversation it ends
//    (the contact has left, handled): only then does the agent take the next contact;
//  - arrivals stop at the horizon's end; with `drain` the contacts still in the system are followed
//    to the end (on the last interval's staffing), without it they are counted as in the system;
//  - same-time events follow the tie rule in event_calendar.h.
// Issues (engine.cpp has the details): every fresh arrival opens an issue; when an agent finishes a
// contact it resolves the issue with the type's resolution p (times the group's resolve_factor),
// else the issue is escalated to the next tier (cold: the customer queues again; warm: the agent
// holds until the next tier answers, up to a limit), or the customer comes back later (repeat)
// or gives up. Misrouted contacts are transferred to their own queue after a short handle time;
// abandoned customers may retry. Each of these later contacts is a contact of its own (offered,
// answered, handled or abandoned in the queue it joins) about the same issue. Contacts of a type
// and tier wait in one FIFO per priority (segment, escalation), and overflow steps make a contact
// that has waited long enough eligible for more groups.
// Every random number belongs to a customer (sim/engine/customer_streams.h): a customer's first
// contact draws in arrival order within its type, everything else from streams keyed by the
// customer and the attempt, so a change of staffing, routing or priorities leaves each customer's
// handle times, patience, outcomes and returns unchanged (common random numbers).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "ccsim/model.h"
#include "ccsim/tallies.h"

namespace ccsim {

namespace engine {
class Replication;
}

enum class TraceKind : std::uint8_t {
  arrival,      // a contact joins the front door, or a tier or queue after a transfer
  answer,
  service_end,  // the conversation ends: the contact leaves; the agent is released, or wraps up
  abandonment,
  staffing,
  resolved,     // the agent finished the conversation: the issue is resolved
  unresolved,   // ... not resolved, not escalated: the customer may come back
  escalated,    // ... escalated to the next tier (warm: the agent now holds)
  transferred,  // ... a misrouted contact, sent to its own queue
  unreached,    // a callback's dial found nobody
  overflow,     // a waiting contact became eligible for an overflow step's groups
  callback,     // a caller accepted a callback and keeps a place in line
  hold_limit,   // a warm transfer's agent stopped holding: the customer waits alone
  gave_up,      // the issue ends unresolved
  contained,    // a bot session resolved the issue
  bot_abandonment,
  handoff,      // a bot handed the contact to the human queue
  deflected,    // self-service took the demand (contact: the demand's number among arrivals)
  wrap_up_end,  // an agent of `group` finished after-call work and frees (an agent's event, as
                // staffing: contact 0, type -1)
  class_change,  // a front-door contact that must wait became the class `type` (when_queued)
  bot_entry,     // the contact that just arrived went into a bot session, not a queue
};

// One step of a replication, for tests and debugging. `contact` numbers contacts in order of
// arrival from 0; `group` is the agent group involved, or -1. For `staffing`, `contact` holds the
// new number of agents on duty.
struct TraceRecord {
  double time;
  TraceKind kind;
  std::uint64_t contact;
  int type;
  int group;
  // The customer a contact belongs to, the same in every variant of a scenario: the type of its
  // issue, its arrival number within that type, and the attempt (0 for its first contact, then
  // each later one). -1 / 0 for records that are not about a contact.
  int customer_type = -1;
  std::uint64_t customer = 0;
  std::uint32_t attempt = 0;
  // The customer's draws for this contact: handle time before the serving group's factor, and
  // patience (infinity: never abandons). Set from the contact's arrival on.
  double handle_s = 0.0;
  double patience_s = 0.0;

  // Two records tell the same step when time, kind, contact, type and group agree; the customer
  // and its draws are detail for following customers across variants.
  bool operator==(const TraceRecord& other) const {
    return time == other.time && kind == other.kind && contact == other.contact &&
           type == other.type && group == other.group;
  }
};

std::string_view trace_kind_name(TraceKind kind);

// Observer of every step of a replication; costs one predictable branch per step when absent.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void record(const TraceRecord& record) = 0;
};

// One worker thread's engine: its calendar, contacts, queues and tallies, kept between
// replications so that a replication resets them instead of allocating them again. Not shared
// between threads; any model may be run on it in any order.
class Workspace {
 public:
  Workspace();
  ~Workspace();
  Workspace(Workspace&&) noexcept;
  Workspace& operator=(Workspace&&) noexcept;

 private:
  friend const Tallies& run_replication(const Model&, std::uint64_t, std::uint64_t, Workspace&,
                                        TraceSink*);
  std::unique_ptr<engine::Replication> replication_;
};

// Runs replication `replication` of `model` with the streams of (seed, replication) on
// `workspace`, and returns its tallies, valid until the workspace runs again. The model's routing
// policy is chosen here, once. Aborts with a message if a conservation law fails (offered =
// handled + abandoned + in system, and issues opened = resolved + given up + open at the end, per
// type; busy agents = agents with a contact in hand + agents wrapping up, per group): that is a
// bug, not an input problem.
const Tallies& run_replication(const Model& model, std::uint64_t seed, std::uint64_t replication,
                               Workspace& workspace, TraceSink* trace = nullptr);

// The same on a workspace of its own, returning a copy of the tallies: for one-off runs and tests.
Tallies run_replication(const Model& model, std::uint64_t seed, std::uint64_t replication,
                        TraceSink* trace = nullptr);

}  // namespace ccsim
