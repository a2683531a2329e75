#include "ccsim/erlang.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace {

using ccsim::ErlangInput;
using ccsim::ErlangResult;

// The textbook example: 100 calls per half hour, 3-minute handle time (10 erlangs), T = 20 s.
ErlangInput textbook(int agents) {
  ErlangInput in;
  in.rate_per_s = 100.0 / 1800.0;
  in.aht_s = 180.0;
  in.agents = agents;
  in.answer_within_s = 20.0;
  return in;
}

ErlangInput with_patience(ErlangInput in, double patience_s) {
  in.patience_s = patience_s;
  return in;
}

TEST(Erlang, BMatchesTheTextbookTable) {
  EXPECT_NEAR(ccsim::erlang_b(10, 5.0), 0.018385, 5e-7);
  EXPECT_DOUBLE_EQ(ccsim::erlang_b(0, 5.0), 1.0);
  EXPECT_DOUBLE_EQ(ccsim::erlang_b(1, 1.0), 0.5);
}

TEST(Erlang, BStaysFiniteForThousandsOfAgents) {
  const double b = ccsim::erlang_b(5000, 5000.0);
  EXPECT_TRUE(std::isfinite(b));
  EXPECT_GT(b, 0.0);
  EXPECT_LT(b, 0.02);
}

TEST(Erlang, CReproducesThePublishedServiceLevelAndAsa) {
  const ErlangResult r = ccsim::erlang_c_model(textbook(14));
  EXPECT_EQ(r.agents, 14);
  EXPECT_NEAR(r.service_level, 0.888, 5e-4);
  EXPECT_NEAR(r.asa_s, 7.84, 5e-3);
  EXPECT_NEAR(r.occupancy, 10.0 / 14.0, 1e-12);
  EXPECT_EQ(r.p_abandon, 0.0);
}

TEST(Erlang, CIsOneOnceTheLoadReachesTheAgents) {
  EXPECT_EQ(ccsim::erlang_c(10, 10.0), 1.0);
  EXPECT_EQ(ccsim::erlang_c(10, 12.5), 1.0);
  EXPECT_LT(ccsim::erlang_c(11, 10.0), 1.0);
}

TEST(Erlang, UnstableCHasInfiniteAsaAndNoServiceLevel) {
  const ErlangResult r = ccsim::erlang_c_model(textbook(10));
  EXPECT_TRUE(std::isinf(r.asa_s));
  EXPECT_EQ(r.service_level, 0.0);
  EXPECT_EQ(r.p_wait, 1.0);
  EXPECT_EQ(r.occupancy, 1.0);
}

TEST(Erlang, AReproducesThePublishedAbandonmentAndWaitProbabilities) {
  const ErlangResult r = ccsim::erlang_a_model(with_patience(textbook(13), 300.0));
  EXPECT_NEAR(r.p_abandon, 0.02496, 5e-6);
  EXPECT_NEAR(r.p_wait, 0.2258, 5e-5);
  EXPECT_NEAR(r.occupancy, 10.0 * (1.0 - r.p_abandon) / 13.0, 1e-12);
}

TEST(Erlang, AApproachesCAsPatienceGrowsLong) {
  const ErlangResult c = ccsim::erlang_c_model(textbook(14));
  const ErlangResult a = ccsim::erlang_a_model(with_patience(textbook(14), 1e9));
  EXPECT_NEAR(a.service_level, c.service_level, 1e-6);
  EXPECT_NEAR(a.asa_s, c.asa_s, 1e-4);
  EXPECT_NEAR(a.p_wait, c.p_wait, 1e-6);
  EXPECT_LT(a.p_abandon, 1e-6);
}

TEST(Erlang, AApproachesBLossAsPatienceShrinks) {
  const ErlangResult b = ccsim::erlang_b_model(textbook(10));
  const ErlangResult a = ccsim::erlang_a_model(with_patience(textbook(10), 1e-6));
  EXPECT_NEAR(a.p_abandon, b.p_abandon, 1e-6);
  EXPECT_NEAR(a.service_level, b.service_level, 1e-6);
  EXPECT_LT(a.asa_s, 1e-6);
}

TEST(Erlang, AWithoutAgentsAnswersNobody) {
  const ErlangResult r = ccsim::erlang_a_model(with_patience(textbook(0), 300.0));
  EXPECT_EQ(r.p_abandon, 1.0);
  EXPECT_EQ(r.service_level, 0.0);
  EXPECT_TRUE(std::isinf(r.asa_s));
}

TEST(Erlang, OverloadedAWithThousandAgentsAbandonsTheExcess) {
  // At 1.5 times capacity the fluid limit abandons 1 - c/a = 1/3 of contacts.
  ErlangInput in;
  in.aht_s = 180.0;
  in.agents = 1000;
  in.rate_per_s = 1.5 * 1000 / 180.0;
  in.patience_s = 300.0;
  const ErlangResult r = ccsim::erlang_a_model(in);
  EXPECT_NEAR(r.p_abandon, 1.0 / 3.0, 1e-3);
  EXPECT_NEAR(r.occupancy, 1.0, 1e-3);
  EXPECT_TRUE(std::isfinite(r.asa_s));
  EXPECT_GE(r.service_level, 0.0);
  EXPECT_LT(r.service_level, 0.01);
}

