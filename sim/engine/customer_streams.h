// The random numbers of one replication, keyed by what they are for.
//
// Two kinds of stream, both Philox4x64 (random_streams.h):
//  - per contact type, a stream per purpose consumed in arrival order by fresh arrivals only:
//    inter-arrival times and busyness, self-service deflection, and the first contact's misroute,
//    handle time and patience. The n-th customer of a type therefore gets the same numbers in
//    every variant of a scenario, whatever the staffing, routing or priorities;
//  - per customer and attempt, a stream per purpose for everything drawn later or only on some
//    paths: outcomes, returns, callbacks, bots, assist, silent abandonment, escalation, and every
//    draw of a later contact (retry, repeat, transfer, escalation). Its key is (seed, replication,
//    purpose, type) and its counter starts at (customer, attempt), so a customer's draws do not
//    depend on when the engine asks or on what other customers did.
#pragma once

#include <cstdint>

#include <boost/random/uniform_01.hpp>

#include "ccsim/random_streams.h"

namespace ccsim::engine {

// Who a draw belongs to: the customer's type (of its issue), its arrival number within the type,
// and the attempt (0 for the first contact, then each later contact about the same issue).
struct CustomerKey {
  std::uint32_t type = 0;
  std::uint64_t customer = 0;
  std::uint32_t attempt = 0;
};

// A uniform random bit generator over the blocks of one (customer, attempt, purpose): counter
// words 1 and 2 hold the customer and the attempt, word 0 counts blocks, and word 3 is 1, which
// keeps it apart from the arrival-order stream of the same purpose and type. Creating one costs
// nothing; each block of four 64-bit words costs one Philox call.
class CustomerStream {
 public:
  using result_type = std::uint64_t;

  CustomerStream(std::uint64_t seed, std::uint64_t replication, StreamPurpose purpose,
                 const CustomerKey& key)
      : key_{{seed, stream_key_word(replication, purpose, key.type)}},
        counter_{{0, key.customer, key.attempt, 1}} {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }

  result_type operator()() {
    if (next_ == 4) {
      block_ = r123::Philox4x64{}(counter_, key_);
      ++counter_.v[0];
      next_ = 0;
    }
    return block_.v[next_++];
  }

 private:
  r123::Philox4x64::key_type key_;
  r123::Philox4x64::ctr_type counter_;
  r123::Philox4x64::ctr_type block_{};
  unsigned next_ = 4;
};

template <class Rng>
double uniform(Rng& stream) {
  return boost::random::uniform_01<double>{}(stream);
}

// A Bernoulli trial that spends no draw when the outcome is certain, so that a scenario without
// the feature draws exactly what it drew before the feature existed.
template <class Rng>
bool chance(double p, Rng& stream) {
  if (p >= 1.0) return true;
  if (p <= 0.0) return false;
  return uniform(stream) < p;
}

// The streams of one contact type consumed in arrival order (see above).
struct ArrivalOrderStreams {
  ArrivalOrderStreams(std::uint64_t seed, std::uint64_t replication, std::uint32_t type)
      : arrivals(make_stream(seed, replication, StreamPurpose::arrivals, type)),
        handle(make_stream(seed, replication, StreamPurpose::handle_time, type)),
        patience(make_stream(seed, replication, StreamPurpose::patience, type)),
        misroute(make_stream(seed, replication, StreamPurpose::misroute, type)),
        deflection(make_stream(seed, replication, StreamPurpose::deflection, type)) {}

  RandomEngine arrivals, handle, patience, misroute, deflection;
};

}  // namespace ccsim::engine
