// Contact selection: which waiting contact a freed agent takes. One small struct per policy; the
// engine is instantiated once per policy and the policy is chosen once per replication, so the
// choice costs no call per event. Agent selection (which group a new contact goes to) is the same
// for every policy and reads the Route tables (routing.h).
#pragma once

#include <cstdint>
#include <vector>

#include "ccsim/routing.h"
#include "sim/engine/contacts.h"

namespace ccsim::engine {

// What a policy looks at: the queues and contacts of the replication, the clock, and whether
// deferred work (email) may be taken now (inside the horizon: email left at its end is the next
// day's backlog, not night work).
struct WaitingView {
  const std::vector<WaitingQueue>& queues;
  const ContactSlab& contacts;
  double now;
  bool deferred_open;
  std::size_t levels;
};

// A source may offer its queue's head to an agent of its group with `idle_others` other agents
// idle: the group's reserve for the source must stay idle, and deferred work only when open.
inline bool may_take(const Source& source, const WaitingView& view, int idle_others) {
  if (idle_others < source.min_idle_others) return false;
  return source.rank == WorkRank::real_time || view.deferred_open;
}

// The head of a source's queue at `level` if it may be offered now (an overflow source only once
// the head has waited the step's time), else no_contact.
inline std::uint32_t offered_head(const Source& source, std::size_t level, const WaitingView& view) {
  const std::uint32_t head = view.queues[source.queue + level].head;
  if (head == no_contact) return no_contact;
  if (source.min_wait_s > 0.0 && view.now < view.contacts[head].arrival_s + source.min_wait_s)
    return no_contact;
  return head;
}

// Today's rule: the best skill priority (real-time before deferred), then the best contact
// priority level (segment, escalation), then the longest wait in the queue; ties go to the skill
// listed first. An overflow source offers a queue's head only once it has waited the step's time.
struct PrioritySelection {
  static std::uint32_t select(const std::vector<Source>& sources, const WaitingView& view,
                              int idle_others, const Source*& chosen) {
    std::uint32_t best = no_contact;
    const Source* best_source = nullptr;
    std::size_t best_level = 0;
    double best_since = 0.0;
    for (const Source& source : sources) {
      if (best_source && (source.rank != best_source->rank || source.priority > best_source->priority))
        break;
      if (!may_take(source, view, idle_others)) continue;
      for (std::size_t level = 0; level < view.levels; ++level) {
        const std::uint32_t head = offered_head(source, level, view);
        if (head == no_contact) continue;
        const double since = view.contacts[head].arrival_s;
        if (best == no_contact || level < best_level || (level == best_level && since < best_since)) {
          best = head;
          best_source = &source;
          best_level = level;
          best_since = since;
        }
        break;
      }
    }
    chosen = best_source;
    return best;
  }
};

// Longest weighted waiting time: among the heads of every real-time queue the group serves (all
// skills and priority levels, overflow queues once eligible), the largest wait x weight; ties go to
// the skill listed first, then the lower level. Deferred work only when no real-time contact
// waits, by the priority rule.
struct LongestWeightedWaitSelection {
  static std::uint32_t select(const std::vector<Source>& sources, const WaitingView& view,
                              int idle_others, const Source*& chosen) {
    std::uint32_t best = no_contact;
    const Source* best_source = nullptr;
    double best_score = -1.0;
    for (const Source& source : sources) {
      if (source.rank != WorkRank::real_time) break;  // sources list real-time work first
      if (!may_take(source, view, idle_others)) continue;
      for (std::size_t level = 0; level < view.levels; ++level) {
        const std::uint32_t head = offered_head(source, level, view);
        if (head == no_contact) continue;
        const double score = (view.now - view.contacts[head].arrival_s) * source.weight;
        if (score > best_score) {
          best = head;
          best_source = &source;
          best_score = score;
        }
      }
    }
    if (best != no_contact) {
      chosen = best_source;
      return best;
    }
    return PrioritySelection::select(sources, view, idle_others, chosen);
  }
};

}  // namespace ccsim::engine
