// Speed and memory of the engine on the reference model, against a bare event loop of that model.
//
// The reference model: one contact type, one group of 100 agents, Poisson arrivals at load 0.95
// (0.95 * 100 / 240 contacts per second), exponential handle time of mean 240 s, exponential
// patience of mean 300 s, one interval as long as the run, no warm-up, contacts followed to the
// end.
//
//   BM_BareLoop        the yardstick (bare_loop.h): what a tight hand-written loop does
//   BM_Engine          ccsim::run_replication on the same model: the whole engine, tallies,
//                      histograms and the conservation check included
//   BM_Replications    ccsim::run_replications of 8 replications on 1 and on 2 threads (wall time)
//
// And a large centre, built in centre_models.h, against its single-queue twin:
//
//   BM_MultiSkillCentre  1,000 agents at load 0.9: 200 contact types served by 50 groups of 20
//                        agents with 4 to 8 skills each
//   BM_SingleQueueTwin   the same centre as one type and one group of 1,000 agents (same total
//                        arrival rate, handle time and patience, same contacts per replication)
//
// Their ratio of events (or contacts) per second is what multi-skill routing costs the engine.
//
// Run with --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true and compare
// medians: the machines are shared and noisy, so only side-by-side figures are meaningful
// (tools/bench/run-benchmarks.sh does this and writes the record).
//
// `ccsim_bench --peak-memory[=CONTACTS]` runs instead one replication of the reference model with
// CONTACTS arrivals (default 100 million) and prints its peak resident memory as JSON. It is a mode
// of its own, run as its own process, so that no other benchmark inflates the high-water mark.
// `--peak-memory-daily[=CONTACTS]` does the same with the reference model cut into daily intervals
// (1,440 minutes each, same rate and staffing every day) over as many days as CONTACTS arrivals
// need: what the tallies kept per interval cost over a long horizon.
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>

#include <benchmark/benchmark.h>
#include <boost/version.hpp>

#include "bare_loop.h"
#include "centre_models.h"
#include "ccsim/engine.h"
#include "ccsim/model.h"
#include "ccsim/runner.h"
#include "ccsim/tallies.h"

