// The yardstick for the engine's speed: the reference single-queue model (one contact type, one
// group of identical agents, Poisson arrivals, exponential handle time and patience) as a bare
// event loop, written as tightly as we know how on this hardware, with no statistics beyond counts.
//
// What makes it tight, and why each choice is a fair one for the model it simulates:
//  - 16-byte events (time, ticket, kind) in a 4-ary min-heap whose four children share one 64-byte
//    cache line; the smallest child is picked with conditional moves on integer keys rather than
//    branches, and the children past the end are +inf sentinels so the inner loop never tests how
//    many there are.
//  - Events are ordered by time alone. With continuous distributions two events at the same time
//    have probability zero, so this loop needs no tie rule; the engine's (time, kind, sequence)
//    order is part of what it pays for determinism on discrete inputs.
//  - One event per arrival, service end and abandonment. The next arrival, and the next service of
//    a freed agent, take the handled event's place in the heap (one sift-down, no pop + push).
//  - Waiting contacts sit in a ring buffer in arrival order. A pending abandonment is not removed
//    from the heap when its contact is answered: it carries the contact's ticket (its place in the
//    ring) and is ignored when it fires if the contact has left the queue (lazy cancellation).
//    An abandoning contact is only marked in the ring and skipped when agents reach it.
//  - Draws are Boost exponentials on the project's own Philox streams, one stream per purpose, the
//    same stream keys and the same order of draws as the engine, so the two simulate the very same
//    trajectory (engine_bench.cpp checks that the counts agree).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include <boost/random/exponential_distribution.hpp>

#include "ccsim/random_streams.h"

namespace ccsim::bench {

struct BareModel {
  int agents = 100;
  double rate_per_s = 0.95 * 100 / 240.0;
  double handle_mean_s = 240.0;
  double patience_mean_s = 300.0;
  double horizon_s = 3600.0;  // arrivals stop here; contacts in the system are followed to the end
};

struct BareCounts {
  std::uint64_t arrivals = 0;
  std::uint64_t answered = 0;  // all of them are handled: the loop runs until the system is empty
  std::uint64_t abandoned = 0;
  std::uint64_t events = 0;  // events taken off the heap, stale abandonments included
};

enum class BareKind : std::uint32_t { arrival, service_end, abandonment };

struct BareEvent {
  double time;
  std::uint32_t ticket;  // abandonment: the contact's place in the waiting ring
  BareKind kind;
};
static_assert(sizeof(BareEvent) == 16);

class QuaternaryHeap {
 public:
  QuaternaryHeap() { grow(256); }

  bool empty() const { return size_ == 0; }
  const BareEvent& top() const { return base_[0]; }

  void push(const BareEvent& event) {
    if (size_ + 1 + arity > capacity_) grow(2 * capacity_);
    std::size_t i = size_++;
    const std::uint64_t moving = key(event);
    while (i > 0) {
      const std::size_t parent = (i - 1) / arity;
      if (!(moving < key(base_[parent]))) break;
      base_[i] = base_[parent];
      i = parent;
    }
    base_[i] = event;
  }

  void pop() {
    const BareEvent last = base_[--size_];
    base_[size_] = sentinel();
    if (size_ > 0) sift_down(last);
  }

  // Pops the top and pushes `event` in one sift-down.
  void replace_top(const BareEvent& event) { sift_down(event); }

 private:
  static constexpr std::size_t arity = 4;
  static BareEvent sentinel() {
    return {std::numeric_limits<double>::infinity(), 0, BareKind::arrival};
  }

  // Times are >= 0, and the bit patterns of non-negative doubles (+inf included) order as the
  // numbers do: integer compares become conditional moves where double compares became branches
  // (measured: about 30 % more contacts per second for the whole loop).
  static std::uint64_t key(const BareEvent& event) {
    return std::bit_cast<std::uint64_t>(event.time);
  }

  void sift_down(const BareEvent event) {
    const std::uint64_t moving = key(event);
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = i * arity + 1;
      if (first >= size_) break;
      const BareEvent* c = base_ + first;  // four children, sentinels past the end
      const std::uint64_t k0 = key(c[0]), k1 = key(c[1]), k2 = key(c[2]), k3 = key(c[3]);
      const std::size_t a = k1 < k0;
      const std::uint64_t key_a = k1 < k0 ? k1 : k0;
      const std::size_t b = 2 + (k3 < k2);
      const std::uint64_t key_b = k3 < k2 ? k3 : k2;
      // A multiply, not `take_b ? b : a`: g++ 12 compiles the ternary to a branch that
      // mispredicts about half the time (measured: about 15 % more contacts per second).
      const std::size_t take_b = key_b < key_a;
      const std::size_t best = a + take_b * (b - a);
      if (!((key_b < key_a ? key_b : key_a) < moving)) break;
      base_[i] = c[best];
      i = first + best;
    }
    base_[i] = event;
  }

