// The simulator against the closed forms: Erlang C (M/M/c) and Erlang A (M/M/c+M).
//
// The arithmetic. Each case runs R = 40 replications of about 50,000 counted contacts each, after a
// warm-up of ten relaxation times (Abate & Whitt's estimate AHT / (c (1 - sqrt(rho))^2) for M/M/c)
// so that the empty start leaves no measurable bias. The replication means are independent, so
// (mean - exact) / se is close to Student's t with 39 degrees of freedom. A case fails when
// |mean - exact| > 4.5 se: for a correct engine that happens with probability 1.4e-4 per figure,
// and 2.2e-3 over all 16 cases x 2-3 figures; since the seeds are fixed, the suite either passes
// every time or never. Its power: the standard errors are 0.001-0.004 on service level, so a bias
// of a percentage point in the engine is caught.
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "ccsim/erlang.h"
#include "ccsim/runner.h"
#include "testing/models.h"

namespace ccsim {
namespace {

struct QueueCase {
  std::string name;
  int agents;
  double load;  // offered erlangs / agents
  double aht_s;
  double patience_s;  // 0: Erlang C
};

void PrintTo(const QueueCase& c, std::ostream* out) { *out << c.name; }

constexpr int replications = 40;
constexpr double counted_contacts = 50000.0;
constexpr double allowed_standard_errors = 4.5;

class ErlangValidation : public ::testing::TestWithParam<QueueCase> {};

TEST_P(ErlangValidation, SimulationAgreesWithTheClosedForm) {
  const QueueCase& c = GetParam();
  const double rate_per_s = c.load * c.agents / c.aht_s;
  const double counted_s = counted_contacts / rate_per_s;
  const double relaxation_s =
      c.load < 1.0 ? c.aht_s / (c.agents * std::pow(1.0 - std::sqrt(c.load), 2)) : c.aht_s;
  const double warmup_s = std::max({0.1 * counted_s, 10.0 * relaxation_s,
                                    c.patience_s > 0 ? 10.0 * c.patience_s : 0.0});

  testing::SingleQueue spec;
  spec.rate_per_hour = rate_per_s * 3600.0;
  spec.handle_time = Exponential{c.aht_s};
  if (c.patience_s > 0) spec.patience = Exponential{c.patience_s};
  spec.agents = c.agents;
  spec.interval_min = (warmup_s + counted_s) / 60.0;
  spec.warmup_min = warmup_s / 60.0;
  const Model model = testing::single_queue(spec);

  ErlangInput in;
  in.rate_per_s = rate_per_s;
  in.aht_s = c.aht_s;
  in.agents = c.agents;
  in.answer_within_s = 20.0;
  if (c.patience_s > 0) in.patience_s = c.patience_s;
  const ErlangResult exact = c.patience_s > 0 ? erlang_a_model(in) : erlang_c_model(in);

  RunOptions options;
  options.replications = replications;
  // A seed of its own per case: cases sharing streams would err in the same direction together
  // (common random numbers), and the false-failure arithmetic above assumes independent cases.
  options.seed = 1000u * static_cast<std::uint64_t>(c.agents) + static_cast<std::uint64_t>(100.0 * c.load) +
                 (c.patience_s > 0 ? 7u : 0u);
  const Summary summary = run_replications(model, options).summary;

  const auto check = [&](Kpi kpi, double expected) {
    const Estimate& e = summary.get(KpiLayout::overall, KpiLayout::whole_horizon, kpi);
    ASSERT_EQ(e.n, static_cast<std::size_t>(replications));
    const double se = e.ci95 / student_t_975(replications - 1);
    EXPECT_LE(std::abs(e.mean - expected), allowed_standard_errors * se + 1e-12)
        << kpi_name(kpi) << ": simulated " << e.mean << " +- " << e.ci95 << " (95 %), closed form "
        << expected << ", " << std::abs(e.mean - expected) / se << " standard errors apart";
  };
  check(Kpi::service_level, exact.service_level);
  check(Kpi::asa_s, exact.asa_s);
  if (c.patience_s > 0) check(Kpi::abandon_rate, exact.p_abandon);
}

INSTANTIATE_TEST_SUITE_P(
    ErlangC, ErlangValidation,
    ::testing::Values(QueueCase{"c1_load050", 1, 0.50, 120.0, 0.0},
                      QueueCase{"c2_load070", 2, 0.70, 180.0, 0.0},
                      QueueCase{"c5_load080", 5, 0.80, 240.0, 0.0},
                      QueueCase{"c10_load085", 10, 0.85, 180.0, 0.0},
                      QueueCase{"c14_worked_example", 14, 200.0 * 180.0 / 3600.0 / 14.0, 180.0, 0.0},
                      QueueCase{"c20_load090", 20, 0.90, 300.0, 0.0},
                      QueueCase{"c50_load092", 50, 0.92, 240.0, 0.0},
                      QueueCase{"c100_load095", 100, 0.95, 240.0, 0.0},
                      QueueCase{"c200_load096", 200, 0.96, 180.0, 0.0},
                      QueueCase{"c500_load098", 500, 0.98, 180.0, 0.0}),
    [](const auto& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    ErlangA, ErlangValidation,
    ::testing::Values(QueueCase{"c1_load100", 1, 1.00, 180.0, 120.0},
                      QueueCase{"c3_load120", 3, 1.20, 180.0, 300.0},
                      QueueCase{"c13_worked_example", 13, 200.0 * 180.0 / 3600.0 / 13.0, 180.0, 300.0},
                      QueueCase{"c30_load110", 30, 1.10, 240.0, 180.0},
                      QueueCase{"c100_load130", 100, 1.30, 240.0, 300.0},
                      QueueCase{"c500_load105", 500, 1.05, 180.0, 600.0}),
    [](const auto& info) { return info.param.name; });

TEST(Monotonicity, MoreAgentsNeverLowerTheServiceLevel) {
  // Common random numbers: every staffing level sees the same arrivals, handle times and
  // patience, so the differences are the staffing's alone.
  double previous = -1.0;
  for (int agents = 10; agents <= 18; ++agents) {
    testing::SingleQueue spec;
    spec.agents = agents;
    spec.patience = Exponential{300.0};
    spec.intervals = 16;
    spec.interval_min = 30.0;
    RunOptions options;
    options.replications = 20;
    options.seed = 11;
    const double sl = run_replications(testing::single_queue(spec), options)
                          .summary.get(KpiLayout::overall, KpiLayout::whole_horizon, Kpi::service_level)
                          .mean;
    EXPECT_GE(sl, previous) << agents << " agents";
    previous = sl;
  }
}

}  // namespace
}  // namespace ccsim
