#include "centre_models.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace ccsim::bench {

namespace {

ContactType exponential_type(std::string id, double rate_per_s, const CentreShape& shape) {
  ContactType type;
  type.id = std::move(id);
  type.rate_per_s.assign(static_cast<std::size_t>(shape.intervals), rate_per_s);
  type.handle_time = Exponential{shape.handle_mean_s};
  type.patience = Exponential{shape.patience_mean_s};
  return type;
}

AgentGroup group_of(std::string id, int agents, const CentreShape& shape) {
  AgentGroup group;
  group.id = std::move(id);
  group.staffed.assign(static_cast<std::size_t>(shape.intervals), static_cast<double>(agents));
  group.on_duty.assign(static_cast<std::size_t>(shape.intervals), agents);
  return group;
}

Model empty_model(std::string name, double contacts, const CentreShape& shape) {
  Model model;
  model.name = std::move(name);
  model.horizon.intervals_per_day = shape.intervals;
  model.horizon.days = 1;
  model.horizon.interval_s = contacts / shape.rate_per_s() / shape.intervals;
  model.run.warmup_s = 0.0;
  model.run.drain = true;
  return model;
}

}  // namespace

Model multi_skill_centre(double contacts, const CentreShape& shape) {
  Model model = empty_model("multi-skill-centre", contacts, shape);
  const auto types = static_cast<std::size_t>(shape.types);
  const int skill_counts = shape.max_skills - shape.min_skills + 1;

  std::mt19937 generator(shape.skill_seed);
  std::vector<int> served_by(types, 0);
  std::vector<double> erlangs(types, 0.0);
  std::vector<std::size_t> candidates;
  candidates.reserve(types);
  for (int g = 0; g < shape.groups; ++g) {
    AgentGroup group = group_of("group_" + std::to_string(g), shape.agents_per_group, shape);
    const int skills = shape.min_skills + g % skill_counts;
    const double erlangs_per_skill = shape.load * shape.agents_per_group / skills;
    std::vector<bool> taken(types, false);
    for (int s = 0; s < skills; ++s) {
      int fewest = 0x7fffffff;
      for (std::size_t t = 0; t < types; ++t)
        if (!taken[t]) fewest = std::min(fewest, served_by[t]);
      candidates.clear();
      for (std::size_t t = 0; t < types; ++t)
        if (!taken[t] && served_by[t] == fewest) candidates.push_back(t);
      // The generator's raw output, not a std:: distribution, whose algorithm the standard leaves
      // to each library: the same model everywhere.
      const std::size_t t = candidates[generator() % candidates.size()];
      taken[t] = true;
      ++served_by[t];
      erlangs[t] += erlangs_per_skill;
      group.skills.push_back(Skill{static_cast<ContactTypeIndex>(t), 1, 1.0});
    }
    model.agent_groups.push_back(std::move(group));
  }
  for (std::size_t t = 0; t < types; ++t)
    model.contact_types.push_back(
        exponential_type("type_" + std::to_string(t), erlangs[t] / shape.handle_mean_s, shape));
  link_routing(model);
  return model;
}

Model single_queue_twin(double contacts, const CentreShape& shape) {
  Model model = empty_model("single-queue-twin", contacts, shape);
  model.contact_types.push_back(exponential_type("calls", shape.rate_per_s(), shape));
  AgentGroup group = group_of("agents", shape.agents(), shape);
  group.skills.push_back(Skill{0, 1, 1.0});
  model.agent_groups.push_back(std::move(group));
  link_routing(model);
  return model;
}

std::string describe_multi_skill_centre(const Model& model, const CentreShape& shape) {
  std::size_t skills_min = ~std::size_t{0}, skills_max = 0, skills_total = 0;
  for (const AgentGroup& group : model.agent_groups) {
    skills_min = std::min(skills_min, group.skills.size());
    skills_max = std::max(skills_max, group.skills.size());
    skills_total += group.skills.size();
  }
  std::size_t served_min = ~std::size_t{0}, served_max = 0, served_by_two_or_more = 0;
  double erlangs_min = 1e300, erlangs_max = 0.0, rate_total = 0.0;
  for (const ContactType& type : model.contact_types) {
    served_min = std::min(served_min, type.groups.size());
    served_max = std::max(served_max, type.groups.size());
    if (type.groups.size() >= 2) ++served_by_two_or_more;
    const double erlangs = type.rate_per_s[0] * shape.handle_mean_s;
    erlangs_min = std::min(erlangs_min, erlangs);
    erlangs_max = std::max(erlangs_max, erlangs);
    rate_total += type.rate_per_s[0];
  }
  const double groups = static_cast<double>(model.agent_groups.size());
  const double types = static_cast<double>(model.contact_types.size());
  char text[512];
  std::snprintf(text, sizeof text,
                "%zu types, %zu groups of %d agents; skills per group %zu-%zu (mean %.2f); groups "
                "per type %zu-%zu (mean %.2f, %zu types served by 2 or more); offered load per "
                "type %.2f-%.2f erlangs, %.1f in all (load %.3f); %.4f contacts/s",
                model.contact_types.size(), model.agent_groups.size(), shape.agents_per_group,
                skills_min, skills_max, static_cast<double>(skills_total) / groups, served_min,
                served_max, static_cast<double>(skills_total) / types, served_by_two_or_more,
                erlangs_min, erlangs_max, rate_total * shape.handle_mean_s,
                rate_total * shape.handle_mean_s / shape.agents(), rate_total);
  return text;
}

}  // namespace ccsim::bench
