#include "ccsim/wait_histogram.h"

#include <cmath>

namespace ccsim {

double WaitHistogram::lower_edge(int bin) {
  if (bin <= 1) return 0.0;
  if (bin == bin_count - 1) return std::ldexp(1.0, max_exponent);
  const int exponent = min_exponent + (bin - 2) / sub_bins;
  const int sub = (bin - 2) % sub_bins;
  return std::ldexp(1.0 + sub / static_cast<double>(sub_bins), exponent);
}

double WaitHistogram::upper_edge(int bin) {
  if (bin == 0) return 0.0;
  if (bin == 1) return 1.0 / 16.0;
  // The overflow bin has no upper edge; report its lower edge rather than invent one.
  if (bin == bin_count - 1) return std::ldexp(1.0, max_exponent);
  return lower_edge(bin + 1);
}

}  // namespace ccsim
