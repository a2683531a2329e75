// ccsim: one binary with git-style subcommands (run, validate, erlang, compare, sweep, merge,
// staff, schedule, fit).
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/limits.h"
#include "ccsim/process_group.h"
#include "ccsim/visible_text.h"
#include "commands.h"

int main(int argc, char** argv) {
  // Under mpirun every rank runs this same command; rank 0 speaks for all of them.
  const ccsim::ProcessGroup& group = ccsim::ProcessGroup::start(argc, argv);
  CLI::App app{"ccsim: a discrete-event contact-centre simulator", "ccsim"};
  app.set_version_flag("--version", std::string{"ccsim "} + CCSIM_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  ccsim::cli::add_run_command(app, exit_code);
  ccsim::cli::add_validate_command(app, exit_code);
  ccsim::cli::add_erlang_command(app, exit_code);
  ccsim::cli::add_compare_command(app, exit_code);
  ccsim::cli::add_sweep_command(app, exit_code);
  ccsim::cli::add_merge_command(app, exit_code);
  ccsim::cli::add_staff_command(app, exit_code);
  ccsim::cli::add_schedule_command(app, exit_code);
  ccsim::cli::add_fit_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Usage errors exit 2 like bad input; --help and --version exit 0. CLI11 quotes what was
    // typed, so its message is escaped line by line like every other.
    std::ostringstream err;
    const int code = app.exit(e, std::cout, err);
    std::istringstream lines(err.str());
    for (std::string line; std::getline(lines, line);)
      fmt::print(stderr, "{}\n", ccsim::printable(line));
    return code == 0 ? 0 : 2;
  } catch (const ccsim::InputError& e) {
    if (group.is_root())
      for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.to_string());
    return 2;
  } catch (const ccsim::RunStopped& e) {
    // Found by whichever process ran the replication: it speaks, and ends the others with it.
    fmt::print(stderr, "ccsim: {}\n", ccsim::printable(e.what()));
    if (group.size() > 1) group.abort(2);
    return 2;
  } catch (const std::bad_alloc&) {
    // Every input is bounded so that this should not happen; if it does, it is still no crash.
    fmt::print(stderr, "ccsim: out of memory (the run needed more than this machine could give; "
                       "--memory-limit sets what a run may use, and runs that need more are refused "
                       "before they start)\n");
    if (group.size() > 1) group.abort(2);
    return 2;
  } catch (const std::exception& e) {
    if (group.is_root()) fmt::print(stderr, "ccsim: {}\n", ccsim::printable(e.what()));
    return 2;
  }
  return exit_code;
}
