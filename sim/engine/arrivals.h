// Fresh arrivals of every contact type: Poisson by interval with a day-level busyness factor, or
// arrival times replayed from the scenario.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include <boost/random/exponential_distribution.hpp>

#include "ccsim/distribution.h"
#include "ccsim/model.h"
#include "sim/engine/contacts.h"
#include "sim/engine/customer_streams.h"

namespace ccsim::engine {

class Arrivals {
 public:
  // Rates of this replication: the model's rates times each day's busyness factor, a gamma draw of
  // mean 1 and the type's CV (a doubly stochastic Poisson process), drawn before any arrival.
  void start(const Model& model, std::vector<ArrivalOrderStreams>& streams) {
    model_ = &model;
    streams_ = &streams;
    intervals_ = static_cast<IntervalIndex>(model.horizon.intervals());
    interval_s_ = model.horizon.interval_s;
    const std::size_t types = model.type_count();
    const int days = model.horizon.days;
    const int per_day = model.horizon.intervals_per_day;
    rates_.assign(types * intervals_, 0.0);
    for (std::size_t k = 0; k < types; ++k) {
      const ContactType& type = model.contact_types[k];
      for (int d = 0; d < days; ++d) {
        double factor = 1.0;
        if (type.busyness_cv > 0.0) {
          const double shape = 1.0 / (type.busyness_cv * type.busyness_cv);
          factor = detail::sample_gamma(shape, 1.0 / shape, streams[k].arrivals);
        }
        for (int i = d * per_day; i < (d + 1) * per_day; ++i)
          rates_[k * intervals_ + static_cast<std::size_t>(i)] = type.rate_per_s[static_cast<std::size_t>(i)] * factor;
      }
    }
    replay_cursor_.assign(types, 0);
    customers_.assign(types, 0);
  }

  // Next arrival of a piecewise-constant Poisson process after `from`, by inverting its cumulative
  // rate: one unit exponential is spent across interval boundaries, so the rate changes exactly at
  // the boundary and each arrival costs one draw however many intervals it crosses.
  double next_time(ContactTypeIndex k, double from) {
    const std::vector<double>& replay = model_->contact_types[k].arrival_times_s;
    if (!replay.empty()) {
      std::size_t& next = replay_cursor_[k];
      return next < replay.size() ? replay[next++] : never;
    }
    double budget = boost::random::exponential_distribution<double>{1.0}((*streams_)[k].arrivals);
    double t = from;
    IntervalIndex i = std::min(static_cast<IntervalIndex>(t / interval_s_), intervals_ - 1);
    const double* rate = &rates_[static_cast<std::size_t>(k) * intervals_];
    for (; i < intervals_; ++i) {
      const double end = (i + 1) * interval_s_;
      const double expected = rate[i] * (end - t);
      if (budget < expected) return t + budget / rate[i];
      budget -= expected;
      t = end;
    }
    return never;
  }

  // The arrival number of the next customer of type k (deflected demand included).
  std::uint64_t next_customer(ContactTypeIndex k) { return customers_[k]++; }

 private:
  const Model* model_ = nullptr;
  std::vector<ArrivalOrderStreams>* streams_ = nullptr;
  IntervalIndex intervals_ = 1;
  double interval_s_ = 1.0;
  std::vector<double> rates_;               // [type * intervals + interval], per second
  std::vector<std::size_t> replay_cursor_;  // per type: next replayed arrival
  std::vector<std::uint64_t> customers_;    // per type: customers so far
};

}  // namespace ccsim::engine
