// What one replication counts: flat arrays indexed by (interval, contact type) and (interval, agent
// group). The engine only adds to them; the summary turns them into KPIs. Contacts are counted in
// the interval in which they arrived (as workforce planners read service level); agent time in the
// interval in which it was spent.
//
// Waits of answered contacts and times to resolution go to two histograms each with one add: the
// cell's compact per-interval histogram (compact_histograms.h: the same bins, counts in a byte
// until they need more), for the percentiles of an interval or of several, and the contact type's
// whole-horizon WaitHistogram, for the whole horizon's. Either way a percentile is within 6.25 % of
// the exact order statistic. A year of the retail-day example (365 days of 24 half-hour intervals,
// three contact types) takes 24 MB of histograms where 64-bit counts took 190 MB.
//
// One Tallies can serve many replications: reset() zeroes every count without freeing or
// allocating, and reset(intervals, types, groups) to the same shape does the same.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "ccsim/compact_histograms.h"
#include "ccsim/wait_histogram.h"

namespace ccsim {

// Service-level thresholds a contact type may report beside its target's (sla.also_within_s):
// service_level_2 and service_level_3.
inline constexpr std::size_t max_further_thresholds = 2;

struct ContactTally {
  std::uint64_t offered = 0;
  std::uint64_t answered = 0;             // an agent took the contact
  std::uint64_t handled = 0;              // the agent finished it
  std::uint64_t abandoned = 0;
  std::uint64_t short_abandoned = 0;      // abandoned with a wait below short_abandon_s
  std::uint64_t answered_within_sla = 0;  // answered with a wait <= answer_within_s
  // answered with a wait <= each of sla.also_within_s
  std::array<std::uint64_t, max_further_thresholds> answered_within_also{};
  double wait_answered_s = 0.0;           // sum of waits of answered contacts
  double handle_s = 0.0;                  // sum of handle (talk) times of handled contacts
  double wrap_s = 0.0;                    // sum of their agents' wrap-up (after-call work)
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

  bool operator==(const ContactTally&) const = default;
};

// The email backlog at the end of an interval: contacts waiting, and the age of the oldest.
struct BacklogTally {
  std::uint64_t waiting = 0;
  double oldest_s = 0.0;

  bool operator==(const BacklogTally&) const = default;
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

  bool operator==(const IssueTally&) const = default;
};

struct AgentTally {
  std::uint64_t handled = 0;
  double handle_s = 0.0;   // talk time of the contacts handled
  double wrap_s = 0.0;     // wrap-up after them
  double busy_s = 0.0;     // agent-seconds serving contacts or wrapping up after them
  double present_s = 0.0;  // agent-seconds on duty (idle or busy), the base of occupancy
  double paid_s = 0.0;     // agent-seconds staffed, before shrinkage: the base of utilisation, cost
  double cost = 0.0;       // paid hours x cost per hour, plus per-contact and per-minute costs
  std::uint64_t resolved = 0;     // of the contacts the group handled
  std::uint64_t escalated = 0;
  std::uint64_t transferred = 0;
  double assist_cost = 0.0;  // agent assist licences (also in cost)
  std::array<double, 3> handle_s_by_channel{};  // voice, chat, email (talk + wrap): to share cost

  bool operator==(const AgentTally&) const = default;
};

// What Tallies::wait(interval, type) and resolution_time(interval, type) return: add(value) puts
// the value in the cell's per-interval histogram and in the type's whole-horizon one, reading the
// bin once. It also reads the cell's per-interval histogram, as CompactHistograms::View does.
class HistogramCell {
 public:
  HistogramCell(CompactHistograms& by_interval, std::size_t cell, WaitHistogram& horizon)
      : by_interval_(&by_interval), cell_(cell), horizon_(&horizon) {}

  [[gnu::always_inline]] void add(double value) {
    const int bin = WaitHistogram::bin_of(value);
    horizon_->add_to_bin(bin);
    by_interval_->add_to_bin(cell_, bin);
  }