namespace {

constexpr int agents = 100;
constexpr double load = 0.95;
constexpr double handle_mean_s = 240.0;
constexpr double patience_mean_s = 300.0;
constexpr double rate_per_s = load * agents / handle_mean_s;
constexpr std::uint64_t seed = 20240601;

// Enough contacts per iteration that the model's start (an empty system) and the end of the run
// are a negligible part of the time, and an iteration lasts a few tenths of a second.
constexpr double contacts_per_iteration = 2e6;
// Per replication of BM_Replications: about 0.2 s of engine time each on this hardware, long
// enough that the scheduling of 8 tasks on 2 threads costs nothing against them.
constexpr double contacts_per_replication = 1.4e6;
constexpr int replications = 8;

// The reference model, with a horizon in which `contacts` arrivals are expected. Built as
// tests/testing/models.cpp builds its single queue.
ccsim::Model reference_model(double contacts) {
  ccsim::Model model;
  model.name = "reference";
  model.horizon.intervals_per_day = 1;
  model.horizon.days = 1;
  model.horizon.interval_s = contacts / rate_per_s;
  model.run.warmup_s = 0.0;
  model.run.drain = true;
  ccsim::ContactType calls;
  calls.id = "calls";
  calls.rate_per_s.assign(1, rate_per_s);
  calls.handle_time = ccsim::Exponential{handle_mean_s};
  calls.patience = ccsim::Exponential{patience_mean_s};
  model.contact_types.push_back(calls);
  ccsim::AgentGroup group;
  group.id = "agents";
  group.staffed.assign(1, agents);
  group.on_duty.assign(1, agents);
  group.skills.push_back(ccsim::Skill{0, 1, 1.0});
  model.agent_groups.push_back(group);
  ccsim::link_routing(model);
  return model;
}

// The reference model in daily intervals: one interval of 1,440 minutes a day, over the whole
// days in which at least `contacts` arrivals are expected.
ccsim::Model reference_daily_model(double contacts) {
  constexpr double day_s = 86400.0;
  const int days = static_cast<int>(std::ceil(contacts / (rate_per_s * day_s)));
  ccsim::Model model = reference_model(contacts);
  model.name = "reference-daily";
  model.horizon.intervals_per_day = 1;
  model.horizon.interval_s = day_s;
  model.horizon.days = days;
  const auto intervals = static_cast<std::size_t>(model.horizon.intervals());
  model.contact_types[0].rate_per_s.assign(intervals, rate_per_s);
  model.agent_groups[0].staffed.assign(intervals, agents);
  model.agent_groups[0].on_duty.assign(intervals, agents);
  ccsim::link_routing(model);
  return model;
}

ccsim::bench::BareModel bare_model(double contacts) {
  ccsim::bench::BareModel model;
  model.agents = agents;
  model.rate_per_s = rate_per_s;
  model.handle_mean_s = handle_mean_s;
  model.patience_mean_s = patience_mean_s;
  model.horizon_s = contacts / rate_per_s;
  return model;
}

struct Totals {
  std::uint64_t arrivals = 0;
  std::uint64_t handled = 0;
  std::uint64_t abandoned = 0;
  std::uint64_t events = 0;
};

Totals engine_totals(const ccsim::Tallies& tallies) {
  Totals totals{tallies.arrivals, 0, 0, tallies.events};
  for (const ccsim::ContactTally& tally : tallies.contacts) {
    totals.handled += tally.handled;
    totals.abandoned += tally.abandoned;
  }
  return totals;
}

// Contacts and events as rates (per second of CPU time, or of real time with UseRealTime), and the
// share of abandons, which shows that both benchmarks simulate the same system.
void report(benchmark::State& state, const Totals& totals) {
  state.SetItemsProcessed(static_cast<std::int64_t>(totals.arrivals));
  state.counters["contacts_per_s"] =
      benchmark::Counter(static_cast<double>(totals.arrivals), benchmark::Counter::kIsRate);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(totals.events), benchmark::Counter::kIsRate);
  state.counters["abandoned_pct"] =
      totals.arrivals ? 100.0 * static_cast<double>(totals.abandoned) / totals.arrivals : 0.0;
}

// Each iteration simulates a new replication (new streams), the same sequence in both benchmarks.
void BM_BareLoop(benchmark::State& state) {
  const ccsim::bench::BareModel model = bare_model(contacts_per_iteration);
  std::uint64_t replication = 0;
  Totals totals;
  for (auto _ : state) {
    const ccsim::bench::BareCounts counts = ccsim::bench::run_bare_loop(model, seed, replication++);
    benchmark::DoNotOptimize(counts);
    totals.arrivals += counts.arrivals;
    totals.handled += counts.answered;
    totals.abandoned += counts.abandoned;
    totals.events += counts.events;
  }
  report(state, totals);
}
BENCHMARK(BM_BareLoop)->Unit(benchmark::kMillisecond);

// Each iteration one replication of `model`, a new one each time (new streams).
void run_engine(benchmark::State& state, const ccsim::Model& model) {
  std::uint64_t replication = 0;
  Totals totals;
  // One workspace for every iteration, as a worker thread keeps one for all its replications.
  ccsim::Workspace workspace;
  for (auto _ : state) {
    const ccsim::Tallies& tallies = ccsim::run_replication(model, seed, replication++, workspace);
    benchmark::DoNotOptimize(tallies.events);
    const Totals one = engine_totals(tallies);
    totals.arrivals += one.arrivals;
    totals.handled += one.handled;
    totals.abandoned += one.abandoned;
    totals.events += one.events;
  }
  report(state, totals);
}

