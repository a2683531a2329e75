#include "ccsim/summary.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

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

// The counts with the histograms of waits and of times to resolution, for percentiles.
struct ContactTotals {
  ContactCounts counts;
  WaitHistogram waits;
  WaitHistogram resolution_times;

  void add(const ContactCounts& cell, const WaitHistogram& w, const WaitHistogram& r) {
    counts.merge(cell);
    waits.merge(w);
    resolution_times.merge(r);
  }
  void merge(const ContactTotals& other) { add(other.counts, other.waits, other.resolution_times); }
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

double quantile_or_undefined(const WaitHistogram& histogram, double p) {
  return histogram.count() > 0 ? histogram.quantile(p) : undefined;
}

void put_contact_kpis(std::vector<double>& values, const KpiLayout& layout, std::size_t scope,
                      std::size_t slot, const ContactCounts& c, const WaitHistogram& waits,
                      const WaitHistogram& resolution_times) {
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

void put_contact_kpis(std::vector<double>& values, const KpiLayout& layout, std::size_t scope,
                      std::size_t slot, const ContactTotals& c) {
  put_contact_kpis(values, layout, scope, slot, c.counts, c.waits, c.resolution_times);
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

std::vector<double> kpi_values(const Model& model, const Tallies& tallies) {
  const KpiLayout layout(model);
  std::vector<double> values(layout.size(), undefined);
  const std::size_t intervals = layout.intervals;
  const std::size_t channels = layout.channels.size();
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

  ContactTotals overall_contacts;
  AgentTally overall_agents;
  std::vector<ContactTotals> by_type(layout.types);
  std::vector<ContactTotals> by_segment(layout.segments);
  std::vector<ContactTotals> by_channel(channels);
  std::vector<double> channel_cost(channels, 0.0);  // agents' share, whole horizon
  std::vector<AgentTally> by_group(layout.groups);
  for (std::size_t i = 0; i < intervals; ++i) {
    const std::size_t slot = KpiLayout::interval_slot(i);
    ContactTotals interval_contacts;
    std::vector<ContactTotals> interval_segments(layout.segments);
    std::vector<ContactTotals> interval_channels(channels);
    for (std::size_t k = 0; k < layout.types; ++k) {
      ContactCounts cell;
      cell.add(tallies.contact(i, k), tallies.issue(i, k), model.contact_types[k]);
      const WaitHistogram& waits = tallies.wait(i, k);
      const WaitHistogram& resolution_times = tallies.resolution_time(i, k);
      put_contact_kpis(values, layout, layout.type_scope(k), slot, cell, waits, resolution_times);
      by_type[k].add(cell, waits, resolution_times);
      interval_contacts.add(cell, waits, resolution_times);
      if (segment_of[k] < layout.segments)
        interval_segments[segment_of[k]].add(cell, waits, resolution_times);
      if (channel_of[k] < channels) interval_channels[channel_of[k]].add(cell, waits, resolution_times);
    }
    put_contact_kpis(values, layout, KpiLayout::overall, slot, interval_contacts);
    overall_contacts.merge(interval_contacts);
    for (std::size_t s = 0; s < layout.segments; ++s) {
      put_contact_kpis(values, layout, layout.segment_scope(s), slot, interval_segments[s]);
      by_segment[s].merge(interval_segments[s]);
    }

    AgentTally interval_agents;
    std::array<double, channel_count> interval_cost_by_channel{};
    for (std::size_t g = 0; g < layout.groups; ++g) {
      const AgentTally& a = tallies.agent(i, g);
      put_group_kpis(values, layout, layout.group_scope(g), slot, a);
      add_agent(by_group[g], a);
      add_agent(interval_agents, a);
      const auto shares = cost_by_channel(a);
      for (std::size_t c = 0; c < channel_count; ++c) interval_cost_by_channel[c] += shares[c];
    }
    put_overall_agent_kpis(values, layout, slot, interval_agents, interval_contacts.counts);
    add_agent(overall_agents, interval_agents);

    for (std::size_t c = 0; c < channels; ++c) {
      const double agent_cost = interval_cost_by_channel[static_cast<std::size_t>(layout.channels[c])];
      put_contact_kpis(values, layout, layout.channel_scope(c), slot, interval_channels[c]);
      put_channel_cost_kpis(values, layout, layout.channel_scope(c), slot, agent_cost,
                            interval_channels[c].counts);
      by_channel[c].merge(interval_channels[c]);
      channel_cost[c] += agent_cost;
    }

    // The backlog is a stock, not a flow: the whole horizon's is the last interval's.
    Backlog overall_backlog;
    std::vector<Backlog> segment_backlog(layout.segments);
    std::vector<Backlog> channel_backlog(channels);
    const auto put_backlog_at = [&](std::size_t scope, const Backlog& b) {
      put_backlog(values, layout, scope, slot, b);
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
  for (std::size_t k = 0; k < layout.types; ++k)
    put_contact_kpis(values, layout, layout.type_scope(k), KpiLayout::whole_horizon, by_type[k]);
  for (std::size_t g = 0; g < layout.groups; ++g)
    put_group_kpis(values, layout, layout.group_scope(g), KpiLayout::whole_horizon, by_group[g]);
  for (std::size_t s = 0; s < layout.segments; ++s)
    put_contact_kpis(values, layout, layout.segment_scope(s), KpiLayout::whole_horizon, by_segment[s]);
  for (std::size_t c = 0; c < channels; ++c) {
    put_contact_kpis(values, layout, layout.channel_scope(c), KpiLayout::whole_horizon, by_channel[c]);
    put_channel_cost_kpis(values, layout, layout.channel_scope(c), KpiLayout::whole_horizon,
                          channel_cost[c], by_channel[c].counts);
  }

  put_contact_kpis(values, layout, KpiLayout::overall, KpiLayout::whole_horizon, overall_contacts);
  put_overall_agent_kpis(values, layout, KpiLayout::whole_horizon, overall_agents, overall_contacts.counts);
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
