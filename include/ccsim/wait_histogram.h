// Fixed-bin histogram of waits, for percentiles without storing samples.
//
// Bins are log-linear, as in HdrHistogram: one bin for exactly zero (most answered contacts in a
// well-staffed centre never wait), one for (0, 1/16 s), then 16 equal bins per power of two up to
// 2^24 s (about 194 days), and one overflow bin. A bin is at most 1/16 of its lower edge wide, so a
// percentile read from it is within 6.25 % of the exact one; the bin index is read off the bits of
// the double, with no logarithm in the hot loop.
//
// This is the whole-horizon histogram, 451 64-bit counts (3.6 KB). Per interval the tallies keep
// the same bins in far fewer bytes (compact_histograms.h).
#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace ccsim {

class WaitHistogram {
 public:
  static constexpr int sub_bins = 16;
  static constexpr int min_exponent = -4;  // 2^-4 s = 1/16 s
  static constexpr int max_exponent = 24;
  static constexpr int bin_count = 2 + (max_exponent - min_exponent) * sub_bins + 1;

  [[gnu::always_inline]] void add(double wait_s) {
    ++counts_[bin_of(wait_s)];
    ++total_;
  }
  [[gnu::always_inline]] void add_to_bin(int bin, std::uint64_t n = 1) {
    counts_[bin] += n;
    total_ += n;
  }

  // An empty histogram merges for free: the summary merges many of them in a quiet interval.
  void merge(const WaitHistogram& other) {
    if (other.total_ == 0) return;
    for (int b = 0; b < bin_count; ++b) counts_[b] += other.counts_[b];
    total_ += other.total_;
  }

  std::uint64_t in_bin(int bin) const { return counts_[bin]; }

  // Empty again; an empty histogram is left as it is (the summary clears many per interval).
  void clear() {
    if (total_ == 0) return;
    counts_.fill(0);
    total_ = 0;
  }

  // Kept as values are added, so asking is free.
  std::uint64_t count() const { return total_; }

  // The p-quantile (0 < p <= 1), interpolated linearly inside its bin; 0 for an empty histogram's
  // caller to treat as undefined (check count() first).
  double quantile(double p) const {
    return quantile_of(count(), p, [this](int b) { return counts_[b]; });
  }

  // The p-quantile of `n` values whose count in bin b is count_of(b): the one reading of these
  // bins, so that every store of them (compact_histograms.h) gives the same bits.
  template <class CountOf>
  static double quantile_of(std::uint64_t n, double p, CountOf count_of) {
    if (n == 0) return 0.0;
    const double target = p * static_cast<double>(n);
    double before = 0.0;
    for (int b = 0; b < bin_count; ++b) {
      const double in_bin = static_cast<double>(count_of(b));
      if (in_bin > 0.0 && before + in_bin >= target) {
        const double share = (target - before) / in_bin;
        return lower_edge(b) + (upper_edge(b) - lower_edge(b)) * share;
      }
      before += in_bin;
    }
    return lower_edge(bin_count - 1);
  }

  static int bin_of(double wait_s) {
    if (wait_s <= 0.0) return 0;
    if (wait_s < 1.0 / 16.0) return 1;
    const auto bits = std::bit_cast<std::uint64_t>(wait_s);
    const int exponent = static_cast<int>((bits >> 52) & 0x7ff) - 1023;
    if (exponent >= max_exponent) return bin_count - 1;
    const int sub = static_cast<int>((bits >> 48) & 0xf);
    return 2 + (exponent - min_exponent) * sub_bins + sub;
  }
  static double lower_edge(int bin);
  static double upper_edge(int bin);

  bool operator==(const WaitHistogram&) const = default;

 private:
  std::array<std::uint64_t, bin_count> counts_{};
  std::uint64_t total_ = 0;
};

}  // namespace ccsim