TEST(Erlang, ZeroWaitingTimeCountsOnlyImmediateAnswers) {
  ErlangInput in = with_patience(textbook(13), 300.0);
  in.answer_within_s = 0.0;
  const ErlangResult a = ccsim::erlang_a_model(in);
  EXPECT_NEAR(a.service_level, 1.0 - a.p_wait, 1e-12);
  const ErlangResult c = ccsim::erlang_c_model(in);
  EXPECT_NEAR(c.service_level, 1.0 - c.p_wait, 1e-12);
}

TEST(Erlang, MoreAgentsNeverLowerTheServiceLevel) {
  double previous_a = -1.0, previous_c = -1.0, previous_b = -1.0;
  for (int agents = 0; agents <= 30; ++agents) {
    const ErlangInput in = with_patience(textbook(agents), 300.0);
    const double a = ccsim::erlang_a_model(in).service_level;
    const double c = ccsim::erlang_c_model(in).service_level;
    const double b = ccsim::erlang_b_model(in).service_level;
    EXPECT_GE(a, previous_a) << agents << " agents";
    EXPECT_GE(c, previous_c) << agents << " agents";
    EXPECT_GE(b, previous_b) << agents << " agents";
    previous_a = a;
    previous_c = c;
    previous_b = b;
  }
}

TEST(Erlang, AgentsForReturnsTheFirstStaffingThatReachesTheTarget) {
  for (double load : {0.5, 10.0, 123.4}) {
    ErlangInput in = with_patience(textbook(0), 300.0);
    in.rate_per_s = load / in.aht_s;
    for (double target : {0.5, 0.8, 0.95}) {
      const ErlangResult b = ccsim::erlang_b_agents_for(in, target);
      EXPECT_LE(b.p_abandon, 1.0 - target);
      EXPECT_GT(ccsim::erlang_b(b.agents - 1, load), 1.0 - target) << load << " " << target;

      const ErlangResult c = ccsim::erlang_c_agents_for(in, target);
      EXPECT_GT(c.agents, load);
      EXPECT_GE(c.service_level, target);
      in.agents = c.agents - 1;
      EXPECT_LT(ccsim::erlang_c_model(in).service_level, target) << load << " " << target;

      const ErlangResult a = ccsim::erlang_a_agents_for(in, target);
      EXPECT_GE(a.service_level, target);
      in.agents = a.agents - 1;
      EXPECT_LT(ccsim::erlang_a_model(in).service_level, target) << load << " " << target;
    }
  }
}

TEST(Erlang, AgentsForHandlesThousandsOfErlangs) {
  ErlangInput in;
  in.aht_s = 300.0;
  in.rate_per_s = 5000.0 / in.aht_s;
  in.patience_s = 120.0;
  const ErlangResult c = ccsim::erlang_c_agents_for(in, 0.8);
  EXPECT_GT(c.agents, 5000);
  EXPECT_LT(c.agents, 5100);
  const ErlangResult a = ccsim::erlang_a_agents_for(in, 0.8);
  EXPECT_GE(a.service_level, 0.8);
  in.agents = a.agents - 1;
  EXPECT_LT(ccsim::erlang_a_model(in).service_level, 0.8);
}

TEST(Erlang, AgentsForIgnoresTheGivenAgents) {
  ErlangInput in = textbook(500);
  EXPECT_EQ(ccsim::erlang_c_agents_for(in, 0.8).agents, 14);
}

TEST(Erlang, InvalidInputThrows) {
  const ErlangInput good = with_patience(textbook(13), 300.0);
  auto bad = [&](auto change) {
    ErlangInput in = good;
    change(in);
    return in;
  };
  EXPECT_THROW(ccsim::erlang_c_model(bad([](ErlangInput& in) { in.rate_per_s = -1; })),
               std::invalid_argument);
  EXPECT_THROW(ccsim::erlang_c_model(bad([](ErlangInput& in) { in.aht_s = 0; })),
               std::invalid_argument);
  EXPECT_THROW(ccsim::erlang_b_model(bad([](ErlangInput& in) { in.agents = -1; })),
               std::invalid_argument);
  EXPECT_THROW(ccsim::erlang_b_model(bad([](ErlangInput& in) { in.agents = 2'000'000; })),
               std::invalid_argument);
  EXPECT_THROW(ccsim::erlang_c_model(bad([](ErlangInput& in) { in.answer_within_s = -1; })),
               std::invalid_argument);
  EXPECT_THROW(ccsim::erlang_a_model(bad([](ErlangInput& in) { in.patience_s = 0.0; })),
               std::invalid_argument);
  EXPECT_THROW(ccsim::erlang_a_model(bad([](ErlangInput& in) { in.patience_s.reset(); })),
               std::invalid_argument);
  EXPECT_THROW(ccsim::erlang_c_model(bad([](ErlangInput& in) { in.aht_s = NAN; })),
               std::invalid_argument);
  EXPECT_THROW(ccsim::erlang_c_agents_for(good, 0.0), std::invalid_argument);
  EXPECT_THROW(ccsim::erlang_a_agents_for(good, 1.0), std::invalid_argument);
  EXPECT_THROW(ccsim::erlang_b_agents_for(good, 1.5), std::invalid_argument);
  EXPECT_THROW(ccsim::erlang_b(-1, 1.0), std::invalid_argument);
}

TEST(Erlang, InvalidInputNamesTheFieldAndValue) {
  ErlangInput in = textbook(13);
  in.aht_s = -3;
  try {
    ccsim::erlang_c_model(in);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string{e.what()}, "aht_s must be > 0, got -3");
  }
}

}  // namespace
