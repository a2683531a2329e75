#include "ccsim/summary.h"

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
}

// What a scope adds up over its contact types and intervals. The service level's numerator and
// denominator are summed per type, since each type has its own threshold and denominator rule.
struct ContactTotals {
  ContactTally sums;
  double sla_numerator = 0.0;
  double sla_denominator = 0.0;
  WaitHistogram waits;

  void add(const ContactTally& t, const WaitHistogram& w, const ServiceLevelRule& rule) {
    add_sums(sums, t);
    sla_numerator += static_cast<double>(t.answered_within_sla);
    switch (rule.denominator) {
      case SlaDenominator::offered_minus_short:
        sla_denominator += static_cast<double>(t.offered - t.short_abandoned);
        break;
      case SlaDenominator::offered: sla_denominator += static_cast<double>(t.offered); break;
      case SlaDenominator::answered: sla_denominator += static_cast<double>(t.answered); break;
    }
    waits.merge(w);
  }

  void merge(const ContactTotals& other) {
    add_sums(sums, other.sums);
    sla_numerator += other.sla_numerator;
    sla_denominator += other.sla_denominator;
    waits.merge(other.waits);
  }
};

void add_agent(AgentTally& into, const AgentTally& t) {
  into.handled += t.handled;
  into.handle_s += t.handle_s;
  into.busy_s += t.busy_s;
  into.present_s += t.present_s;
  into.paid_s += t.paid_s;
  into.cost += t.cost;
}

void put(std::vector<double>& values, const KpiLayout& layout, std::size_t scope,
         std::size_t slot, Kpi kpi, double value) {
  values[layout.at(scope, slot, kpi)] = value;
}

void put_contact_kpis(std::vector<double>& values, const KpiLayout& layout, std::size_t scope,
                      std::size_t slot, const ContactTotals& c) {
  const auto& s = c.sums;
  const auto offered = static_cast<double>(s.offered);
  const auto handled = static_cast<double>(s.handled);
  const auto abandoned = static_cast<double>(s.abandoned);
  const auto answered = static_cast<double>(s.answered);
  const bool waited = c.waits.count() > 0;
  put(values, layout, scope, slot, Kpi::offered, offered);
  put(values, layout, scope, slot, Kpi::handled, handled);
  put(values, layout, scope, slot, Kpi::abandoned, abandoned);
  put(values, layout, scope, slot, Kpi::in_system, offered - handled - abandoned);
  put(values, layout, scope, slot, Kpi::service_level, ratio(c.sla_numerator, c.sla_denominator));
  put(values, layout, scope, slot, Kpi::asa_s, ratio(s.wait_answered_s, answered));
  put(values, layout, scope, slot, Kpi::wait_p50_s, waited ? c.waits.quantile(0.50) : undefined);
  put(values, layout, scope, slot, Kpi::wait_p90_s, waited ? c.waits.quantile(0.90) : undefined);
  put(values, layout, scope, slot, Kpi::wait_p99_s, waited ? c.waits.quantile(0.99) : undefined);
  put(values, layout, scope, slot, Kpi::abandon_rate, ratio(abandoned, offered));
  put(values, layout, scope, slot, Kpi::aht_s, ratio(s.handle_s, handled));
}

void put_agent_kpis(std::vector<double>& values, const KpiLayout& layout, std::size_t scope,
                    std::size_t slot, const AgentTally& a, bool with_handled) {
  if (with_handled) {
    put(values, layout, scope, slot, Kpi::handled, static_cast<double>(a.handled));
    put(values, layout, scope, slot, Kpi::aht_s, ratio(a.handle_s, static_cast<double>(a.handled)));
  }
  put(values, layout, scope, slot, Kpi::occupancy, ratio(a.busy_s, a.present_s));
  put(values, layout, scope, slot, Kpi::utilisation, ratio(a.busy_s, a.paid_s));
  put(values, layout, scope, slot, Kpi::cost_total, a.cost);
}

}  // namespace

std::vector<double> kpi_values(const Model& model, const Tallies& tallies) {
  const KpiLayout layout(model);
  std::vector<double> values(layout.size(), undefined);
  const std::size_t intervals = layout.intervals;

  ContactTotals overall_contacts;
  AgentTally overall_agents;
  std::vector<ContactTotals> by_type(layout.types);
  std::vector<AgentTally> by_group(layout.groups);
  for (std::size_t i = 0; i < intervals; ++i) {
    const std::size_t slot = KpiLayout::interval_slot(i);
    ContactTotals interval_contacts;
    for (std::size_t k = 0; k < layout.types; ++k) {
      const ContactTally& t = tallies.contact(i, k);
      const WaitHistogram& w = tallies.wait(i, k);
      const ServiceLevelRule& rule = model.contact_types[k].sla;
      ContactTotals cell;
      cell.add(t, w, rule);
      put_contact_kpis(values, layout, layout.type_scope(k), slot, cell);
      by_type[k].add(t, w, rule);
      interval_contacts.add(t, w, rule);
    }
    put_contact_kpis(values, layout, KpiLayout::overall, slot, interval_contacts);
    overall_contacts.merge(interval_contacts);

    AgentTally interval_agents;
    for (std::size_t g = 0; g < layout.groups; ++g) {
      const AgentTally& a = tallies.agent(i, g);
      put_agent_kpis(values, layout, layout.group_scope(g), slot, a, true);
      add_agent(by_group[g], a);
      add_agent(interval_agents, a);
    }
    put_agent_kpis(values, layout, KpiLayout::overall, slot, interval_agents, false);
    add_agent(overall_agents, interval_agents);
  }
  for (std::size_t k = 0; k < layout.types; ++k)
    put_contact_kpis(values, layout, layout.type_scope(k), KpiLayout::whole_horizon, by_type[k]);
  for (std::size_t g = 0; g < layout.groups; ++g)
    put_agent_kpis(values, layout, layout.group_scope(g), KpiLayout::whole_horizon, by_group[g], true);

  put_contact_kpis(values, layout, KpiLayout::overall, KpiLayout::whole_horizon, overall_contacts);
  put_agent_kpis(values, layout, KpiLayout::overall, KpiLayout::whole_horizon, overall_agents, false);
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
