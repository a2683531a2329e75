// What one slot's KPIs are read from: the sums of a scope's contact, issue and agent tallies, its
// email backlog, and the histograms of the scopes that add up contact types.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "ccsim/model.h"
#include "ccsim/summary.h"
#include "ccsim/tallies.h"

namespace ccsim {

void add_sums(ContactTally& into, const ContactTally& t);
void add_issues(IssueTally& into, const IssueTally& t);
void add_agent(AgentTally& into, const AgentTally& t);

// What a scope adds up over its contact types and intervals: contacts, and the issues whose first
// contact they are. The service level's numerator and denominator are summed per type, since each
// type has its own threshold and denominator rule; email types have a response target instead, and
// add to the response service level's numerator and denominator only.
struct ContactCounts {
  ContactTally sums;
  IssueTally issues;
  double sla_numerator = 0.0;
  double sla_denominator = 0.0;
  // The further thresholds' numerators and denominators: of the types that have the k-th.
  std::array<double, max_further_thresholds> also_numerator{};
  std::array<double, max_further_thresholds> also_denominator{};
  double response_numerator = 0.0;    // email handled within the response target
  double response_denominator = 0.0;  // email handled

  void add(const ContactTally& t, const IssueTally& issue, const ContactType& type) {
    add_sums(sums, t);
    add_issues(issues, issue);
    if (type.channel == Channel::email) {
      response_numerator += static_cast<double>(t.responded_within);
      response_denominator += static_cast<double>(t.handled);
      return;
    }
    sla_numerator += static_cast<double>(t.answered_within_sla);
    // Contacts a bot contained or lost never reached the human queue.
    const double queued = static_cast<double>(t.offered) - static_cast<double>(t.contained) -
                          static_cast<double>(t.bot_abandoned);
    double denominator = 0.0;
    switch (type.sla.denominator) {
      case SlaDenominator::offered_minus_short:
        denominator = queued - static_cast<double>(t.short_abandoned);
        break;
      case SlaDenominator::offered: denominator = queued; break;
      case SlaDenominator::answered: denominator = static_cast<double>(t.answered); break;
    }
    sla_denominator += denominator;
    for (std::size_t k = 0; k < std::min(type.sla.also_within_s.size(), max_further_thresholds); ++k) {
      also_numerator[k] += static_cast<double>(t.answered_within_also[k]);
      also_denominator[k] += denominator;
    }
  }

  void merge(const ContactCounts& other) {
    add_sums(sums, other.sums);
    add_issues(issues, other.issues);
    sla_numerator += other.sla_numerator;
    sla_denominator += other.sla_denominator;
    for (std::size_t k = 0; k < max_further_thresholds; ++k) {
      also_numerator[k] += other.also_numerator[k];
      also_denominator[k] += other.also_denominator[k];
    }
    response_numerator += other.response_numerator;
    response_denominator += other.response_denominator;
  }
};

// The email backlog of a scope at the end of one interval: its types' waiting contacts, and the
// oldest of them.
struct Backlog {
  std::uint64_t waiting = 0;
  double oldest_s = 0.0;

  void add(const BacklogTally& t) {
    if (t.waiting == 0) return;
    oldest_s = waiting == 0 ? t.oldest_s : std::max(oldest_s, t.oldest_s);
    waiting += t.waiting;
  }
};

// A group's cost in one interval shared among the channels by its handle time on each; nothing
// when it handled nothing.
std::array<double, channel_count> cost_by_channel(const AgentTally& a);

// The sums of one slot (an interval, a day, the whole horizon) in every scope: everything a
// slot's KPIs are read from but the percentiles. Sums over several intervals add the intervals'
// sums in interval order, so the whole horizon's are the same bits whatever the detail.
struct SlotSums {
  ContactCounts overall;
  std::vector<ContactCounts> types;
  std::vector<ContactCounts> segments;
  std::vector<ContactCounts> channels;  // by channel scope
  AgentTally agents;                    // all groups
  std::vector<AgentTally> groups;
  std::vector<double> channel_cost;     // each channel scope's share of the groups' cost

  explicit SlotSums(const KpiLayout& layout)
      : types(layout.types), segments(layout.segments), channels(layout.channels.size()),
        groups(layout.groups), channel_cost(layout.channels.size(), 0.0) {}

  void clear() {
    overall = {};
    std::fill(types.begin(), types.end(), ContactCounts{});
    std::fill(segments.begin(), segments.end(), ContactCounts{});
    std::fill(channels.begin(), channels.end(), ContactCounts{});
    agents = {};
    std::fill(groups.begin(), groups.end(), AgentTally{});
    std::fill(channel_cost.begin(), channel_cost.end(), 0.0);
  }

  void merge(const SlotSums& other) {
    overall.merge(other.overall);
    for (std::size_t k = 0; k < types.size(); ++k) types[k].merge(other.types[k]);
    for (std::size_t s = 0; s < segments.size(); ++s) segments[s].merge(other.segments[s]);
    for (std::size_t c = 0; c < channels.size(); ++c) channels[c].merge(other.channels[c]);
    add_agent(agents, other.agents);
    for (std::size_t g = 0; g < groups.size(); ++g) add_agent(groups[g], other.groups[g]);
    for (std::size_t c = 0; c < channel_cost.size(); ++c) channel_cost[c] += other.channel_cost[c];
  }
};

// Waits and times to resolution of one scope over one slot, at full resolution.
struct HistogramPair {
  WaitHistogram waits;
  WaitHistogram resolution_times;

  void clear() {
    waits.clear();
    resolution_times.clear();
  }

  template <class Histogram>
  void merge(const Histogram& w, const Histogram& r) {
    if constexpr (std::is_same_v<Histogram, WaitHistogram>) {
      waits.merge(w);
      resolution_times.merge(r);
    } else {
      w.merge_into(waits);
      r.merge_into(resolution_times);
    }
  }
};

// The histograms of the scopes that add up contact types over one slot: overall, segments,
// channels, and (for days) each type over the day's intervals.
struct SlotHistograms {
  HistogramPair overall;
  std::vector<HistogramPair> types;
  std::vector<HistogramPair> segments;
  std::vector<HistogramPair> channels;

  SlotHistograms(const KpiLayout& layout, bool by_type)
      : types(by_type ? layout.types : 0), segments(layout.segments),
        channels(layout.channels.size()) {}

  void clear() {
    overall.clear();
    for (HistogramPair& pair : types) pair.clear();
    for (HistogramPair& pair : segments) pair.clear();
    for (HistogramPair& pair : channels) pair.clear();
  }

  // Adds type k's histograms, `segment` and `channel` being its scopes (past the end: none).
  template <class Histogram>
  void add(std::size_t k, std::size_t segment, std::size_t channel, const Histogram& w,
           const Histogram& r) {
    if (k < types.size()) types[k].merge(w, r);
    overall.merge(w, r);
    if (segment < segments.size()) segments[segment].merge(w, r);
    if (channel < channels.size()) channels[channel].merge(w, r);
  }
};

}  // namespace ccsim
