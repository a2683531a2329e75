#include "ccsim/summary.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

#include <boost/math/distributions/students_t.hpp>

namespace ccsim {

namespace {

constexpr double undefined = std::numeric_limits<double>::quiet_NaN();

double ratio(double numerator, double denominator) {
  return denominator > 0.0 ? numerator / denominator : undefined;
}

void add_sums(ContactTally& into, const ContactTally& t) {
  into.offered += t.offered;
  into.answered += t.answered;
  into.handled += t.handled;
  into.abandoned += t.abandoned;
  into.short_abandoned += t.short_abandoned;
  into.answered_within_sla += t.answered_within_sla;
  into.wait_answered_s += t.wait_answered_s;
  into.handle_s += t.handle_s;
  into.resolved += t.resolved;
  into.escalated += t.escalated;
  into.transferred += t.transferred;
  into.callbacks_offered += t.callbacks_offered;
  into.callbacks_accepted += t.callbacks_accepted;
  into.callbacks_answered += t.callbacks_answered;
  into.callback_wait_s += t.callback_wait_s;
  into.deflected += t.deflected;
  into.leaked += t.leaked;
  into.bot_entries += t.bot_entries;
  into.contained += t.contained;
  into.bot_abandoned += t.bot_abandoned;
  into.handed_off += t.handed_off;
  into.bot_cost += t.bot_cost;
  into.responded_within += t.responded_within;
}

void add_issues(IssueTally& into, const IssueTally& t) {
  into.opened += t.opened;
  into.resolved += t.resolved;
  into.gave_up += t.gave_up;
  into.open_at_end += t.open_at_end;
  into.first_contact_resolved += t.first_contact_resolved;
  into.repeated += t.repeated;
  into.contacts += t.contacts;
}

// What a scope adds up over its contact types and intervals: contacts, and the issues whose first
// contact they are. The service level's numerator and denominator are summed per type, since each
// type has its own threshold and denominator rule; email types have a response target instead, and
// add to the response service level's numerator and denominator only.
struct ContactCounts {
  ContactTally sums;
  IssueTally issues;
  double sla_numerator = 0.0;
  double sla_denominator = 0.0;
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
    switch (type.sla.denominator) {
      case SlaDenominator::offered_minus_short:
        sla_denominator += queued - static_cast<double>(t.short_abandoned);
        break;
      case SlaDenominator::offered: sla_denominator += queued; break;
      case SlaDenominator::answered: sla_denominator += static_cast<double>(t.answered); break;
    }
  }

  void merge(const ContactCounts& other) {
    add_sums(sums, other.sums);
    add_issues(issues, other.issues);
    sla_numerator += other.sla_numerator;
    sla_denominator += other.sla_denominator;
    response_numerator += other.response_numerator;
    response_denominator += other.response_denominator;
  }
};

void add_agent(AgentTally& into, const AgentTally& t) {
  into.handled += t.handled;
  into.handle_s += t.handle_s;
  into.busy_s += t.busy_s;
  into.present_s += t.present_s;
  into.paid_s += t.paid_s;
  into.cost += t.cost;
  into.resolved += t.resolved;
  into.escalated += t.escalated;
  into.transferred += t.transferred;
  into.assist_cost += t.assist_cost;
  for (std::size_t c = 0; c < channel_count; ++c) into.handle_s_by_channel[c] += t.handle_s_by_channel[c];
}

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
  at(Kpi::aht_s, ratio(s.handle_s, handled));

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
  at(Kpi::aht_s, ratio(a.handle_s, handled));
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

// A group's cost in one interval shared among the channels by its handle time on each; nothing
// when it handled nothing.
std::array<double, channel_count> cost_by_channel(const AgentTally& a) {
  std::array<double, channel_count> shares{};
  double handle_s = 0.0;
  for (double h : a.handle_s_by_channel) handle_s += h;
  if (handle_s <= 0.0) return shares;
  for (std::size_t c = 0; c < channel_count; ++c) shares[c] = a.cost * (a.handle_s_by_channel[c] / handle_s);
  return shares;
}

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

}  // namespace

std::string_view channel_id(Channel channel) {
  switch (channel) {
    case Channel::voice: return "voice";
    case Channel::chat: return "chat";
    case Channel::email: return "email";
  }
  return "";
}

std::vector<Channel> channels_used(const Model& model) {
  std::vector<Channel> used;
  for (const Channel channel : {Channel::voice, Channel::chat, Channel::email})
    for (const ContactType& type : model.contact_types)
      if (type.channel == channel) {
        used.push_back(channel);
        break;
      }
  return used;
}

std::string_view detail_name(Detail detail) {
  switch (detail) {
    case Detail::total: return "total";
    case Detail::day: return "day";
    case Detail::interval: return "interval";
  }
  return "";
}

Detail default_detail(const Horizon& horizon) {
  return horizon.days > 7 ? Detail::day : Detail::interval;
}

std::vector<double> kpi_values(const Model& model, const Tallies& tallies) {
  const KpiLayout layout(model);
  std::vector<double> values(layout.size(), undefined);
  const std::size_t intervals = layout.intervals;
  const std::size_t channels = layout.channels.size();
  const bool by_interval = layout.detail == Detail::interval;
  const bool by_day = layout.detail == Detail::day;
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
    if (by_day) {
      day.merge(interval);
      if (day_ends) {
        put_slot_kpis(values, layout, KpiLayout::day_slot(d), day, period, [&](std::size_t k) {
          return std::pair<const WaitHistogram&, const WaitHistogram&>{period.types[k].waits,
                                                                       period.types[k].resolution_times};
        });
        day.clear();
        period.clear();
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
  return values;
}

double student_t_975(std::size_t dof) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(static_cast<double>(dof)),
                               0.975);
}

SummaryAccumulator::SummaryAccumulator(const Model& model)
    : layout_(model), n_(layout_.size(), 0), mean_(layout_.size(), 0.0), m2_(layout_.size(), 0.0) {}

void SummaryAccumulator::add(const std::vector<double>& values) {
  for (std::size_t cell = 0; cell < values.size(); ++cell) {
    const double x = values[cell];
    if (std::isnan(x)) continue;
    const double delta = x - mean_[cell];
    mean_[cell] += delta / static_cast<double>(++n_[cell]);
    m2_[cell] += delta * (x - mean_[cell]);
  }
}

Summary SummaryAccumulator::finish() const {
  Summary summary{layout_, std::vector<Estimate>(layout_.size())};
  std::vector<double> t_by_n;  // t quantiles depend only on n, and most cells share one n
  for (std::size_t cell = 0; cell < layout_.size(); ++cell) {
    Estimate& e = summary.estimates[cell];
    e.n = n_[cell];
    e.mean = e.n > 0 ? mean_[cell] : undefined;
    e.ci95 = undefined;
    if (e.n >= 2) {
      if (t_by_n.size() <= e.n) t_by_n.resize(e.n + 1, undefined);
      if (std::isnan(t_by_n[e.n])) t_by_n[e.n] = student_t_975(e.n - 1);
      const double sd = std::sqrt(m2_[cell] / static_cast<double>(e.n - 1));
      e.ci95 = t_by_n[e.n] * sd / std::sqrt(static_cast<double>(e.n));
    }
  }
  return summary;
}

Summary summarise(const Model& model, const std::vector<std::vector<double>>& by_replication) {
  SummaryAccumulator accumulator(model);
  for (const auto& values : by_replication) accumulator.add(values);
  return accumulator.finish();
}

}  // namespace ccsim
