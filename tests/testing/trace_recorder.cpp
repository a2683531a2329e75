#include "testing/trace_recorder.h"

#include "testing/models.h"

namespace ccsim::testing {

std::vector<TraceRecord> trace_of(const Model& model, Tallies* tallies_out) {
  TraceRecorder recorder;
  Tallies tallies = run_replication(model, 1, 0, &recorder);
  expect_conservation(model, tallies);
  if (tallies_out) *tallies_out = std::move(tallies);
  return recorder.records;
}

std::vector<TraceRecord> journey(const Model& model, Tallies* tallies_out) {
  std::vector<TraceRecord> steps;
  for (const TraceRecord& r : trace_of(model, tallies_out))
    if (r.kind != TraceKind::staffing) steps.push_back(r);
  return steps;
}

}  // namespace ccsim::testing
