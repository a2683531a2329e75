// Agents required per agent group and interval, the input of `ccsim schedule`: a CSV file with
// the header `group,interval,agents` (columns in any order), one row per group and 0-based global
// interval of the scenario's horizon. Intervals without a row require no agents.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "ccsim/model.h"

namespace ccsim {

struct ShiftRequirements {
  // By agent group index; empty for a group the file does not name.
  std::vector<std::vector<double>> by_group;
  // The groups the file names, in the model's order.
  std::vector<AgentGroupIndex> groups;
};

// Reads `path` against `model`'s groups and horizon. Throws InputError with every problem, each
// as "FILE:LINE:COLUMN: what was expected, got what" (`label` names the file as the user did).
ShiftRequirements read_shift_requirements(const std::filesystem::path& path,
                                          const std::string& label, const Model& model);

}  // namespace ccsim