void BM_Engine(benchmark::State& state) {
  run_engine(state, reference_model(contacts_per_iteration));
}
BENCHMARK(BM_Engine)->Unit(benchmark::kMillisecond);

// The large centre and its twin, the same number of contacts per iteration: half as many as for the
// reference model, since the multi-skill centre is the slow one and its iterations should last a
// few tenths of a second too.
constexpr double centre_contacts_per_iteration = 1e6;

void BM_MultiSkillCentre(benchmark::State& state) {
  run_engine(state, ccsim::bench::multi_skill_centre(centre_contacts_per_iteration));
  state.counters["events_per_contact"] = state.counters["events_per_s"].value /
                                         state.counters["contacts_per_s"].value;
}
BENCHMARK(BM_MultiSkillCentre)->Unit(benchmark::kMillisecond);

void BM_SingleQueueTwin(benchmark::State& state) {
  run_engine(state, ccsim::bench::single_queue_twin(centre_contacts_per_iteration));
  state.counters["events_per_contact"] = state.counters["events_per_s"].value /
                                         state.counters["contacts_per_s"].value;
}
BENCHMARK(BM_SingleQueueTwin)->Unit(benchmark::kMillisecond);

// The same two over a day of 48 half hours (same rates and staffing in each): what per-interval
// tallies of 200 types cost against those of one.
ccsim::bench::CentreShape half_hours() {
  ccsim::bench::CentreShape shape;
  shape.intervals = 48;
  return shape;
}

void BM_MultiSkillCentreHalfHours(benchmark::State& state) {
  run_engine(state, ccsim::bench::multi_skill_centre(centre_contacts_per_iteration, half_hours()));
}
BENCHMARK(BM_MultiSkillCentreHalfHours)->Unit(benchmark::kMillisecond);

void BM_SingleQueueTwinHalfHours(benchmark::State& state) {
  run_engine(state, ccsim::bench::single_queue_twin(centre_contacts_per_iteration, half_hours()));
}
BENCHMARK(BM_SingleQueueTwinHalfHours)->Unit(benchmark::kMillisecond);

// Real time: the point is the wall-clock speed-up from the second thread.
void BM_Replications(benchmark::State& state) {
  const ccsim::Model model = reference_model(contacts_per_replication);
  ccsim::RunOptions options;
  options.replications = replications;
  options.seed = seed;
  options.threads = static_cast<int>(state.range(0));
  Totals totals;
  for (auto _ : state) {
    const ccsim::RunResult result = ccsim::run_replications(model, options);
    benchmark::DoNotOptimize(result.totals.events);
    totals.arrivals += result.totals.arrivals;
    totals.events += result.totals.events;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(totals.arrivals));
  state.counters["contacts_per_s"] =
      benchmark::Counter(static_cast<double>(totals.arrivals), benchmark::Counter::kIsRate);
  state.counters["replications"] = replications;
}
BENCHMARK(BM_Replications)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

// The bare loop is only a fair yardstick if it simulates what the engine simulates. Same streams,
// same draws, same arithmetic: the counts must be identical (a tie of two event times, which could
// order them differently, has probability zero).
std::string check_yardstick() {
  constexpr double contacts = 2e5;
  const ccsim::bench::BareCounts bare = ccsim::bench::run_bare_loop(bare_model(contacts), seed, 0);
  const Totals engine = engine_totals(ccsim::run_replication(reference_model(contacts), seed, 0));
  char text[256];
  const bool same = bare.arrivals == engine.arrivals && bare.answered == engine.handled &&
                    bare.abandoned == engine.abandoned && bare.events == engine.events - 1;
  // engine.events - 1: the engine also takes its end-of-horizon boundary off the calendar.
  std::snprintf(text, sizeof text,
                "%s (bare %llu arrivals, %llu handled, %llu abandoned, %llu events; engine %llu, "
                "%llu, %llu, %llu)",
                same ? "same trajectory" : "DIFFERENT trajectories",
                static_cast<unsigned long long>(bare.arrivals),
                static_cast<unsigned long long>(bare.answered),
                static_cast<unsigned long long>(bare.abandoned),
                static_cast<unsigned long long>(bare.events),
                static_cast<unsigned long long>(engine.arrivals),
                static_cast<unsigned long long>(engine.handled),
                static_cast<unsigned long long>(engine.abandoned),
                static_cast<unsigned long long>(engine.events));
  if (!same) std::fprintf(stderr, "warning: the bare loop and the engine disagree: %s\n", text);
  return text;
}

