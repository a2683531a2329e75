// The per-interval histograms: percentiles within the stated bound of the exact order statistics,
// the same readings as the full histogram whatever their counts' width, and storage kept on reset.
#include "ccsim/compact_histograms.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ccsim/distribution.h"
#include "ccsim/random_streams.h"
#include "ccsim/wait_histogram.h"

namespace ccsim {
namespace {

// A sample of waits: `n` values drawn by `draw` from a stream of its own.
struct Waits {
  std::string name;
  int n;
  std::function<double(RandomEngine&)> draw;
};

std::vector<double> draw_waits(const Waits& w, std::uint32_t entity) {
  RandomEngine rng = make_stream(11, 0, StreamPurpose::patience, entity);
  std::vector<double> values;
  for (int i = 0; i < w.n; ++i) values.push_back(w.draw(rng));
  return values;
}

double uniform01(RandomEngine& rng) { return sample(Uniform{0.0, 1.0}, rng); }

const std::vector<Waits>& samples() {
  static const std::vector<Waits> all = {
      {"exponential_60s", 20000, [](RandomEngine& r) { return sample(Exponential{60.0}, r); }},
      {"lognormal_heavy_tail", 20000,
       [](RandomEngine& r) { return sample(lognormal_from_mean_cv(30.0, 2.0), r); }},
      // A well-staffed interval: most contacts answered at once.
      {"mostly_zero", 5000,
       [](RandomEngine& r) { return uniform01(r) < 0.7 ? 0.0 : sample(Exponential{20.0}, r); }},
      {"all_zero", 300, [](RandomEngine&) { return 0.0; }},
      {"sub_second", 5000, [](RandomEngine& r) { return uniform01(r); }},
      {"hours", 5000, [](RandomEngine& r) { return sample(lognormal_from_mean_cv(3 * 3600.0, 0.5), r); }},
      {"days", 2000, [](RandomEngine& r) { return sample(Exponential{2 * 86400.0}, r); }},
      {"seven_values", 7, [](RandomEngine& r) { return sample(Exponential{45.0}, r); }},
      // Past 255 in one bin: the histogram moves to wider counts on the way.
      {"one_value_many_times", 1000, [](RandomEngine&) { return 17.0; }},
  };
  return all;
}

class CompactHistogramBound : public ::testing::TestWithParam<Waits> {};

// The header's bound: within 1/16 of the exact order statistic x_(ceil(p n)) from 1/16 s up,
// within 1/16 s below, exactly 0 at 0.
TEST_P(CompactHistogramBound, PercentilesAreWithinOneSixteenthOfTheExactOrderStatistic) {
  const std::vector<double> values = draw_waits(GetParam(), 1);
  CompactHistograms table(3);
  for (double v : values) table.add(1, v);
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  for (double p : {0.5, 0.9, 0.99}) {
    // The rank the histogram reads: the first whose count reaches p n, computed as it does.
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    const double exact = sorted[rank - 1];
    const double read = table.quantile(1, p);
    if (exact == 0.0)
      EXPECT_EQ(read, 0.0) << "p=" << p;
    else if (exact < 1.0 / 16.0)
      EXPECT_LT(std::abs(read - exact), 1.0 / 16.0) << "p=" << p;
    else
      EXPECT_LE(std::abs(read - exact), exact / 16.0) << "p=" << p << " exact " << exact;
  }
}

// The whole-horizon histogram reads the same bins: a compact histogram and a full one of the same
// values give the same percentiles to the bit, before and after widening.
TEST_P(CompactHistogramBound, PercentilesAreThoseOfTheFullHistogram) {
  const std::vector<double> values = draw_waits(GetParam(), 2);
  CompactHistograms table(1);
  WaitHistogram full;
  for (double v : values) {
    table.add(0, v);
    full.add(v);
  }
  EXPECT_EQ(table.count(0), full.count());
  for (double p : {0.01, 0.5, 0.9, 0.99, 1.0}) EXPECT_EQ(table.quantile(0, p), full.quantile(p)) << "p=" << p;
}

INSTANTIATE_TEST_SUITE_P(Waits, CompactHistogramBound, ::testing::ValuesIn(samples()),
                         [](const ::testing::TestParamInfo<Waits>& info) { return info.param.name; });

TEST(CompactHistograms, CountsPastOneByteStayExact) {
  CompactHistograms table(2);
  for (int i = 0; i < 100000; ++i) table.add(0, 20.0);
  table.add(1, 20.0);
  EXPECT_EQ(table.in_bin(0, WaitHistogram::bin_of(20.0)), 100000u);
  EXPECT_EQ(table.count(0), 100000u);
  EXPECT_EQ(table.count(1), 1u);
}

TEST(CompactHistograms, MergingIntoAFullHistogramAddsTheCounts) {
  CompactHistograms table(2);
  for (int i = 0; i < 300; ++i) table.add(0, 5.0);
  table.add(1, 0.0);
  table.add(1, 5.0);
  WaitHistogram merged;
  table.merge_into(0, merged);
  table.merge_into(1, merged);
  EXPECT_EQ(merged.count(), 302u);
  EXPECT_EQ(merged.in_bin(WaitHistogram::bin_of(5.0)), 301u);
  EXPECT_EQ(merged.in_bin(0), 1u);
}

TEST(CompactHistograms, ResetEqualsFreshAndKeepsItsStorage) {
  CompactHistograms table(4);
  for (int i = 0; i < 1000; ++i) table.add(2, 1.5);  // widened
  table.add(3, 40.0);
  const std::size_t bytes = table.bytes();
  table.reset();
  EXPECT_EQ(table, CompactHistograms(4));
  EXPECT_EQ(table.bytes(), bytes);
  EXPECT_EQ(table.count(2), 0u);
}

TEST(CompactHistograms, ACountIsKeptAsValuesAreAdded) {
  CompactHistograms table(3);
  for (int i = 0; i < 300; ++i) table.add(1, 0.5 * i);  // widens past 255 in no bin, 300 values
  table.add(2, 7.0);
  EXPECT_EQ(table.count(0), 0u);
  EXPECT_EQ(table.count(1), 300u);
  EXPECT_EQ(table.count(2), 1u);
  table.reset();
  EXPECT_EQ(table.count(1), 0u);
}

TEST(CompactHistograms, AHistogramTakesOneBytePerBinUntilACountNeedsMore) {
  CompactHistograms table(1000);
  for (std::size_t h = 0; h < 1000; ++h)
    for (int i = 0; i < 255; ++i) table.add(h, 30.0);
  // A byte per bin, the histogram's 4-byte block index and its 8-byte count of values.
  EXPECT_LT(table.bytes(), 1000 * (CompactHistograms::bin_count + 4 + 8) + 64);
}

}  // namespace
}  // namespace ccsim
