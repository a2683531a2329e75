// What loading a scenario costs, with and without what-ifs in it:
//
//   BM_LoadScenario/with_what_ifs     Scenario::read + compile of scenarios/retail-day.json
//   BM_LoadScenario/without_what_ifs  the same file with its "what_if" object removed
//   BM_LoadCheckingEveryWhatIf        load_scenario: every what-if compiled as well, which is what
//                                     `ccsim validate` pays and every command used to
//   BM_ParseScenario/...              reading and parsing alone, with and without what-ifs
//
// A what-if is compiled only when it is run, so the first two should differ by no more than the
// parsing of the what-if object's text, which the last two measure.
#include <filesystem>
#include <fstream>
#include <string>

#include <benchmark/benchmark.h>

#include "ccsim/scenario.h"

namespace {

namespace fs = std::filesystem;

fs::path retail_day() { return fs::path(CCSIM_BENCH_SOURCE_DIR) / "scenarios" / "retail-day.json"; }

// retail-day.json without its what-ifs, written once beside the benchmark's temporary files.
fs::path retail_day_without_what_ifs() {
  static const fs::path path = [] {
    nlohmann::json document = ccsim::Scenario::read(retail_day()).document();
    document.erase("what_if");
    const fs::path file = fs::temp_directory_path() / "ccsim-bench-retail-day-without-what-ifs.json";
    std::ofstream(file) << document.dump(2);
    return file;
  }();
  return path;
}

void BM_LoadScenario(benchmark::State& state, bool with_what_ifs) {
  const fs::path file = with_what_ifs ? retail_day() : retail_day_without_what_ifs();
  for (auto _ : state) {
    ccsim::Model model = ccsim::Scenario::read(file).compile();
    benchmark::DoNotOptimize(model);
  }
}
BENCHMARK_CAPTURE(BM_LoadScenario, with_what_ifs, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LoadScenario, without_what_ifs, false)->Unit(benchmark::kMicrosecond);

void BM_ParseScenario(benchmark::State& state, bool with_what_ifs) {
  const fs::path file = with_what_ifs ? retail_day() : retail_day_without_what_ifs();
  for (auto _ : state) {
    ccsim::Scenario scenario = ccsim::Scenario::read(file);
    benchmark::DoNotOptimize(scenario);
  }
}
BENCHMARK_CAPTURE(BM_ParseScenario, with_what_ifs, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ParseScenario, without_what_ifs, false)->Unit(benchmark::kMicrosecond);

void BM_LoadCheckingEveryWhatIf(benchmark::State& state) {
  for (auto _ : state) {
    ccsim::Model model = ccsim::load_scenario(retail_day());
    benchmark::DoNotOptimize(model);
  }
}
BENCHMARK(BM_LoadCheckingEveryWhatIf)->Unit(benchmark::kMicrosecond);

}  // namespace
