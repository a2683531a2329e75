// `ccsim validate` in two files: validate.cpp has the command, the scenario's header and its
// contact types, and the ways of writing times and shares both files use; validate_tables.cpp has
// the agent groups, the bots and the offered load interval by interval.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ccsim/distribution.h"
#include "ccsim/model.h"
#include "ccsim/offered_load.h"

namespace ccsim::cli {

// ---- ways of writing (validate.cpp)

std::string seconds_text(double s);                    // "45.5 s", "310 s"
std::string percent_text(double x);                    // 0.8 -> "80%"
std::string share_text(double x);                      // 0.025 -> "2.5%": three digits
std::string distribution_text(const Distribution& d);  // "lognormal 310 s, cv 0.9"
// The width of a column holding `texts` under a heading `at_least` wide.
std::size_t widest(const std::vector<std::string>& texts, std::size_t at_least);

// ---- tables (validate_tables.cpp)

void print_agent_groups(const Model& model);
void print_reserve_warnings(const Model& model);
void print_bots(const Model& model);
void print_load_table(const Model& model, const OfferedLoad& load);

}  // namespace ccsim::cli
