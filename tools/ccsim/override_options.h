// `--set POINTER=VALUE` and `--volume FACTOR`, for the commands that run a scenario with a quick
// change (overrides.h): the options and their reading, nothing more.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ccsim/overrides.h"

namespace ccsim::cli {

struct OverrideOptions {
  std::vector<std::string> sets;
  std::optional<double> volume;

  bool any() const { return !sets.empty() || volume.has_value(); }
  Overrides parsed() const {
    Overrides overrides;
    for (const std::string& text : sets) overrides.sets.push_back(parse_override(text));
    overrides.volume = volume;
    return overrides;
  }
};

// `applies_to` finishes the help texts: "the scenario", "the candidate".
inline void add_override_options(CLI::App* cmd, OverrideOptions& options,
                                 const std::string& applies_to) {
  cmd->add_option("--set", options.sets,
                  "POINTER=VALUE: change one value of " + applies_to +
                      " (ids or indices in the pointer, VALUE as JSON or a word), e.g. "
                      "--set /agent_groups/tech_team/staffing/8=24. Repeatable, applied in order");
  cmd->add_option("--volume", options.volume,
                  "Multiply every contact type's arrival rates of " + applies_to + " by this (1.2: +20 %)")
      ->check(CLI::Range(0.0, 1000.0));
}

}  // namespace ccsim::cli
