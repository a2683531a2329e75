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
//  - staffing changes at interval boundaries; an agent who must leave finishes the contact in hand;
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
// Handle time and patience are drawn when the contact arrives, from streams of their own, so a
// change of routing leaves them aligned (common random numbers).
#pragma once

#include <cstdint>
#include <string_view>

#include "ccsim/model.h"
#include "ccsim/tallies.h"

namespace ccsim {

enum class TraceKind : std::uint8_t {
  arrival,      // a contact joins the front door, or a tier or queue after a transfer
  answer,
  service_end,  // the agent is released
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

  bool operator==(const TraceRecord&) const = default;
};

std::string_view trace_kind_name(TraceKind kind);

// Observer of every step of a replication; costs one predictable branch per step when absent.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void record(const TraceRecord& record) = 0;
};

// Runs replication `replication` of `model` with the streams of (seed, replication). Aborts with a
// message if a conservation law fails (offered = handled + abandoned + in system, and issues
// opened = resolved + given up + open at the end, per type): that is a bug, not an input problem.
Tallies run_replication(const Model& model, std::uint64_t seed, std::uint64_t replication,
                        TraceSink* trace = nullptr);

}  // namespace ccsim
