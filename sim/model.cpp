#include "ccsim/model.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include <fmt/core.h>

namespace ccsim {

std::string Horizon::start_label(IntervalIndex i) const {
  // Every day's grid starts at start_min: days run back to back in simulated time, but the night
  // between them is not simulated, so day 2's first interval is labelled like day 1's.
  const auto of_grid = static_cast<double>(i % static_cast<IntervalIndex>(intervals_per_day));
  const long long minutes = start_min + static_cast<long long>(std::llround(of_grid * interval_s / 60.0));
  const long long of_day = ((minutes % 1440) + 1440) % 1440;
  return fmt::format("{:02d}:{:02d}", of_day / 60, of_day % 60);
}

std::string Horizon::interval_label(IntervalIndex i) const {
  if (days <= 1) return start_label(i);
  return fmt::format("d{} {}", i / static_cast<IntervalIndex>(intervals_per_day) + 1, start_label(i));
}

namespace {

// 10 agents at 30 % shrinkage is 7.000000000000001 in doubles: seven agents, not an eighth for a
// femtosecond.
double whole_if_near(double agents) {
  const double whole = std::round(agents);
  return std::abs(agents - whole) < 1e-9 ? whole : agents;
}

}  // namespace

double on_duty_after_shrinkage(double staffed, double shrinkage) {
  return whole_if_near(staffed * (1.0 - shrinkage));
}

std::string agents_text(double agents) {
  std::string text = fmt::format("{:.2f}", agents);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

void link_routing(Model& model) {
  for (auto& type : model.contact_types) type.groups.clear();
  struct Candidate { int priority; AgentGroupIndex group; };
  std::vector<std::vector<Candidate>> candidates(model.contact_types.size());
  for (AgentGroupIndex g = 0; g < model.agent_groups.size(); ++g) {
    auto& skills = model.agent_groups[g].skills;
    // Stable: equal priorities keep the order the scenario wrote them in.
    std::stable_sort(skills.begin(), skills.end(),
                     [](const Skill& a, const Skill& b) { return a.priority < b.priority; });
    for (const Skill& skill : skills) candidates[skill.type].push_back({skill.priority, g});
  }
  for (std::size_t t = 0; t < candidates.size(); ++t) {
    auto& list = candidates[t];
    std::stable_sort(list.begin(), list.end(),
                     [](const Candidate& a, const Candidate& b) { return a.priority < b.priority; });
    for (const Candidate& c : list) model.contact_types[t].groups.push_back(c.group);
  }
  // Overflow steps per type and tier in increasing after_s, as Model::overflow promises; stable,
  // so steps the scenario wrote in order keep it.
  std::stable_sort(model.overflow.begin(), model.overflow.end(),
                   [](const OverflowStep& a, const OverflowStep& b) {
                     return std::tie(a.type, a.tier, a.after_s) <
                            std::tie(b.type, b.tier, b.after_s);
                   });
  compile_on_duty(model);
  model.routing_tables = compile_routing(model);
  model.business_time = compile_business_time(model);
}

}  // namespace ccsim
