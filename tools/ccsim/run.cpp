// `ccsim run FILE`: replications of a scenario, the KPI table on standard output, and optionally
// JSON and CSV files (written whole or not at all).
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <fmt/core.h>

#include "ccsim/output_file.h"
#include "ccsim/runner.h"
#include "ccsim/scenario.h"
#include "ccsim/writers.h"
#include "commands.h"
#include "progress_bar.h"

namespace ccsim::cli {

namespace {

struct RunArguments {
  std::string file;
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::string json_out;
  std::string csv_out;
  bool quiet = false;
};

int run(const RunArguments& args) {
  const Model model = load_scenario(args.file);
  RunOptions options;
  options.replications = args.replications.value_or(model.run.replications);
  options.seed = args.seed.value_or(model.run.seed);
  options.threads = args.threads;
  ProgressBar progress("replications", options.replications);
  options.progress = [&progress](int done, int) { progress.update(done); };

  const auto start = std::chrono::steady_clock::now();
  const RunResult result = run_replications(model, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const RunDescription description{options.replications, options.seed};
  if (!args.json_out.empty())
    write_file_atomically(args.json_out, [&](std::ostream& out) {
      write_json(out, model, result.summary, description);
    });
  if (!args.csv_out.empty())
    write_file_atomically(args.csv_out, [&](std::ostream& out) {
      write_csv(out, model, result.summary);
    });
  if (!args.quiet) write_table(std::cout, model, result.summary, description);
  // Wall-clock figures go to standard error: the outputs above must not depend on them.
  fmt::print(stderr, "{} replications, {} contacts, {} events in {:.2f} s ({:.1f} M events/s)\n",
             options.replications, result.totals.arrivals, result.totals.events, seconds,
             seconds > 0 ? static_cast<double>(result.totals.events) / seconds / 1e6 : 0.0);
  return 0;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArguments>();
  CLI::App* cmd = app.add_subcommand("run", "Run the replications of a scenario and print its KPIs");
  cmd->add_option("file", args->file, "Scenario file (JSON, comments allowed)")->required();
  cmd->add_option("-r,--replications", args->replications, "Replications (default: the scenario's run.replications)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("-s,--seed", args->seed, "Seed of the random streams (default: the scenario's run.seed)");
  cmd->add_option("-t,--threads", args->threads, "Worker threads (default: every core)")
      ->check(CLI::Range(0, 4096));
  cmd->add_option("--json", args->json_out, "Write the summary as JSON to this file");
  cmd->add_option("--csv", args->csv_out, "Write the summary as tidy CSV to this file");
  cmd->add_flag("-q,--quiet", args->quiet, "Do not print the table");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace ccsim::cli
