// One replication's KPI values from its tallies: each slot's sums and histograms read into the
// vector KpiLayout lays out.
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "ccsim/summary.h"
#include "sim/slot_sums.h"
#include "sim/undefined.h"

namespace ccsim {

namespace {

double ratio(double numerator, double denominator) {
  return denominator > 0.0 ? numerator / denominator : undefined;
}

void put(std::vector<double>& values, const KpiLayout& layout, std::size_t scope,
         std::size_t slot, Kpi kpi, double value) {
  values[layout.at(scope, slot, kpi)] = value;
}

double count(std::uint64_t n) { return static_cast<double>(n); }

// `Histogram`: a WaitHistogram or a view of a compact one (CompactHistograms::View), read alike.
template <class Histogram>
double quantile_or_undefined(const Histogram& histogram, double p) {
  return histogram.count() > 0 ? histogram.quantile(p) : undefined;
}

template <class Histogram>
void put_contact_kpis(std::vector<double>& values, const KpiLayout& layout, std::size_t scope,
                      std::size_t slot, const ContactCounts& c, const Histogram& waits,
                      const Histogram& resolution_times) {
  const auto& s = c.sums;
  const auto offered = count(s.offered);
  const auto handled = count(s.handled);
  const auto abandoned = count(s.abandoned);
  const auto answered = count(s.answered);
  const auto at = [&](Kpi kpi, double value) { put(values, layout, scope, slot, kpi, value); };
  at(Kpi::offered, offered);
  at(Kpi::handled, handled);
  at(Kpi::abandoned, abandoned);
  at(Kpi::in_system, offered - handled - abandoned);
  at(Kpi::service_level, ratio(c.sla_numerator, c.sla_denominator));
  at(Kpi::asa_s, ratio(s.wait_answered_s, answered));
  at(Kpi::wait_p50_s, quantile_or_undefined(waits, 0.50));
  at(Kpi::wait_p90_s, quantile_or_undefined(waits, 0.90));
  at(Kpi::wait_p99_s, quantile_or_undefined(waits, 0.99));
  at(Kpi::abandon_rate, ratio(abandoned, offered));
  // AHT as planners define it: the conversation and the after-call work.
  at(Kpi::aht_s, ratio(s.handle_s + s.wrap_s, handled));
  at(Kpi::talk_s, ratio(s.handle_s, handled));
  at(Kpi::wrap_s, ratio(s.wrap_s, handled));

  const IssueTally& i = c.issues;
  const auto opened = count(i.opened);
  at(Kpi::fcr, ratio(count(i.first_contact_resolved), opened));
  at(Kpi::resolution_rate, ratio(count(i.resolved), opened));
  at(Kpi::repeat_rate, ratio(count(i.repeated), opened));
  at(Kpi::contacts_per_issue, ratio(count(i.contacts), opened));
  at(Kpi::transfer_rate, ratio(count(s.transferred), handled));
  at(Kpi::escalation_rate, ratio(count(s.escalated), handled));
  at(Kpi::time_to_resolution_p50_s, quantile_or_undefined(resolution_times, 0.50));
  at(Kpi::time_to_resolution_p90_s, quantile_or_undefined(resolution_times, 0.90));
  at(Kpi::callbacks_offered, count(s.callbacks_offered));
  at(Kpi::callbacks_accepted, count(s.callbacks_accepted));
  at(Kpi::callback_wait_s, ratio(s.callback_wait_s, count(s.callbacks_answered)));

  const auto bot_entries = count(s.bot_entries);
  at(Kpi::containment_rate, ratio(count(s.contained), bot_entries));
  at(Kpi::bot_abandon_rate, ratio(count(s.bot_abandoned), bot_entries));
  at(Kpi::handoff_rate, ratio(count(s.handed_off), bot_entries));
  at(Kpi::deflected, count(s.deflected));
  // Resolved without an agent / demand. Every fresh arrival opens an issue, leaked demand too, so
  // the demand is the issues opened less the leaks (already counted as deflected) plus deflected.
  const auto deflected = count(s.deflected);
  const auto leaked = count(s.leaked);
  at(Kpi::automation_rate,
     ratio(count(s.contained) + deflected - leaked, opened - leaked + deflected));
  at(Kpi::cost_automation, s.bot_cost);
  at(Kpi::response_sl, ratio(c.response_numerator, c.response_denominator));
  at(Kpi::service_level_2, ratio(c.also_numerator[0], c.also_denominator[0]));
  at(Kpi::service_level_3, ratio(c.also_numerator[1], c.also_denominator[1]));
}

void put_backlog(std::vector<double>& values, const KpiLayout& layout, std::size_t scope,
                 std::size_t slot, const Backlog& b) {
  put(values, layout, scope, slot, Kpi::backlog, count(b.waiting));
  put(values, layout, scope, slot, Kpi::backlog_oldest_h, b.waiting > 0 ? b.oldest_s / 3600.0 : undefined);
}

// An agent group's KPIs: what it handled, its agents' time and its cost.
void put_group_kpis(std::vector<double>& values, const KpiLayout& layout, std::size_t scope,
                    std::size_t slot, const AgentTally& a) {
  const auto at = [&](Kpi kpi, double value) { put(values, layout, scope, slot, kpi, value); };
  const auto handled = count(a.handled);
  at(Kpi::handled, handled);
  at(Kpi::aht_s, ratio(a.handle_s + a.wrap_s, handled));
  at(Kpi::talk_s, ratio(a.handle_s, handled));
  at(Kpi::wrap_s, ratio(a.wrap_s, handled));
  at(Kpi::occupancy, ratio(a.busy_s, a.present_s));
  at(Kpi::utilisation, ratio(a.busy_s, a.paid_s));
  at(Kpi::cost_total, a.cost);
  at(Kpi::transfer_rate, ratio(count(a.transferred), handled));
  at(Kpi::escalation_rate, ratio(count(a.escalated), handled));
  at(Kpi::cost_per_contact, ratio(a.cost, handled));
  at(Kpi::cost_automation, a.assist_cost);
}

// The overall scope's agent-time and cost KPIs; its contact KPIs come from `c` (all types). The
// centre's cost is its agents' and its bots' sessions.
void put_overall_agent_kpis(std::vector<double>& values, const KpiLayout& layout, std::size_t slot,
                            const AgentTally& a, const ContactCounts& c) {
  const auto at = [&](Kpi kpi, double value) { put(values, layout, KpiLayout::overall, slot, kpi, value); };
  const double cost = a.cost + c.sums.bot_cost;
  at(Kpi::occupancy, ratio(a.busy_s, a.present_s));
  at(Kpi::utilisation, ratio(a.busy_s, a.paid_s));
  at(Kpi::cost_total, cost);
  at(Kpi::cost_per_contact, ratio(cost, count(c.sums.handled)));
  at(Kpi::cost_per_resolved_issue, ratio(cost, count(c.issues.resolved)));
  at(Kpi::cost_automation, c.sums.bot_cost + a.assist_cost);
}

// A channel's cost: its share of the groups' cost plus its types' bot sessions, per handled contact.
void put_channel_cost_kpis(std::vector<double>& values, const KpiLayout& layout, std::size_t scope,
                           std::size_t slot, double agent_cost, const ContactCounts& c) {
  const double cost = agent_cost + c.sums.bot_cost;
  put(values, layout, scope, slot, Kpi::cost_total, cost);
  put(values, layout, scope, slot, Kpi::cost_per_contact, ratio(cost, count(c.sums.handled)));
}

// Every KPI of one slot but the backlog's. `of_type(k)` gives type k's histograms over the slot.
template <class TypeHistograms>
void put_slot_kpis(std::vector<double>& values, const KpiLayout& layout, std::size_t slot,
                   const SlotSums& sums, const SlotHistograms& histograms, TypeHistograms&& of_type) {
  for (std::size_t k = 0; k < layout.types; ++k) {
    const auto& [waits, resolution_times] = of_type(k);
    put_contact_kpis(values, layout, layout.type_scope(k), slot, sums.types[k], waits, resolution_times);
  }
  const auto put_contacts = [&](std::size_t scope, const ContactCounts& c, const HistogramPair& h) {
    put_contact_kpis(values, layout, scope, slot, c, h.waits, h.resolution_times);
  };
  put_contacts(KpiLayout::overall, sums.overall, histograms.overall);
  for (std::size_t s = 0; s < layout.segments; ++s)
    put_contacts(layout.segment_scope(s), sums.segments[s], histograms.segments[s]);
  for (std::size_t g = 0; g < layout.groups; ++g)
    put_group_kpis(values, layout, layout.group_scope(g), slot, sums.groups[g]);
  put_overall_agent_kpis(values, layout, slot, sums.agents, sums.overall);
  for (std::size_t c = 0; c < layout.channels.size(); ++c) {
    put_contacts(layout.channel_scope(c), sums.channels[c], histograms.channels[c]);
    put_channel_cost_kpis(values, layout, layout.channel_scope(c), slot, sums.channel_cost[c],
                          sums.channels[c]);
  }
}

// Whether each type met its target in each slot: its service level (email: its response SL)
// against the type's target share. Exact for a level equal to the target, as 4 of 5 is 0.8.
void put_targets_met(std::vector<double>& values, const Model& model, const KpiLayout& layout) {
  for (std::size_t k = 0; k < layout.types; ++k) {
    const ContactType& type = model.contact_types[k];
    const bool email = type.channel == Channel::email;
    const Kpi level = email ? Kpi::response_sl : Kpi::service_level;
    const double target = email ? (type.response ? type.response->target : undefined) : type.sla.target;
    for (std::size_t slot = 0; slot < layout.slots(); ++slot) {
      const double value = values[layout.at(layout.type_scope(k), slot, level)];
      put(values, layout, layout.type_scope(k), slot, Kpi::sl_target_met,
          std::isnan(value) || std::isnan(target) ? undefined : value >= target ? 1.0 : 0.0);
    }
  }
}

}  // namespace

std::vector<double> kpi_values(const Model& model, const Tallies& tallies) {
  const KpiLayout layout(model);
  std::vector<double> values(layout.size(), undefined);
  const std::size_t intervals = layout.intervals;
  const std::size_t channels = layout.channels.size();
  const bool by_interval = layout.detail == Detail::interval;
  const bool by_day = layout.detail == Detail::day;
  const bool day_totals = layout.day_totals;  // interval detail with days after the intervals
  // The segment of each type, or none (also for a segment index the model does not have); the
  // channel scope of each type (an index into layout.channels), or none without channel scopes.
  std::vector<std::size_t> segment_of(layout.types, layout.segments);
  std::vector<std::size_t> channel_of(layout.types, channels);
  for (std::size_t k = 0; k < layout.types; ++k) {
    const ContactType& type = model.contact_types[k];
    if (type.segment < layout.segments) segment_of[k] = type.segment;
    for (std::size_t c = 0; c < channels; ++c)
      if (layout.channels[c] == type.channel) channel_of[k] = c;
  }
  const bool has_backlog = tallies.backlogs.size() == intervals * layout.types;

  SlotSums whole(layout);
  SlotSums interval(layout);
  SlotSums day(layout);
  // The interval's or the day's histograms of the scopes that add up types; a type's own over
  // one interval are read straight from the tallies.
  SlotHistograms period(layout, by_day);
  // With day totals, the day's histograms beside the interval's.
  SlotHistograms day_histograms(layout, day_totals);
  for (std::size_t i = 0; i < intervals; ++i) {
    interval.clear();
    for (std::size_t k = 0; k < layout.types; ++k) {
      ContactCounts& cell = interval.types[k];
      cell.add(tallies.contact(i, k), tallies.issue(i, k), model.contact_types[k]);
      interval.overall.merge(cell);
      if (segment_of[k] < layout.segments) interval.segments[segment_of[k]].merge(cell);
      if (channel_of[k] < channels) interval.channels[channel_of[k]].merge(cell);
    }
    std::array<double, channel_count> cost_by_channel_index{};
    for (std::size_t g = 0; g < layout.groups; ++g) {
      const AgentTally& a = tallies.agent(i, g);
      interval.groups[g] = a;
      add_agent(interval.agents, a);
      const auto shares = cost_by_channel(a);
      for (std::size_t c = 0; c < channel_count; ++c) cost_by_channel_index[c] += shares[c];
    }
    for (std::size_t c = 0; c < channels; ++c)
      interval.channel_cost[c] = cost_by_channel_index[static_cast<std::size_t>(layout.channels[c])];
    whole.merge(interval);

    const std::size_t d = i / layout.intervals_per_day;
    const bool day_ends = (i + 1) % layout.intervals_per_day == 0 || i + 1 == intervals;
    if (by_interval || by_day) {
      if (by_interval) period.clear();
      for (std::size_t k = 0; k < layout.types; ++k)
        period.add(k, segment_of[k], channel_of[k], tallies.wait(i, k), tallies.resolution_time(i, k));
    }
    if (by_interval) {
      put_slot_kpis(values, layout, KpiLayout::interval_slot(i), interval, period, [&](std::size_t k) {
        return std::pair{tallies.wait(i, k), tallies.resolution_time(i, k)};
      });
    }
    if (day_totals)
      for (std::size_t k = 0; k < layout.types; ++k)
        day_histograms.add(k, segment_of[k], channel_of[k], tallies.wait(i, k), tallies.resolution_time(i, k));
    if (by_day || day_totals) {
      day.merge(interval);
      if (day_ends) {
        SlotHistograms& of_day = by_day ? period : day_histograms;
        put_slot_kpis(values, layout, by_day ? KpiLayout::day_slot(d) : layout.day_total_slot(d), day, of_day,
                      [&](std::size_t k) {
                        return std::pair<const WaitHistogram&, const WaitHistogram&>{
                            of_day.types[k].waits, of_day.types[k].resolution_times};
                      });
        day.clear();
        of_day.clear();
      }
    }

    // The backlog is a stock, not a flow: a day's is its last interval's, and so is the whole
    // horizon's.
    Backlog overall_backlog;
    std::vector<Backlog> segment_backlog(layout.segments);
    std::vector<Backlog> channel_backlog(channels);
    const auto put_backlog_at = [&](std::size_t scope, const Backlog& b) {
      if (by_interval) put_backlog(values, layout, scope, KpiLayout::interval_slot(i), b);
      if (by_day && day_ends) put_backlog(values, layout, scope, KpiLayout::day_slot(d), b);
      if (day_totals && day_ends) put_backlog(values, layout, scope, layout.day_total_slot(d), b);
      if (i + 1 == intervals) put_backlog(values, layout, scope, KpiLayout::whole_horizon, b);
    };
    for (std::size_t k = 0; k < layout.types; ++k) {
      Backlog b;
      if (has_backlog) b.add(tallies.backlog(i, k));
      put_backlog_at(layout.type_scope(k), b);
      overall_backlog.add({b.waiting, b.oldest_s});
      if (segment_of[k] < layout.segments) segment_backlog[segment_of[k]].add({b.waiting, b.oldest_s});
      if (channel_of[k] < channels) channel_backlog[channel_of[k]].add({b.waiting, b.oldest_s});
    }
    put_backlog_at(KpiLayout::overall, overall_backlog);
    for (std::size_t s = 0; s < layout.segments; ++s) put_backlog_at(layout.segment_scope(s), segment_backlog[s]);
    for (std::size_t c = 0; c < channels; ++c) put_backlog_at(layout.channel_scope(c), channel_backlog[c]);
  }

  // The whole horizon's percentiles come from the full-resolution whole-horizon histograms.
  SlotHistograms horizon(layout, false);
  for (std::size_t k = 0; k < layout.types; ++k)
    horizon.add(k, segment_of[k], channel_of[k], tallies.horizon_wait(k), tallies.horizon_resolution_time(k));
  put_slot_kpis(values, layout, KpiLayout::whole_horizon, whole, horizon, [&](std::size_t k) {
    return std::pair<const WaitHistogram&, const WaitHistogram&>{tallies.horizon_wait(k),
                                                                 tallies.horizon_resolution_time(k)};
  });
  put_targets_met(values, model, layout);
  return values;
}

}  // namespace ccsim
