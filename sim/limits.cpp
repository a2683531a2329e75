#include "ccsim/limits.h"

#include <algorithm>
#include <array>
#include <variant>

#include <fmt/core.h>
#include <tbb/task_arena.h>

#include "ccsim/summary.h"
#include "ccsim/tallies.h"
#include "ccsim/wait_histogram.h"

namespace ccsim {

namespace {

// A duration that is 0 whatever is drawn. Bounds cannot make one (they keep some probability above
// their min, which is below their max), nor can a Kaplan-Meier curve (its times are > 0); a
// mixture is when every part is.
template <class D>
bool always_zero(const D& d) {
  if (const auto* fixed = std::get_if<Deterministic>(&d)) return fixed->value == 0.0;
  if (const auto* uniform = std::get_if<Uniform>(&d)) return uniform->high == 0.0;
  if (const auto* empirical = std::get_if<Empirical>(&d))
    return std::all_of(empirical->values.begin(), empirical->values.end(), [](double v) { return v == 0.0; });
  return false;
}
bool always_zero(const Distribution& d) {
  if (const auto* mixture = std::get_if<Mixture>(&d))
    return std::all_of(mixture->components.begin(), mixture->components.end(),
                       [](const Truncated& part) { return always_zero<Law>(part.law); });
  return always_zero<Distribution>(d);
}

std::string list(const std::vector<std::string>& pointers) {
  std::string text;
  for (std::size_t i = 0; i < pointers.size(); ++i)
    text += (i == 0 ? "" : i + 1 == pointers.size() ? " and " : ", ") + pointers[i];
  return text;
}

}  // namespace

std::vector<Diagnostic> endless_loops(const Model& model, const std::string& file) {
  std::vector<Diagnostic> found;
  for (std::size_t k = 0; k < model.type_count(); ++k) {
    const ContactType& type = model.contact_types[k];
    const std::string at = fmt::format("/contact_types/{}", k);
    const bool retries_at_once = type.retry && type.retry->p == 1.0 && always_zero(type.retry->delay);
    if (retries_at_once && type.patience && always_zero(*type.patience))
      found.push_back({file, at + "/retry",
                       fmt::format("with a patience of 0 s ({}/patience), a retry with p 1 after 0 s "
                                   "makes a customer who finds every agent busy abandon and retry "
                                   "at the same instant for ever: give the retry a delay or a p "
                                   "below 1",
                                   at)});
    for (std::size_t b = 0; b < model.bots.size(); ++b) {
      const Bot& bot = model.bots[b];
      if (std::find(bot.types.begin(), bot.types.end(), k) == bot.types.end()) continue;
      if (retries_at_once && bot.abandon_p == 1.0 && always_zero(bot.duration))
        found.push_back({file, at + "/retry",
                         fmt::format("bot '{}' loses every customer at once ({}), and a retry with "
                                     "p 1 after 0 s brings each back to it at the same instant for "
                                     "ever: give the retry a delay or a p below 1",
                                     bot.id, list({fmt::format("/automation/bots/{}/abandon_p", b),
                                                   fmt::format("/automation/bots/{}/duration", b)}))});
    }
    const bool repeats_at_once = type.repeat && type.repeat->p == 1.0 && always_zero(type.repeat->delay);
    if (repeats_at_once && type.resolution_p == 0.0 && always_zero(type.handle_time))
      found.push_back({file, at + "/repeat",
                       fmt::format("issues are never resolved ({}) and take 0 s to handle ({}), so "
                                   "a repeat with p 1 after 0 s brings each customer back at the "
                                   "same instant for ever: give the repeat a delay or a p below 1",
                                   at + "/resolution/p", at + "/handle_time")});
  }
  return found;
}

namespace {

// A compact histogram starts at a byte per bin, with its block index and count beside it.
constexpr std::uint64_t compact_histogram_bytes =
    WaitHistogram::bin_count + sizeof(std::uint32_t) + sizeof(std::uint64_t);

std::uint64_t tallies_bytes(const Model& model) {
  const std::uint64_t intervals = static_cast<std::uint64_t>(model.horizon.intervals());
  const std::uint64_t types = model.type_count();
  const std::uint64_t groups = model.group_count();
  const std::uint64_t per_type_cell = sizeof(ContactTally) + sizeof(IssueTally) +
                                      sizeof(BacklogTally) + 2 * compact_histogram_bytes;
  return intervals * (types * per_type_cell + groups * sizeof(AgentTally)) +
         types * (2 * sizeof(WaitHistogram) + sizeof(std::uint64_t));
}

std::uint64_t workers(int threads) {
  return static_cast<std::uint64_t>(threads > 0 ? threads : tbb::this_task_arena::max_concurrency());
}

}  // namespace

MemoryEstimate estimate_memory(const std::vector<const Model*>& models, int threads,
                               std::uint64_t replications) {
  MemoryEstimate estimate;
  const std::uint64_t n = workers(threads);
  std::uint64_t largest_tallies = 0;
  std::uint64_t kpis_per_replication = 0;
  for (const Model* model : models) {
    largest_tallies = std::max(largest_tallies, tallies_bytes(*model));
    const std::uint64_t kpis = KpiLayout(*model).size();
    kpis_per_replication += kpis;
    // Count, mean and M2 while folding, then mean, half-width and count per estimate.
    estimate.summary_bytes += kpis * (3 + 3) * sizeof(double);
  }
  // A worker's workspace takes the shape of the largest model it ran, and keeps it.
  estimate.tallies_bytes = n * largest_tallies;
  // The runner folds in batches of eight replications per worker (runner.cpp), and each worker
  // holds the vector it is filling.
  const std::uint64_t in_flight = std::min(8 * n, std::max<std::uint64_t>(replications, 1));
  estimate.kpi_bytes = (in_flight + n) * kpis_per_replication * sizeof(double);
  return estimate;
}

void check_memory(const std::vector<const Model*>& models, int threads, std::uint64_t replications) {
  if (models.empty()) return;
  const std::uint64_t limit = models.front()->run.memory_limit_bytes;
  const MemoryEstimate estimate = estimate_memory(models, threads, replications);
  if (estimate.total() <= limit) return;
  const Model& model = *models.front();
  const std::string shape = fmt::format(
      "{} interval{} x {} contact type{} and {} agent group{}", model.horizon.intervals(),
      model.horizon.intervals() == 1 ? "" : "s", model.type_count(), model.type_count() == 1 ? "" : "s",
      model.group_count(), model.group_count() == 1 ? "" : "s");
  const std::uint64_t n = workers(threads);
  std::string largest;
  if (estimate.tallies_bytes >= estimate.kpi_bytes && estimate.tallies_bytes >= estimate.summary_bytes)
    largest = fmt::format("the counts of {} ({} per worker, {} worker{})", shape,
                          byte_size_text(estimate.tallies_bytes / n), n, n == 1 ? "" : "s");
  else if (estimate.summary_bytes >= estimate.kpi_bytes)
    largest = fmt::format("the summaries of {} ({})", shape, byte_size_text(estimate.summary_bytes));
  else
    largest = fmt::format("the KPIs of {} in the replications in flight ({})", shape,
                          byte_size_text(estimate.kpi_bytes));
  throw MemoryLimitExceeded(fmt::format(
      "this run needs about {} of memory, more than its limit of {}: most of it for {}. Use fewer "
      "intervals or contact types, --detail day or total, fewer threads, or raise the limit "
      "deliberately with --memory-limit (e.g. --memory-limit {}G)",
      byte_size_text(estimate.total()), byte_size_text(limit), largest,
      (estimate.total() + estimate.total() / 4 + (std::uint64_t{1} << 30) - 1) >> 30));
}

std::string byte_size_text(std::uint64_t bytes) {
  constexpr std::array<const char*, 5> units = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < units.size()) {
    value /= 1024.0;
    ++unit;
  }
  if (unit == 0) return fmt::format("{} B", bytes);
  if (value < 10.0) return fmt::format("{:.1f} {}", value, units[unit]);
  return fmt::format("{:.0f} {}", value, units[unit]);
}

}  // namespace ccsim
