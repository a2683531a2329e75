// What one replication counts: flat arrays indexed by (interval, contact type) and (interval, agent
// group). The engine only adds to them; the summary turns them into KPIs. Contacts are counted in
// the interval in which they arrived (as workforce planners read service level); agent time in the
// interval in which it was spent.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "ccsim/wait_histogram.h"

namespace ccsim {

struct ContactTally {
  std::uint64_t offered = 0;
  std::uint64_t answered = 0;             // an agent took the contact
  std::uint64_t handled = 0;              // the agent finished it
  std::uint64_t abandoned = 0;
  std::uint64_t short_abandoned = 0;      // abandoned with a wait below short_abandon_s
  std::uint64_t answered_within_sla = 0;  // answered with a wait <= answer_within_s
  double wait_answered_s = 0.0;           // sum of waits of answered contacts
  double handle_s = 0.0;                  // sum of handle times of handled contacts
  std::uint64_t resolved = 0;             // handled contacts that resolved their issue
  std::uint64_t escalated = 0;            // handled contacts escalated to a higher tier
  std::uint64_t transferred = 0;          // handled contacts transferred: escalations and misroutes
  std::uint64_t callbacks_offered = 0;
  std::uint64_t callbacks_accepted = 0;
  std::uint64_t callbacks_answered = 0;   // accepted callbacks an agent dialled
  double callback_wait_s = 0.0;           // sum of their waits, from arrival to the agent's dial
  // Automation. Demand = deflected + offered (fresh arrivals); of the offered, bot_entries met a
  // bot, which contained, lost (bot_abandoned, also counted in abandoned) or handed off each.
  std::uint64_t deflected = 0;   // demand self-service took (counted at the demand's interval)
  std::uint64_t leaked = 0;      // deflected demand that came back as a contact
  std::uint64_t bot_entries = 0;
  std::uint64_t contained = 0;
  std::uint64_t bot_abandoned = 0;
  std::uint64_t handed_off = 0;
  double bot_cost = 0.0;         // sessions x cost_per_session
  // Email: responded (handled) within the response target, in business time.
  std::uint64_t responded_within = 0;
};

// The email backlog at the end of an interval: contacts waiting, and the age of the oldest.
struct BacklogTally {
  std::uint64_t waiting = 0;
  double oldest_s = 0.0;
};

// Issues, counted in the interval and under the contact type of their first contact. Every issue
// opened ends resolved, given up (unresolved, the customer does not come back) or open at the end
// of the run (a contact still in the system, or a return due after the horizon).
struct IssueTally {
  std::uint64_t opened = 0;
  std::uint64_t resolved = 0;
  std::uint64_t gave_up = 0;
  std::uint64_t open_at_end = 0;
  // First contact handled, not transferred, and no further contact inside the repeat window: the
  // FCR a contact centre measures.
  std::uint64_t first_contact_resolved = 0;
  std::uint64_t repeated = 0;  // issues with at least one repeat contact
  std::uint64_t contacts = 0;  // all contacts about these issues: first, transfers, repeats, retries
};

struct AgentTally {
  std::uint64_t handled = 0;
  double handle_s = 0.0;
  double busy_s = 0.0;     // agent-seconds serving contacts
  double present_s = 0.0;  // agent-seconds on duty (idle or busy), the base of occupancy
  double paid_s = 0.0;     // agent-seconds staffed, before shrinkage: the base of utilisation, cost
  double cost = 0.0;       // paid hours x cost per hour, plus per-contact and per-minute costs
  std::uint64_t resolved = 0;     // of the contacts the group handled
  std::uint64_t escalated = 0;
  std::uint64_t transferred = 0;
  double assist_cost = 0.0;  // agent assist licences (also in cost)
  std::array<double, 3> handle_s_by_channel{};  // voice, chat, email: to share cost by channel
};

struct Tallies {
  std::size_t intervals = 0;
  std::size_t types = 0;
  std::size_t groups = 0;
  std::vector<ContactTally> contacts;  // [interval * types + type]
  std::vector<WaitHistogram> waits;    // [interval * types + type], waits of answered contacts
  std::vector<AgentTally> agents;      // [interval * groups + group]
  std::vector<IssueTally> issues;      // [interval * types + type], by the issue's first contact
  std::vector<WaitHistogram> resolution_times;  // [interval * types + type], open to resolution
  std::vector<BacklogTally> backlogs;  // [interval * types + type], at the interval's end
  std::vector<std::uint64_t> in_system_at_end;  // per type: counted contacts still in the system
  std::uint64_t events = 0;                     // events taken off the calendar
  std::uint64_t arrivals = 0;                   // all contacts (transfers and returns too), warm-up included

  Tallies() = default;
  Tallies(std::size_t intervals_, std::size_t types_, std::size_t groups_)
      : intervals(intervals_), types(types_), groups(groups_),
        contacts(intervals_ * types_), waits(intervals_ * types_),
        agents(intervals_ * groups_), issues(intervals_ * types_),
        resolution_times(intervals_ * types_), backlogs(intervals_ * types_),
        in_system_at_end(types_) {}

  // Every count back to zero, for a replication of the given shape; memory already held is kept
  // (assign reuses a vector's capacity), so a workspace's tallies are not allocated again.
  void reset(std::size_t intervals_, std::size_t types_, std::size_t groups_) {
    intervals = intervals_;
    types = types_;
    groups = groups_;
    contacts.assign(intervals_ * types_, {});
    waits.assign(intervals_ * types_, {});
    agents.assign(intervals_ * groups_, {});
    issues.assign(intervals_ * types_, {});
    resolution_times.assign(intervals_ * types_, {});
    backlogs.assign(intervals_ * types_, {});
    in_system_at_end.assign(types_, 0);
    events = 0;
    arrivals = 0;
  }

  ContactTally& contact(std::size_t interval, std::size_t type) {
    return contacts[interval * types + type];
  }
  const ContactTally& contact(std::size_t interval, std::size_t type) const {
    return contacts[interval * types + type];
  }
  WaitHistogram& wait(std::size_t interval, std::size_t type) {
    return waits[interval * types + type];
  }
  const WaitHistogram& wait(std::size_t interval, std::size_t type) const {
    return waits[interval * types + type];
  }
  IssueTally& issue(std::size_t interval, std::size_t type) {
    return issues[interval * types + type];
  }
  const IssueTally& issue(std::size_t interval, std::size_t type) const {
    return issues[interval * types + type];
  }
  WaitHistogram& resolution_time(std::size_t interval, std::size_t type) {
    return resolution_times[interval * types + type];
  }
  const WaitHistogram& resolution_time(std::size_t interval, std::size_t type) const {
    return resolution_times[interval * types + type];
  }
  BacklogTally& backlog(std::size_t interval, std::size_t type) {
    return backlogs[interval * types + type];
  }
  const BacklogTally& backlog(std::size_t interval, std::size_t type) const {
    return backlogs[interval * types + type];
  }
  AgentTally& agent(std::size_t interval, std::size_t group) {
    return agents[interval * groups + group];
  }
  const AgentTally& agent(std::size_t interval, std::size_t group) const {
    return agents[interval * groups + group];
  }
};

}  // namespace ccsim
