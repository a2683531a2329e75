// Many wait histograms in few bytes: one per (interval, contact type) cell of the tallies.
//
// The bins are WaitHistogram's own (exactly zero, (0, 1/16 s), 16 log-linear bins per power of two
// up to 2^24 s, overflow), so a per-interval percentile is read exactly as the whole horizon's is,
// with the same bound: the p-quantile read from these bins is within 6.25 % (1/16) of the exact
// order statistic x_(ceil(p n)) of the values added, for values from 1/16 s to 2^24 s (about 194
// days); within 1/16 s below that; exactly 0 when that order statistic is 0; and reported as 2^24 s
// when it is longer. (The order statistic and the interpolated value lie in the same bin, and a bin
// is at most 1/16 of its lower edge wide.)
//
// What is compact is the counts, not the bins. A cell's values are those of one interval, so its
// counts are small: each histogram starts with one byte per bin (451 bytes against 3.6 KB of 64-bit
// counts), and the first time one of its bins would pass 255 it moves, whole, to 32-bit counts
// (1.8 KB) kept in a shared pool. A year of half-hour intervals of a retail day never widens a
// histogram; a day-long interval of an M/M/100 queue (34,000 contacts) does. 32-bit counts suffice
// for every scenario a file can describe: arrivals are at most 10^7 an hour and intervals at most a
// day, so no interval counts 4.3 * 10^9 values in one bin; a model built in code that does stops
// with an internal error rather than wrap.
//
// reset() sets every count to zero and keeps the storage, widened histograms included, so one
// object serves replication after replication of a model without allocating.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ccsim/check.h"
#include "ccsim/wait_histogram.h"

namespace ccsim {

class CompactHistograms {
 public:
  static constexpr int bin_count = WaitHistogram::bin_count;

  CompactHistograms() = default;
  explicit CompactHistograms(std::size_t histograms) { resize(histograms); }

  // `histograms` empty histograms. Keeps the storage (and the widened histograms) when the number
  // is unchanged; reuses the capacity otherwise.
  void resize(std::size_t histograms);
  // Every count back to zero; nothing is freed or allocated.
  void reset();
  std::size_t size() const { return wide_of_.size(); }

  void add(std::size_t h, double value) { add_to_bin(h, WaitHistogram::bin_of(value)); }
  [[gnu::always_inline]] void add_to_bin(std::size_t h, int bin) {
    ++totals_[h];
    const std::uint32_t wide = wide_of_[h];
    if (wide == narrow) [[likely]] {
      std::uint8_t& c = narrow_[h * bin_count + static_cast<std::size_t>(bin)];
      if (c < narrow_max) [[likely]] {
        ++c;
        return;
      }
      widen(h);
    }
    std::uint32_t& c = wide_[wide_of_[h] * std::size_t{bin_count} + static_cast<std::size_t>(bin)];
    CCSIM_CHECK(c < wide_max, "more than 2^32 - 1 values in one bin of one interval's histogram");
    ++c;
  }

  std::uint64_t in_bin(std::size_t h, int bin) const {
    const std::size_t at = static_cast<std::size_t>(bin);
    const std::uint32_t wide = wide_of_[h];
    return wide == narrow ? narrow_[h * bin_count + at] : wide_[wide * std::size_t{bin_count} + at];
  }
  // Kept as values are added, so asking is free (the summary asks for every cell).
  std::uint64_t count(std::size_t h) const { return totals_[h]; }
  // As WaitHistogram::quantile of the same values, to the bit.
  double quantile(std::size_t h, double p) const;
  // Adds histogram h's counts to `into`.
  void merge_into(std::size_t h, WaitHistogram& into) const;

  // One histogram, read-only.
  class View {
   public:
    View(const CompactHistograms& table, std::size_t h) : table_(&table), h_(h) {}
    std::uint64_t in_bin(int bin) const { return table_->in_bin(h_, bin); }
    std::uint64_t count() const { return table_->count(h_); }
    double quantile(double p) const { return table_->quantile(h_, p); }
    void merge_into(WaitHistogram& into) const { table_->merge_into(h_, into); }

   private:
    const CompactHistograms* table_;
    std::size_t h_;
  };
  View view(std::size_t h) const { return {*this, h}; }

  // The same counts, however they are stored.
  bool operator==(const CompactHistograms& other) const;

  // Bytes of storage held (capacity, not size): what the tallies' memory figures count.
  std::size_t bytes() const {
    return narrow_.capacity() + wide_of_.capacity() * sizeof(std::uint32_t) +
           wide_.capacity() * sizeof(std::uint32_t) + totals_.capacity() * sizeof(std::uint64_t);
  }

 private:
  static constexpr std::uint32_t narrow = 0xffffffffu;  // wide_of_: the histogram is in narrow_
  static constexpr std::uint8_t narrow_max = 0xff;
  static constexpr std::uint32_t wide_max = 0xffffffffu;

  // Moves histogram h to a block of 32-bit counts (out of line: it happens once per histogram).
  void widen(std::size_t h);

  std::vector<std::uint8_t> narrow_;     // [h * bin_count + bin]; zero once h is wide
  std::vector<std::uint32_t> wide_of_;   // per histogram: its block in wide_, or `narrow`
  std::vector<std::uint32_t> wide_;      // [block * bin_count + bin]
  std::vector<std::uint64_t> totals_;    // per histogram: values added
};

}  // namespace ccsim