  std::uint64_t count() const { return by_interval_->count(cell_); }
  double quantile(double p) const { return by_interval_->quantile(cell_, p); }

 private:
  CompactHistograms* by_interval_;
  std::size_t cell_;
  WaitHistogram* horizon_;
};

struct Tallies {
  std::size_t intervals = 0;
  std::size_t types = 0;
  std::size_t groups = 0;
  std::vector<ContactTally> contacts;  // [interval * types + type]
  CompactHistograms waits;             // [interval * types + type], waits of answered contacts
  std::vector<WaitHistogram> horizon_waits;  // [type]: the same waits over the whole horizon
  std::vector<AgentTally> agents;      // [interval * groups + group]
  std::vector<IssueTally> issues;      // [interval * types + type], by the issue's first contact
  CompactHistograms resolution_times;  // [interval * types + type], open to resolution
  std::vector<WaitHistogram> horizon_resolution_times;  // [type]: the same, whole horizon
  std::vector<BacklogTally> backlogs;  // [interval * types + type], at the interval's end
  std::vector<std::uint64_t> in_system_at_end;  // per type: counted contacts still in the system
  std::uint64_t events = 0;                     // events taken off the calendar
  std::uint64_t arrivals = 0;                   // all contacts (transfers and returns too), warm-up included

  Tallies() = default;
  Tallies(std::size_t intervals_, std::size_t types_, std::size_t groups_) {
    reset(intervals_, types_, groups_);
  }

  // Every count zero, for a replication of `intervals_` x `types_` x `groups_`. Allocates nothing
  // when the tallies already had that shape (or held more: assign reuses a vector's capacity), so
  // a workspace's tallies are not allocated again.
  void reset(std::size_t intervals_, std::size_t types_, std::size_t groups_);
  // Every count back to zero, the shape and the storage kept: the same as freshly constructed.
  void reset();

  ContactTally& contact(std::size_t interval, std::size_t type) {
    return contacts[interval * types + type];
  }
  const ContactTally& contact(std::size_t interval, std::size_t type) const {
    return contacts[interval * types + type];
  }

  // The wait of a contact answered, under the interval and type it is counted in:
  // `tallies.add_wait(interval, type, wait_s)`, or `tallies.wait(interval, type).add(wait_s)`.
  // Both feed the interval's histogram and the type's whole-horizon one.
  void add_wait(std::size_t interval, std::size_t type, double wait_s) {
    wait(interval, type).add(wait_s);
  }
  HistogramCell wait(std::size_t interval, std::size_t type) {
    return {waits, interval * types + type, horizon_waits[type]};
  }
  CompactHistograms::View wait(std::size_t interval, std::size_t type) const {
    return waits.view(interval * types + type);
  }
  const WaitHistogram& horizon_wait(std::size_t type) const { return horizon_waits[type]; }

  IssueTally& issue(std::size_t interval, std::size_t type) {
    return issues[interval * types + type];
  }
  const IssueTally& issue(std::size_t interval, std::size_t type) const {
    return issues[interval * types + type];
  }

  // An issue's time from opening to resolution, under the interval and type of its first contact:
  // `add_resolution_time(interval, type, s)` or `resolution_time(interval, type).add(s)`.
  void add_resolution_time(std::size_t interval, std::size_t type, double s) {
    resolution_time(interval, type).add(s);
  }
  HistogramCell resolution_time(std::size_t interval, std::size_t type) {
    return {resolution_times, interval * types + type, horizon_resolution_times[type]};
  }
  CompactHistograms::View resolution_time(std::size_t interval, std::size_t type) const {
    return resolution_times.view(interval * types + type);
  }
  const WaitHistogram& horizon_resolution_time(std::size_t type) const {
    return horizon_resolution_times[type];
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

  // The same shape and counts (the histograms compared by their counts, not their storage).
  bool operator==(const Tallies&) const = default;
};

}  // namespace ccsim
