// Contact-level traces: every step of every contact's life in chosen replications, as tidy CSV
// (`ccsim run --trace FILE.csv --trace-replications 0,3`), to check a routing rule by eye, feed an
// animation, or reconcile with the summary. Columns:
//
//   replication,[variant,]customer_type,customer,attempt,contact,type,event,time_s,group,handle_s,patience_s
//
// customer_type and customer (the arrival number within that type, from 0) name the customer the
// same way in every variant of a scenario, and attempt counts their contacts about one issue (0
// first, then returns, retries and transfers); contact numbers contacts in arrival order in this
// replication; type is the contact type's id; event is a TraceKind name (arrival, answer,
// service_end, abandonment, escalated, transferred, contained, ...); group is the agent group's id
// or empty; handle_s (before the serving group's factor) and patience_s are the customer's draws
// for that contact ("inf": never abandons), empty before it has them. Staffing changes and the
// ends of agents' wrap-up (after-call work) are left out: they are an agent's, not a contact's
// (a contact's service_end is the end of its conversation, when it leaves; its agent may then
// wrap up).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/engine.h"
#include "ccsim/model.h"

namespace ccsim {

// The replications a trace covers: "0,3", "2:5" (2 to 5), or both ("0,4:6"). Throws InputError
// (file `option`) on anything else, or a replication >= `replications`.
std::vector<std::uint64_t> parse_trace_replications(std::string_view text, int replications,
                                                    const std::string& option);

// The header line of a trace (with a variant column or not).
std::string trace_header(bool with_variant);

// Writes the rows of one replication of one model; `variant` is "" without what-ifs.
class ContactTrace : public TraceSink {
 public:
  ContactTrace(std::ostream& out, const Model& model, std::uint64_t replication, std::string variant);
  void record(const TraceRecord& record) override;

 private:
  std::ostream& out_;
  const Model& model_;
  std::string prefix_;  // "replication," or "replication,variant,"
};

// Runs replication `replication` of `model` with `seed` again, on its own, tracing it to `out`:
// the same trajectory as that replication in a run (streams depend on seed and replication only).
void write_trace(std::ostream& out, const Model& model, std::uint64_t seed,
                 std::uint64_t replication, const std::string& variant);

}  // namespace ccsim
