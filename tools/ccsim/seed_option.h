// The seed options of the subcommands (`-s,--seed`, `--candidate-seed`), read with
// read_seed_text so that "-1" or a number past 2^64 - 1 is refused, not wrapped or saturated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace ccsim::cli {

CLI::Option* add_seed_option(CLI::App* command, const std::string& names,
                             std::optional<std::uint64_t>& seed, const std::string& help);

}  // namespace ccsim::cli
