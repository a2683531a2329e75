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
}

void CompactHistograms::reset() {
  std::fill(narrow_.begin(), narrow_.end(), std::uint8_t{0});
  std::fill(wide_.begin(), wide_.end(), std::uint32_t{0});
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

std::uint64_t CompactHistograms::count(std::size_t h) const {
  std::uint64_t n = 0;
  const std::uint32_t wide = wide_of_[h];
  if (wide == narrow) {
    const std::uint8_t* c = &narrow_[h * bin_count];
    for (int b = 0; b < bin_count; ++b) n += c[b];
  } else {
    const std::uint32_t* c = &wide_[wide * std::size_t{bin_count}];
    for (int b = 0; b < bin_count; ++b) n += c[b];
  }
  return n;
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
  for (int b = 0; b < bin_count; ++b) into.add_to_bin(b, in_bin(h, b));
}

bool CompactHistograms::operator==(const CompactHistograms& other) const {
  if (size() != other.size()) return false;
  for (std::size_t h = 0; h < size(); ++h)
    for (int b = 0; b < bin_count; ++b)
      if (in_bin(h, b) != other.in_bin(h, b)) return false;
  return true;
}

}  // namespace ccsim
