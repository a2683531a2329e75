// Replications' KPI values reduced to means and 95 % Student-t half-widths.
#include "ccsim/summary.h"

#include <cmath>
#include <vector>

#include <boost/math/distributions/students_t.hpp>

#include "sim/undefined.h"

namespace ccsim {

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
