// Closed forms of the classical single-queue models, used by `ccsim erlang` and as the yardstick
// the simulator is validated against:
//   Erlang B  M/M/c/c    (blocked calls lost),
//   Erlang C  M/M/c      (infinite patience),
//   Erlang A  M/M/c+M    (exponential patience; Palm's model), from the exact birth-death chain.
// Rates are per second and times in seconds; `agents` are servers on duty.
#pragma once

#include <optional>

namespace ccsim {

struct ErlangInput {
  double rate_per_s = 0.0;        // arrival rate (lambda)
  double aht_s = 0.0;             // mean handle time (1/mu)
  int agents = 0;                 // c
  double answer_within_s = 20.0;  // T of the service level
  std::optional<double> patience_s;  // mean patience (1/theta); Erlang A only
};

// Every figure is the steady-state value for an arriving contact (PASTA).
struct ErlangResult {
  int agents = 0;
  double service_level = 0.0;  // P(answered within T); for Erlang A, answered within T / offered
  double asa_s = 0.0;          // mean wait of answered contacts
  double p_wait = 0.0;         // P(an arrival finds all agents busy)
  double p_abandon = 0.0;      // P(abandon) (Erlang A), P(blocked) (Erlang B), 0 (Erlang C)
  double occupancy = 0.0;      // carried load / agents
};

// Erlang B blocking probability B(c, a) for offered load a = lambda * aht (stable recursion).
double erlang_b(int agents, double offered_load);
// Erlang C probability of waiting C(c, a); 1 when a >= c (the queue is unstable).
double erlang_c(int agents, double offered_load);

ErlangResult erlang_b_model(const ErlangInput& in);
ErlangResult erlang_c_model(const ErlangInput& in);
ErlangResult erlang_a_model(const ErlangInput& in);

// The fewest agents whose service level reaches `target` (for Erlang B: whose blocking is at most
// 1 - target). `in.agents` is ignored.
ErlangResult erlang_b_agents_for(const ErlangInput& in, double target);
ErlangResult erlang_c_agents_for(const ErlangInput& in, double target);
ErlangResult erlang_a_agents_for(const ErlangInput& in, double target);

}  // namespace ccsim
