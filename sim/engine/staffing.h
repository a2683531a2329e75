// Staffing: interval boundaries, roster changes, agents coming on and going off duty, agent time
// and paid time.
#pragma once

#include "sim/engine/replication.h"

namespace ccsim::engine {

template <class Selection>
inline void Replication::on_interval_boundary(IntervalIndex i) {
  for (AgentGroupIndex g = 0; g < groups_.size(); ++g) account_agent_time(g);
  if (!email_types_.empty() && i <= intervals_) count_backlog(i - 1);
  if (i >= intervals_) {
    // The horizon's end: arrivals have stopped; staffing stays as in the last interval.
    if (!model_->run.drain) stopped_ = true;
    return;
  }
  interval_ = i;
  for (AgentGroupIndex g = 0; g < groups_.size(); ++g)
    if (!rostered_[g]) set_on_duty<Selection>(g, whole_agents(model_->agent_groups[g].on_duty[i]));
  schedule((i + 1) * interval_s_, EventKind::interval_boundary, i + 1);
}

// Change k of the model's roster, at any instant of an interval: a group with shifts changes its
// agents on duty exactly when a shift or a break starts or ends, a group with a fraction of an
// agent also when the part-time agent comes (roster.h). An agent going off duty while
// serving finishes the contact (and its wrap-up) first, as at an interval boundary. The next
// change is scheduled first, so that it takes this event's place in the calendar.
template <class Selection>
inline void Replication::on_roster_change(std::uint32_t k) {
  const std::vector<RosterChange>& roster = model_->roster;
  if (k + 1 < roster.size() && roster[k + 1].time_s < horizon_end_)
    schedule(roster[k + 1].time_s, EventKind::roster_change, k + 1);
  const RosterChange& change = roster[k];
  account_agent_time(change.group);
  set_on_duty<Selection>(change.group, change.on_duty);
}

// `agents` on duty from now on. A chat group's counts are sessions: each agent holds
// chat_concurrency of them.
template <class Selection>
inline void Replication::set_on_duty(AgentGroupIndex g, int agents) {
  GroupState& group = groups_[g];
  const int target = agents * concurrency_[g];
  const int current = group.idle + group.busy - group.pending_departures;
  if (target == current) return;
  if (trace_) trace(now_, TraceKind::staffing, static_cast<std::uint64_t>(agents), -1,
                    static_cast<int>(g));
  if (target > current) {
    int arriving = target - current;
    const int staying = std::min(group.pending_departures, arriving);
    group.pending_departures -= staying;
    arriving -= staying;
    group.idle += arriving;
    // New agents start on the waiting contacts at once.
    while (group.idle > 0) {
      const Source* source = nullptr;
      const std::uint32_t next = select_waiting_contact<Selection>(g, source, group.idle - 1);
      if (next == no_contact) break;
      dequeue(next);
      --group.idle;
      ++group.busy;
      begin_service(next, g, source->aht_factor, source->resolve_factor);
    }
  } else {
    const int leaving = current - target;
    const int from_idle = std::min(group.idle, leaving);
    group.idle -= from_idle;
    group.pending_departures += leaving - from_idle;
  }
}

// Adds the agent time since the group last changed to the current interval, clipped to the
// counted part of the horizon [warm-up, end). Called before every change of the group's counts.
[[gnu::always_inline]] inline void Replication::account_agent_time(AgentGroupIndex g) {
  GroupState& group = groups_[g];
  const double from = std::max(group.accounted_until, warmup_s_);
  const double to = std::min(now_, horizon_end_);
  if (to > from) {
    AgentTally& tally = tallies_.agent(interval_, g);
    const int n = concurrency_[g];
    if (n == 1) [[likely]] {
      tally.busy_s += group.busy * (to - from);
      tally.present_s += (group.idle + group.busy) * (to - from);
    } else {
      // Sessions on the least-loaded agents: an agent is busy while it holds one.
      const int present = (group.idle + group.busy + n - 1) / n;
      tally.busy_s += std::min(present, group.busy) * (to - from);
      tally.present_s += present * (to - from);
    }
  }
  group.accounted_until = now_;
}

// Paid time and cost follow the staffing plan, not the simulation. A rostered group's `staffed`
// is its mean agents on shift over each interval, breaks included: an agent is paid its whole
// shift (the simulated part of it). An interval the warm-up cuts counts that mean over its counted
// part, as it counts a flat staffing.
inline void Replication::fill_paid_time() {
  for (IntervalIndex i = 0; i < intervals_; ++i) {
    const double start = std::max(i * interval_s_, warmup_s_);
    const double length = std::max(0.0, (i + 1) * interval_s_ - start);
    for (AgentGroupIndex g = 0; g < groups_.size(); ++g) {
      const AgentGroup& group = model_->agent_groups[g];
      AgentTally& tally = tallies_.agent(i, g);
      tally.paid_s = group.staffed[i] * length;
      tally.cost = tally.paid_s / 3600.0 * group.cost_per_hour;
      if (group.assist) {
        tally.assist_cost = tally.paid_s / 3600.0 * group.assist->adoption * group.assist->cost_per_agent_hour;
        tally.cost += tally.assist_cost;
      }
    }
  }
}

}  // namespace ccsim::engine