// ---- peak memory ------------------------------------------------------------------------------

// A field of /proc/self/status in kB ("VmHWM", "VmRSS"), or -1.
long status_kb(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::size_t length = std::strlen(field);
  while (std::getline(status, line))
    if (line.compare(0, length, field) == 0 && line.size() > length && line[length] == ':')
      return std::strtol(line.c_str() + length + 1, nullptr, 10);
  return -1;
}

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

int peak_memory(const ccsim::Model& model, double contacts) {
  const long rss_before_kb = status_kb("VmRSS");
  const double cpu_start = cpu_seconds();
  const auto wall_start = std::chrono::steady_clock::now();
  const ccsim::Tallies tallies = ccsim::run_replication(model, seed, 0);
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  const double cpu_s = cpu_seconds() - cpu_start;
  const Totals totals = engine_totals(tallies);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);  // ru_maxrss is in kB on Linux
  std::printf(
      "{\"model\": \"%s\", \"intervals\": %d, \"interval_s\": %.0f, "
      "\"contacts_target\": %.0f, \"arrivals\": %llu, \"events\": %llu, \"abandoned_pct\": %.4f, "
      "\"cpu_s\": %.3f, \"wall_s\": %.3f, \"contacts_per_s\": %.0f, \"events_per_s\": %.0f, "
      "\"rss_before_run_kb\": %ld, \"vm_hwm_kb\": %ld, \"ru_maxrss_kb\": %ld}\n",
      model.name.c_str(), model.horizon.intervals(), model.horizon.interval_s, contacts,
      static_cast<unsigned long long>(totals.arrivals),
      static_cast<unsigned long long>(totals.events),
      100.0 * static_cast<double>(totals.abandoned) / static_cast<double>(totals.arrivals), cpu_s,
      wall_s, static_cast<double>(totals.arrivals) / cpu_s,
      static_cast<double>(totals.events) / cpu_s, rss_before_kb, status_kb("VmHWM"),
      usage.ru_maxrss);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    // The model is built before the mode measures anything: its size is part of the resident
    // memory before the run, not of the run's growth.
    if (arg == "--peak-memory") return peak_memory(reference_model(1e8), 1e8);
    if (arg.rfind("--peak-memory=", 0) == 0) {
      const double contacts = std::atof(arg.c_str() + 14);
      return peak_memory(reference_model(contacts), contacts);
    }
    if (arg == "--peak-memory-daily") return peak_memory(reference_daily_model(1e8), 1e8);
    if (arg.rfind("--peak-memory-daily=", 0) == 0) {
      const double contacts = std::atof(arg.c_str() + 20);
      return peak_memory(reference_daily_model(contacts), contacts);
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // Recorded in the JSON context, beside the library's own host and CPU description.
#if defined(__clang__)
  benchmark::AddCustomContext("compiler", "clang " __clang_version__);
#else
  benchmark::AddCustomContext("compiler", "g++ " __VERSION__);
#endif
  benchmark::AddCustomContext("boost", BOOST_LIB_VERSION);
  benchmark::AddCustomContext("yardstick_check", check_yardstick());
  benchmark::AddCustomContext(
      "multi_skill_centre",
      ccsim::bench::describe_multi_skill_centre(ccsim::bench::multi_skill_centre(1.0)));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
