// Contacts in the system, the waiting queues they sit in, and the agents of a group.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "ccsim/check.h"
#include "ccsim/event_calendar.h"

namespace ccsim::engine {

inline constexpr std::uint32_t no_contact = std::numeric_limits<std::uint32_t>::max();
inline constexpr double never = std::numeric_limits<double>::infinity();

enum class ContactState : std::uint8_t {
  pending,     // a customer due to come back (repeat, retry): not in the system yet
  waiting,     // in a queue
  in_service,  // talking to an agent
  holding,     // warm transfer: the conversation is over, the agent holds until the next tier answers
  releasing,   // the agent finishes a hand-over (warm: on the line with the next tier)
  in_bot,      // in a session with a bot at the front door
};

// What became of a contact an agent took.
enum class Outcome : std::uint8_t { none, resolved, unresolved, escalated, transferred, unreached };

// A contact in the system, and the issue it is about. Slots are reused through a free list, so
// memory follows the number of contacts in the system, not the number simulated. An issue's
// state travels with its current contact: a transfer, escalation or return reuses the slot, and a
// warm transfer hands the issue to the new contact while the old one holds.
//
// Timers stay in the calendar when their contact moves on (lazy cancellation): an abandonment,
// overflow or hold limit applies only if the contact in its slot still has that very deadline
// (`never` otherwise). A later contact in a reused slot shares a stale deadline only if it was
// due at that same instant anyway: same outcome.
struct Contact {
  double arrival_s;  // of this contact (its wait and service level count from here)
  // The type's handle time until answered (the serving group's aht_factor multiplies it); while
  // the agent holds for a warm transfer, when the hold began.
  double handle_base_s;
  double handle_s;  // as served, once answered
  double abandon_at;
  double timer_at;    // waiting: its next overflow step; holding: the hold limit
  double patience_s;  // drawn when the contact arrives; runs while the customer waits alone
  double resolve_factor;
  double issue_open_s;
  std::uint64_t serial;
  std::uint64_t customer;  // arrival number of the customer within its issue's type
  std::uint32_t attempt;   // 0 for the customer's first contact, then each later one
  std::uint32_t type;      // of the queue it is in (a misrouted contact sits in another type's)
  std::uint32_t interval;  // of arrival, where the contact is counted
  std::uint32_t group;     // serving it, once answered
  std::uint32_t prev;      // neighbours in its waiting queue
  std::uint32_t next;
  std::uint32_t queue;
  std::uint32_t partner;  // warm transfer: the holding contact <-> the escalated one
  std::uint32_t issue_type;
  std::uint32_t issue_interval;
  std::uint32_t issue_contacts;
  std::uint8_t stage;   // index of its tier among the tiers serving the type
  std::uint16_t level;  // priority level of its queue, 0 first
  std::uint16_t step;   // next overflow step
  ContactState state;
  Outcome outcome;
  bool counted;  // arrived after the warm-up
  bool live;
  bool callback;
  bool misrouted;
  bool issue_counted;
  bool owns_issue;
  bool fcr_candidate;  // first contact handled without transfer, no repeat inside the window yet
  bool repeated;
  bool leak;    // pending: deflected demand coming back as a new contact
  bool silent;  // a chat customer who left without closing: the agent finds nobody
};

// Thrown by ContactSlab::allocate when the replication holds its limit of contacts at once; the
// replication turns it into a RunStopped that says which contact type filled the system.
struct ContactLimitReached {};

// The contacts of one replication, in slots reused through a free list.
class ContactSlab {
 public:
  // Empties the slab for a replication that may hold at most `limit` contacts at once.
  void clear(std::uint32_t limit) {
    contacts_.clear();
    free_.clear();
    limit_ = std::min(limit, Event::max_index + 1u);
  }
  std::uint32_t limit() const { return limit_; }

  Contact& operator[](std::uint32_t c) { return contacts_[c]; }
  const Contact& operator[](std::uint32_t c) const { return contacts_[c]; }
  const std::vector<Contact>& all() const { return contacts_; }

  // May move the slab: no reference to a contact may be held across it.
  std::uint32_t allocate() {
    std::uint32_t c;
    if (!free_.empty()) {
      c = free_.back();
      free_.pop_back();
    } else {
      c = static_cast<std::uint32_t>(contacts_.size());
      if (c >= limit_) [[unlikely]] throw ContactLimitReached{};
      contacts_.push_back(Contact{});
    }
    Contact& contact = contacts_[c];
    contact.live = true;
    contact.abandon_at = contact.timer_at = never;
    contact.prev = contact.next = no_contact;
    contact.partner = no_contact;
    contact.leak = contact.silent = false;
    return c;
  }

  void release(std::uint32_t c) {
    Contact& contact = contacts_[c];
    contact.live = false;
    contact.abandon_at = contact.timer_at = never;
    free_.push_back(c);
  }

 private:
  std::vector<Contact> contacts_;
  std::vector<std::uint32_t> free_;
  std::uint32_t limit_ = Event::max_index + 1u;
};

// FIFO of waiting contacts of one type, stage and priority level, linked through the contacts, so
// that an abandoning contact leaves from the middle in O(1).
struct WaitingQueue {
  std::uint32_t head = no_contact;
  std::uint32_t tail = no_contact;
  std::uint32_t size = 0;
};

inline void enqueue(ContactSlab& contacts, std::vector<WaitingQueue>& queues, std::uint32_t c,
                    std::uint32_t q) {
  Contact& contact = contacts[c];
  contact.queue = q;
  WaitingQueue& queue = queues[q];
  contact.prev = queue.tail;
  contact.next = no_contact;
  if (queue.tail != no_contact) contacts[queue.tail].next = c; else queue.head = c;
  queue.tail = c;
  ++queue.size;
}

inline void dequeue(ContactSlab& contacts, std::vector<WaitingQueue>& queues, std::uint32_t c) {
  Contact& contact = contacts[c];
  WaitingQueue& queue = queues[contact.queue];
  if (contact.prev != no_contact) contacts[contact.prev].next = contact.next; else queue.head = contact.next;
  if (contact.next != no_contact) contacts[contact.next].prev = contact.prev; else queue.tail = contact.prev;
  contact.prev = contact.next = no_contact;
  --queue.size;
}

// Agents of one group are alike, so counts are all the state they need. A chat group's counts are
// sessions: each agent holds chat_concurrency of them.
struct GroupState {
  int idle = 0;
  int busy = 0;                // includes agents who leave when their contact ends, and wrapping
  int wrapping = 0;            // of the busy: agents in after-call work, no contact in hand
  int pending_departures = 0;  // busy agents who leave when their contact (and wrap-up) ends
  double accounted_until = 0.0;
};

}  // namespace ccsim::engine