  // Keeps every slot from size_ to capacity_ a sentinel, and places index 1 (the root's first
  // child, and so every group of four siblings) on a 64-byte boundary.
  void grow(std::size_t capacity) {
    std::vector<BareEvent> storage(capacity + arity, sentinel());
    const auto address = reinterpret_cast<std::uintptr_t>(storage.data() + 1);
    BareEvent* base = storage.data() + (64 - address % 64) % 64 / sizeof(BareEvent);
    for (std::size_t i = 0; i < size_; ++i) base[i] = base_[i];
    storage_.swap(storage);
    base_ = base;
    capacity_ = capacity;
  }

  std::vector<BareEvent> storage_;
  BareEvent* base_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// FIFO of waiting contacts, holding each one's handle time (negative once it has abandoned).
// Tickets count contacts ever queued; a ticket's slot is ticket & mask.
class WaitingRing {
 public:
  WaitingRing() : handle_(256), mask_(255) {}

  std::uint32_t waiting() const { return waiting_; }

  std::uint32_t push(double handle_s) {
    if (tail_ - head_ == handle_.size()) grow();
    handle_[tail_ & mask_] = handle_s;
    ++waiting_;
    return tail_++;
  }

  // The longest-waiting contact still there; requires waiting() > 0.
  double pop_front() {
    while (handle_[head_ & mask_] < 0.0) ++head_;
    const double handle_s = handle_[head_ & mask_];
    ++head_;
    if (--waiting_ == 0) head_ = tail_;  // drop the abandoned entries behind it at once
    return handle_s;
  }

  // True if the contact was still waiting (it abandons now); false if it has been answered.
  // Unsigned arithmetic makes a ticket behind head_ wrap to a huge distance.
  bool abandon(std::uint32_t ticket) {
    if (ticket - head_ >= tail_ - head_) return false;
    handle_[ticket & mask_] = -1.0;
    if (--waiting_ == 0) head_ = tail_;
    return true;
  }

 private:
  void grow() {
    std::vector<double> bigger(handle_.size() * 2);
    const std::uint32_t mask = static_cast<std::uint32_t>(bigger.size() - 1);
    for (std::uint32_t t = head_; t != tail_; ++t) bigger[t & mask] = handle_[t & mask_];
    handle_.swap(bigger);
    mask_ = mask;
  }

  std::vector<double> handle_;
  std::uint32_t mask_;
  std::uint32_t head_ = 0;
  std::uint32_t tail_ = 0;
  std::uint32_t waiting_ = 0;
};

inline BareCounts run_bare_loop(const BareModel& model, std::uint64_t seed,
                                std::uint64_t replication) {
  RandomEngine arrival_stream = make_stream(seed, replication, StreamPurpose::arrivals, 0);
  RandomEngine handle_stream = make_stream(seed, replication, StreamPurpose::handle_time, 0);
  RandomEngine patience_stream = make_stream(seed, replication, StreamPurpose::patience, 0);
  boost::random::exponential_distribution<double> unit_exponential{1.0};
  // Divide by the rate, as the engine does, so that both compute bit-identical arrival times.
  const double rate = model.rate_per_s;

  QuaternaryHeap heap;
  WaitingRing ring;
  int idle = model.agents;
  BareCounts counts;

  const double first = unit_exponential(arrival_stream) / rate;
  if (first < model.horizon_s) heap.push({first, 0, BareKind::arrival});

  while (!heap.empty()) {
    const BareEvent event = heap.top();
    const double now = event.time;
    ++counts.events;
    switch (event.kind) {
      case BareKind::arrival: {
        ++counts.arrivals;
        const double next = now + unit_exponential(arrival_stream) / rate;
        if (next < model.horizon_s)
          heap.replace_top({next, 0, BareKind::arrival});
        else
          heap.pop();
        // Both durations are drawn for every contact, as the engine does (common random numbers).
        const double handle_s = unit_exponential(handle_stream) * model.handle_mean_s;
        const double patience_s = unit_exponential(patience_stream) * model.patience_mean_s;
        if (idle > 0) {
          --idle;
          ++counts.answered;
          heap.push({now + handle_s, 0, BareKind::service_end});
        } else {
          heap.push({now + patience_s, ring.push(handle_s), BareKind::abandonment});
        }
        break;
      }
      case BareKind::service_end:
        if (ring.waiting() > 0) {
          ++counts.answered;
          heap.replace_top({now + ring.pop_front(), 0, BareKind::service_end});
        } else {
          ++idle;
          heap.pop();
        }
        break;
      case BareKind::abandonment:
        if (ring.abandon(event.ticket)) ++counts.abandoned;
        heap.pop();
        break;
    }
  }
  return counts;
}

}  // namespace ccsim::bench
