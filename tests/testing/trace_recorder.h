// Records an engine's trace, for tests that pin the exact sequence of a tiny journey.
#pragma once

#include <ostream>
#include <vector>

#include "ccsim/engine.h"

namespace ccsim::testing {

class TraceRecorder : public TraceSink {
 public:
  void record(const TraceRecord& record) override { records.push_back(record); }
  std::vector<TraceRecord> records;
};

}  // namespace ccsim

namespace ccsim {
// Readable failure messages: "t=10 answer #1 type 0 group 0".
inline void PrintTo(const TraceRecord& r, std::ostream* out) {
  *out << "t=" << r.time << ' ' << trace_kind_name(r.kind) << " #" << r.contact << " type "
       << r.type << " group " << r.group;
}
}  // namespace ccsim
