// Common random numbers: a customer's draws are the customer's own, so two staffings of the same
// centre give every customer present in both, with the same history so far, the same handle
// times, patience and outcomes, even when customers come back (retries, repeats), are transferred
// or escalated.
#include <map>
#include <tuple>

#include <gtest/gtest.h>

#include "ccsim/engine.h"
#include "testing/models.h"
#include "testing/trace_recorder.h"

namespace ccsim {
namespace {

using Key = std::tuple<int, std::uint64_t, std::uint32_t>;  // customer type, number, attempt

struct Drawn {
  double handle_s = 0.0;
  double patience_s = 0.0;
  int group = -1;  // answering group, -1 if never answered
  int outcome = -1;  // TraceKind of the outcome, -1 if none
  int ending = -1;   // how the attempt ended: its outcome, or an abandonment
};

std::map<Key, Drawn> contacts_of(const Model& model, std::uint64_t replication) {
  testing::TraceRecorder recorder;
  run_replication(model, 7, replication, &recorder);
  std::map<Key, Drawn> out;
  for (const TraceRecord& r : recorder.records) {
    if (r.customer_type < 0) continue;
    Drawn& d = out[{r.customer_type, r.customer, r.attempt}];
    switch (r.kind) {
      case TraceKind::arrival:
        d.handle_s = r.handle_s;
        d.patience_s = r.patience_s;
        break;
      case TraceKind::answer: d.group = r.group; break;
      case TraceKind::resolved:
      case TraceKind::unresolved:
      case TraceKind::escalated:
        d.outcome = d.ending = static_cast<int>(r.kind);
        break;
      case TraceKind::abandonment:
      case TraceKind::transferred:
      case TraceKind::unreached:
        d.ending = static_cast<int>(r.kind);
        break;
      default: break;
    }
  }
  return out;
}

// Whether the customer's attempts before this one ended alike in both runs: only then is this
// attempt the same contact (a retry in one run may be an escalation in the other).
bool same_history(const std::map<Key, Drawn>& a, const std::map<Key, Drawn>& b, const Key& key) {
  const auto [type, customer, attempt] = key;
  for (std::uint32_t earlier = 0; earlier < attempt; ++earlier) {
    const auto x = a.find({type, customer, earlier}), y = b.find({type, customer, earlier});
    if (x == a.end() || y == b.end() || x->second.ending != y->second.ending) return false;
  }
  return true;
}

TEST(CommonRandomNumbers, EveryCustomerInBothStaffingsDrawsTheSameUnderReturnsAndEscalation) {
  // tiered_centre has retries, repeats, warm and cold escalation, misroutes and callbacks; the
  // second variant has three more tier-1 agents, which changes who waits, abandons and retries.
  const Model lean = testing::tiered_centre();
  Model rich = lean;
  for (double& agents : rich.agent_groups[0].on_duty) agents += 3;
  link_routing(rich);
  for (std::uint64_t r = 0; r < 3; ++r) {
    const auto a = contacts_of(lean, r);
    const auto b = contacts_of(rich, r);
    int later_attempts = 0, same_group = 0, differing_paths = 0;
    for (const auto& [key, drawn] : a) {
      const auto it = b.find(key);
      if (it == b.end() || !same_history(a, b, key)) {
        ++differing_paths;
        continue;
      }
      EXPECT_EQ(drawn.handle_s, it->second.handle_s)
          << "type " << std::get<0>(key) << " customer " << std::get<1>(key) << " attempt " << std::get<2>(key);
      EXPECT_EQ(drawn.patience_s, it->second.patience_s);
      if (std::get<2>(key) > 0) ++later_attempts;
      // Resolution depends on the serving group's factor: same group, same draw, same outcome.
      if (drawn.group >= 0 && drawn.group == it->second.group && drawn.outcome >= 0 &&
          it->second.outcome >= 0) {
        ++same_group;
        EXPECT_EQ(drawn.outcome, it->second.outcome);
      }
    }
    // The property must be exercised: many later attempts in both, and the staffing does change
    // some customers' paths.
    EXPECT_GT(later_attempts, 100) << "replication " << r;
    EXPECT_GT(same_group, 500) << "replication " << r;
    EXPECT_GT(differing_paths, 0) << "replication " << r;
  }
}

}  // namespace
}  // namespace ccsim
