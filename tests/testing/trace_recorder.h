// Records an engine's trace, for tests that pin the exact sequence of a tiny journey.
#pragma once

#include <ostream>
#include <vector>

#include "ccsim/engine.h"
#include "ccsim/model.h"
#include "ccsim/tallies.h"

namespace ccsim::testing {

class TraceRecorder : public TraceSink {
 public:
  void record(const TraceRecord& record) override { records.push_back(record); }
  std::vector<TraceRecord> records;
};

inline TraceRecord at(double t, TraceKind kind, std::uint64_t contact, int type, int group) {
  return {t, kind, contact, type, group};
}

// The trace of replication 0 (seed 1) of `model`, after checking its conservation laws; its
// tallies go to `tallies_out` when given.
std::vector<TraceRecord> trace_of(const Model& model, Tallies* tallies_out = nullptr);

// The same without the staffing records every trace starts with: the contacts' journey.
std::vector<TraceRecord> journey(const Model& model, Tallies* tallies_out = nullptr);

}  // namespace ccsim::testing

namespace ccsim {
// Readable failure messages: "t=10 answer #1 type 0 group 0".
inline void PrintTo(const TraceRecord& r, std::ostream* out) {
  *out << "t=" << r.time << ' ' << trace_kind_name(r.kind) << " #" << r.contact << " type "
       << r.type << " group " << r.group;
}
}  // namespace ccsim
