// Closed forms of the classical single-queue models.
//   Erlang B and C: A. K. Erlang (1917); B by the recursion B(k) = aB(k-1) / (k + aB(k-1)) and C
//     from B, as in Gans, Koole & Mandelbaum, "Telephone call centers: tutorial, review, and
//     research prospects", MSOM 5(2), 2003.
//   Erlang A (M/M/c+M): C. Palm, "Intensitätsschwankungen im Fernsprechverkehr", Ericsson
//     Technics 44, 1943; measures as in Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of
//     performance measures". They are evaluated here from the exact birth-death chain instead of
//     the closed forms, whose incomplete gamma functions overflow or cancel for large c.
#include "ccsim/erlang.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <fmt/core.h>

namespace ccsim {
namespace {

constexpr int kMaxAgents = 1'000'000;
// Only an overloaded queue with patience far longer than the handle time gets near this.
constexpr std::size_t kMaxQueueStates = 2'000'000;
constexpr double kInf = std::numeric_limits<double>::infinity();

[[noreturn]] void reject(std::string_view name, std::string_view must, double got) {
  throw std::invalid_argument(fmt::format("{} must be {}, got {}", name, must, got));
}

void check_positive(std::string_view name, double x) {
  if (!std::isfinite(x)) reject(name, "finite", x);
  if (!(x > 0)) reject(name, "> 0", x);
}

void check_non_negative(std::string_view name, double x) {
  if (!std::isfinite(x)) reject(name, "finite", x);
  if (!(x >= 0)) reject(name, ">= 0", x);
}

void check_agents(int agents) {
  if (agents < 0 || agents > kMaxAgents) reject("agents", "between 0 and 1000000", agents);
}

void check_input(const ErlangInput& in, bool needs_patience) {
  check_non_negative("rate_per_s", in.rate_per_s);
  check_positive("aht_s", in.aht_s);
  check_agents(in.agents);
  check_non_negative("answer_within_s", in.answer_within_s);
  if (needs_patience) {
    if (!in.patience_s) throw std::invalid_argument("patience_s is required for erlang a");
    check_positive("patience_s", *in.patience_s);
  }
}

void check_target(double target) {
  if (!(target > 0 && target < 1)) reject("target", "between 0 and 1 (exclusive)", target);
}

// Offered loads so large that no permitted staffing could carry them are refused up front, so
// that the searches below never count past kMaxAgents.
void check_reachable(double offered_load) {
  if (offered_load >= kMaxAgents)
    reject("offered load (rate_per_s * aht_s)", "below 1000000 erlangs", offered_load);
}

double offered_load(const ErlangInput& in) { return in.rate_per_s * in.aht_s; }

ErlangResult b_result(int agents, double a, double blocking) {
  ErlangResult r;
  r.agents = agents;
  r.p_wait = blocking;
  r.p_abandon = blocking;
  r.service_level = 1.0 - blocking;  // an answered call never waits
  r.asa_s = 0.0;
  r.occupancy = agents > 0 ? a * (1.0 - blocking) / agents : 0.0;
  return r;
}

ErlangResult c_result(const ErlangInput& in, double a, double blocking) {
  ErlangResult r;
  const int c = in.agents;
  r.agents = c;
  if (a >= c) {
    // The queue grows without bound: everyone waits, and for ever in the long run.
    r.p_wait = 1.0;
    r.service_level = 0.0;
    r.asa_s = kInf;
    r.occupancy = c > 0 ? 1.0 : 0.0;
    return r;
  }
  const double p_wait = c * blocking / (c - a * (1.0 - blocking));
  const double drain_rate = (c - a) / in.aht_s;  // c mu - lambda
  r.p_wait = p_wait;
  r.service_level = 1.0 - p_wait * std::exp(-drain_rate * in.answer_within_s);
  r.asa_s = p_wait / drain_rate;
  r.p_abandon = 0.0;
  r.occupancy = a / c;
  return r;
}

// For every j, P(S_j > t) where S_j is the sum of independent exponentials with rates
// q[0], ..., q[j]. The alternating closed form of the hypoexponential CDF loses all precision once
// rates are close, so this uniformizes the pure-death chain j -> j-1 -> ... -> 0 -> done at the
// largest rate and weights the step-survival probabilities by Poisson(rate * t) (Grassmann 1977).
std::vector<double> hypoexponential_survival(const std::vector<double>& q, double t) {
  const std::size_t n_stages = q.size();
  std::vector<double> survival(n_stages, 0.0);
  if (n_stages == 0) return survival;
  if (t == 0.0) {
    std::fill(survival.begin(), survival.end(), 1.0);
    return survival;
  }
  const double rate = *std::max_element(q.begin(), q.end());
  std::vector<double> p_step(n_stages);
  for (std::size_t k = 0; k < n_stages; ++k) p_step[k] = q[k] / rate;

  // g[k]: P(still not done after n uniformized steps | started at stage k).
  std::vector<double> g(n_stages, 1.0);
  const double mean = rate * t;
  const double log_mean = std::log(mean);
  for (long n = 0;; ++n) {
    if (n > 0) {
      // Downward so that g[k-1] still holds the previous step's value.
      for (std::size_t k = n_stages - 1; k > 0; --k)
        g[k] = p_step[k] * g[k - 1] + (1.0 - p_step[k]) * g[k];
      g[0] *= 1.0 - p_step[0];
    }
    const double nd = static_cast<double>(n);
    const double weight = std::exp(-mean + nd * log_mean - std::lgamma(nd + 1.0));
    for (std::size_t k = 0; k < n_stages; ++k) survival[k] += weight * g[k];
    // The last stage is the farthest from done, so it survives longest.
    if (g.back() < 1e-17) break;
    // Past the mode the Poisson tail is bounded by a geometric series.
    if (nd > mean && weight / (1.0 - mean / (nd + 1.0)) < 1e-14) break;
  }
  for (double& s : survival) s = std::clamp(s, 0.0, 1.0);
  return survival;
}

ErlangResult a_result(const ErlangInput& in) {
  const int c = in.agents;
  const double lambda = in.rate_per_s;
  const double mu = 1.0 / in.aht_s;
  const double theta = 1.0 / *in.patience_s;
  const double a = offered_load(in);

  // Unnormalised log weights: a^n/n! up to c, then factors lambda / (c mu + k theta). Logs keep
  // both a^c/c! for c in the thousands and long overloaded queues within range.
  const double log_a = std::log(a);  // -inf when nothing arrives, which the sums absorb
  std::vector<double> low(static_cast<std::size_t>(c) + 1);
  low[0] = 0.0;
  for (int n = 1; n <= c; ++n) low[n] = n * log_a - std::lgamma(n + 1.0);
  double peak = *std::max_element(low.begin(), low.end());

  std::vector<double> queue{low[c]};  // queue[j]: state c + j, j waiting
  for (std::size_t j = 1;; ++j) {
    const double ratio = lambda / (c * mu + static_cast<double>(j) * theta);
    const double next = queue.back() + std::log(ratio);
    // Ratios only fall from here, so the rest is below a geometric series starting at `next`.
    if (ratio < 1.0 && next - std::log1p(-ratio) < peak + std::log(1e-16)) break;
    if (queue.size() >= kMaxQueueStates)
      throw std::invalid_argument(fmt::format(
          "patience_s {} is too long for this overload: more than {} contacts would queue",
          *in.patience_s, kMaxQueueStates));
    queue.push_back(next);
    peak = std::max(peak, next);
  }

  double total = 0.0;
  double p_idle_agent = 0.0;  // P(n < c): answered at once
  for (int n = 0; n < c; ++n) p_idle_agent += std::exp(low[n] - peak);
  total += p_idle_agent;
  for (double& w : queue) {
    w = std::exp(w - peak);
    total += w;
  }
  p_idle_agent /= total;
  for (double& w : queue) w /= total;

  // An arrival in state c + j (PASTA) has j ahead; the line moves at r_k = c mu + k theta for
  // k = j..0 since those ahead abandon too, and the arrival itself abandons at theta.
  const std::size_t n_queue = queue.size();
  std::vector<double> stage_rate(n_queue);
  for (std::size_t k = 0; k < n_queue; ++k)
    stage_rate[k] = c * mu + static_cast<double>(k) * theta + theta;
  const std::vector<double> late = hypoexponential_survival(stage_rate, in.answer_within_s);

  double p_wait = 0.0, p_abandon = 0.0, p_served_waiting = 0.0, p_within = 0.0, wait_sum = 0.0;
  double log_served = 0.0;  // log P(served | j); log1p keeps 1 - P(served) accurate near 1
  double mean_stage_time = 0.0;
  for (std::size_t j = 0; j < n_queue; ++j) {
    log_served += std::log1p(-theta / stage_rate[j]);
    mean_stage_time += 1.0 / stage_rate[j];
    const double served = std::exp(log_served);
    p_wait += queue[j];
    p_abandon += queue[j] * -std::expm1(log_served);
    p_served_waiting += queue[j] * served;
    p_within += queue[j] * served * (1.0 - late[j]);
    wait_sum += queue[j] * served * mean_stage_time;
  }

  ErlangResult r;
  r.agents = c;
  r.p_wait = std::min(p_wait, 1.0);
  r.p_abandon = std::min(p_abandon, 1.0);
  r.service_level = std::min(p_idle_agent + p_within, 1.0);
  const double p_served = p_idle_agent + p_served_waiting;
  r.asa_s = p_served > 0 ? wait_sum / p_served : kInf;
  r.occupancy = c > 0 ? std::min(lambda * p_served * in.aht_s / c, 1.0) : 0.0;
  return r;
}

ErlangInput with_agents(const ErlangInput& in, int agents) {
  ErlangInput out = in;
  out.agents = agents;
  return out;
}

}  // namespace

double erlang_b(int agents, double offered_load) {
  check_agents(agents);
  check_non_negative("offered_load", offered_load);
  double b = 1.0;
  for (int k = 1; k <= agents; ++k) b = offered_load * b / (k + offered_load * b);
  return b;
}

double erlang_c(int agents, double offered_load) {
  const double b = erlang_b(agents, offered_load);
  if (offered_load >= agents) return 1.0;
  return agents * b / (agents - offered_load * (1.0 - b));
}

ErlangResult erlang_b_model(const ErlangInput& in) {
  check_input(in, false);
  const double a = offered_load(in);
  return b_result(in.agents, a, erlang_b(in.agents, a));
}

ErlangResult erlang_c_model(const ErlangInput& in) {
  check_input(in, false);
  const double a = offered_load(in);
  return c_result(in, a, erlang_b(in.agents, a));
}

ErlangResult erlang_a_model(const ErlangInput& in) {
  check_input(in, true);
  return a_result(in);
}

ErlangResult erlang_b_agents_for(const ErlangInput& in, double target) {
  check_input(with_agents(in, 0), false);
  check_target(target);
  const double a = offered_load(in);
  check_reachable(a);
  // One pass of the recursion visits every c in order, so the first that qualifies is returned.
  int c = 0;
  double b = 1.0;
  while (b > 1.0 - target) {
    ++c;
    b = a * b / (c + a * b);
  }
  return b_result(c, a, b);
}

ErlangResult erlang_c_agents_for(const ErlangInput& in, double target) {
  check_input(with_agents(in, 0), false);
  check_target(target);
  const double a = offered_load(in);
  check_reachable(a);
  // Below floor(a) + 1 agents the queue is unstable; above it the service level rises with c.
  int c = static_cast<int>(std::floor(a)) + 1;
  double b = erlang_b(c, a);
  for (;;) {
    ErlangResult r = c_result(with_agents(in, c), a, b);
    if (r.service_level >= target) return r;
    if (c == kMaxAgents) reject("target", "reachable with at most 1000000 agents", target);
    ++c;
    b = a * b / (c + a * b);
  }
}

ErlangResult erlang_a_agents_for(const ErlangInput& in, double target) {
  check_input(with_agents(in, 0), true);
  check_target(target);
  const double a = offered_load(in);
  check_reachable(a);
  auto at = [&in](int c) { return a_result(with_agents(in, c)); };

  // Answered contacts cannot exceed carried load / offered load <= c / a, so every c below
  // target * a misses; the service level rises with c, so bisect between a miss and a hit.
  int miss = std::max(-1, static_cast<int>(std::ceil(target * a)) - 1);
  int hit = std::max(miss + 1, static_cast<int>(std::ceil(a)));
  int step = std::max(1, static_cast<int>(std::ceil(std::sqrt(a))));
  ErlangResult best = at(hit);
  while (best.service_level < target) {
    if (hit == kMaxAgents) reject("target", "reachable with at most 1000000 agents", target);
    miss = hit;
    hit = std::min(hit + step, kMaxAgents);
    step *= 2;
    best = at(hit);
  }
  while (hit - miss > 1) {
    const int mid = miss + (hit - miss) / 2;
    ErlangResult r = at(mid);
    if (r.service_level >= target) {
      hit = mid;
      best = r;
    } else {
      miss = mid;
    }
  }
  return best;
}

}  // namespace ccsim
