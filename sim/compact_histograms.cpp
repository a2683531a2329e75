#include "ccsim/compact_histograms.h"

#include <algorithm>

namespace ccsim {

void CompactHistograms::resize(std::size_t histograms) {
  if (histograms == size()) {
    reset();
    return;
  }
  // assign() reallocates only when the new size passes the capacity.
  narrow_.assign(histograms * bin_count, 0);
  wide_of_.assign(histograms, narrow);
  wide_.clear();
  totals_.assign(histograms, 0);
}

void CompactHistograms::reset() {
  std::fill(narrow_.begin(), narrow_.end(), std::uint8_t{0});
  std::fill(wide_.begin(), wide_.end(), std::uint32_t{0});
  std::fill(totals_.begin(), totals_.end(), std::uint64_t{0});
}

void CompactHistograms::widen(std::size_t h) {
  const std::size_t block = wide_.size() / bin_count;
  CCSIM_CHECK(block < narrow, "too many widened histograms");
  wide_.resize(wide_.size() + bin_count);
  std::uint8_t* from = &narrow_[h * bin_count];
  std::uint32_t* to = &wide_[block * bin_count];
  for (int b = 0; b < bin_count; ++b) {
    to[b] = from[b];
    from[b] = 0;
  }
  wide_of_[h] = static_cast<std::uint32_t>(block);
}

double CompactHistograms::quantile(std::size_t h, double p) const {
  const std::uint64_t n = count(h);
  const std::uint32_t wide = wide_of_[h];
  if (wide == narrow) {
    const std::uint8_t* c = &narrow_[h * bin_count];
    return WaitHistogram::quantile_of(n, p, [c](int b) { return c[b]; });
  }
  const std::uint32_t* c = &wide_[wide * std::size_t{bin_count}];
  return WaitHistogram::quantile_of(n, p, [c](int b) { return c[b]; });
}

void CompactHistograms::merge_into(std::size_t h, WaitHistogram& into) const {
  if (totals_[h] == 0) return;
  for (int b = 0; b < bin_count; ++b)
    if (const std::uint64_t n = in_bin(h, b)) into.add_to_bin(b, n);
}

bool CompactHistograms::operator==(const CompactHistograms& other) const {
  if (size() != other.size()) return false;
  for (std::size_t h = 0; h < size(); ++h)
    for (int b = 0; b < bin_count; ++b)
      if (in_bin(h, b) != other.in_bin(h, b)) return false;
  return true;
}

}  // namespace ccsim
