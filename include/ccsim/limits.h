// What a run may cost before it starts, and what stops a replication that could never end.
//
// Bad input is refused with its place in the file; these limits catch what a scenario can only
// show when it runs: a queue that grows without bound, a customer who comes back at the same
// instant for ever, a horizon whose tallies would not fit in memory. Each stops the run with a
// message that names the cause and, for memory, the estimate and how to raise the limit.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "ccsim/diagnostics.h"
#include "ccsim/model.h"

namespace ccsim {

// A customer who makes this many contacts about one issue (retries, repeats, transfers,
// escalations) is in a loop the run cannot leave: no contact centre sees a thousand.
inline constexpr std::uint32_t max_contacts_per_issue = 1000;

// A replication that cannot end, or would outgrow the memory limit, stops with this. It is a
// property of the scenario, found only by running it, not a fault of the engine.
class RunStopped : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The memory a run needs would pass RunSettings::memory_limit_bytes: refused before it starts.
class MemoryLimitExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Loops a scenario makes certain, each with the pointers involved: a customer who abandons at
// once and retries at once with p = 1 (from the queue, or from a bot that always loses it), or
// one whose issue is never resolved and who repeats at once with p = 1 after a handle time of 0.
// Such a customer comes back at the same instant for ever. The engine stops any loop these
// cannot see (max_contacts_per_issue); these are refused before a run.
std::vector<Diagnostic> endless_loops(const Model& model, const std::string& file);

// Bytes a contact in the system may take at most in a worker's workspace: its slot, its events
// and its place on the free list, doubled for the growth of the vectors that hold them.
std::uint64_t bytes_per_contact_in_system();

// Contacts one replication may hold at once under `memory_limit_bytes`: a quarter of the limit,
// so that two workers at their peak and the tallies still fit.
std::uint32_t contacts_in_system_limit(std::uint64_t memory_limit_bytes);

// What `replications` of `models` (variants run side by side) on `threads` workers (0: every
// core) hold at their peak, contacts in the system aside: each worker's tallies, the KPI vectors
// of the replications in flight, and a running summary per model.
struct MemoryEstimate {
  std::uint64_t tallies_bytes = 0;   // all workers
  std::uint64_t kpi_bytes = 0;       // a batch of replications' KPI vectors
  std::uint64_t summary_bytes = 0;   // running means and variances, and the final estimates
  std::uint64_t total() const { return tallies_bytes + kpi_bytes + summary_bytes; }
};
MemoryEstimate estimate_memory(const std::vector<const Model*>& models, int threads,
                               std::uint64_t replications);

// Throws MemoryLimitExceeded, with the estimate, its largest part and the ways out, when the
// run would need more than the first model's limit. Commands call it before they allocate their
// summaries; the runner calls it again for every range it runs.
void check_memory(const std::vector<const Model*>& models, int threads, std::uint64_t replications);

// "1.5 GiB", "640 MiB", "12 KiB", "512 B".
std::string byte_size_text(std::uint64_t bytes);

}  // namespace ccsim
