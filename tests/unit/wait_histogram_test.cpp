#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/distribution.h"
#include "ccsim/random_streams.h"
#include "ccsim/wait_histogram.h"

namespace ccsim {
namespace {

TEST(WaitHistogram, ZeroWaitsReadAsZero) {
  WaitHistogram h;
  for (int i = 0; i < 90; ++i) h.add(0.0);
  for (int i = 0; i < 10; ++i) h.add(30.0);
  EXPECT_EQ(h.quantile(0.5), 0.0);
  EXPECT_EQ(h.quantile(0.9), 0.0);
}

TEST(WaitHistogram, BinsAreOrderedAndContiguous) {
  for (int b = 1; b + 1 < WaitHistogram::bin_count; ++b) {
    EXPECT_DOUBLE_EQ(WaitHistogram::upper_edge(b), WaitHistogram::lower_edge(b + 1));
    EXPECT_LT(WaitHistogram::lower_edge(b), WaitHistogram::upper_edge(b));
  }
  for (double w : {0.01, 0.0625, 1.0, 19.99, 20.0, 300.0, 86400.0}) {
    const int b = WaitHistogram::bin_of(w);
    EXPECT_LE(WaitHistogram::lower_edge(b), w);
    EXPECT_LT(w, WaitHistogram::upper_edge(b));
  }
}

TEST(WaitHistogram, QuantilesAreWithinABinWidthOfTheExactOnes) {
  WaitHistogram h;
  std::vector<double> samples;
  RandomEngine rng = make_stream(3, 0, StreamPurpose::patience, 0);
  const Distribution d = lognormal_from_mean_cv(60.0, 1.2);
  for (int i = 0; i < 100000; ++i) {
    samples.push_back(sample(d, rng));
    h.add(samples.back());
  }
  std::sort(samples.begin(), samples.end());
  for (double p : {0.5, 0.9, 0.99}) {
    const double exact = samples[static_cast<std::size_t>(p * samples.size()) - 1];
    EXPECT_NEAR(h.quantile(p), exact, exact / 16.0) << "p=" << p;
  }
}

TEST(WaitHistogram, ACountIsKeptAndAClearedHistogramEqualsANewOne) {
  WaitHistogram h;
  for (double w : {0.0, 0.5, 12.0, 12.0, 3600.0}) h.add(w);
  WaitHistogram other;
  other.add(7.0);
  h.merge(other);
  h.merge(WaitHistogram{});
  EXPECT_EQ(h.count(), 6u);
  h.clear();
  EXPECT_EQ(h, WaitHistogram{});
}

TEST(WaitHistogram, VeryLongWaitsLandInTheOverflowBin) {
  EXPECT_EQ(WaitHistogram::bin_of(1e9), WaitHistogram::bin_count - 1);
}

}  // namespace
}  // namespace ccsim
