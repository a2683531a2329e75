// The subcommands of `ccsim`, one file each. Each `add_*_command` registers its options on the
// application and a callback that runs it; the callback stores its exit status in `exit_code`
// (0 success, 1 a check or comparison failed, 2 bad input or usage).
#pragma once

#include <CLI/CLI.hpp>

namespace ccsim::cli {

void add_run_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_erlang_command(CLI::App& app, int& exit_code);
void add_compare_command(CLI::App& app, int& exit_code);
void add_sweep_command(CLI::App& app, int& exit_code);
void add_merge_command(CLI::App& app, int& exit_code);
void add_staff_command(CLI::App& app, int& exit_code);
void add_schedule_command(CLI::App& app, int& exit_code);
void add_fit_command(CLI::App& app, int& exit_code);

}  // namespace ccsim::cli
