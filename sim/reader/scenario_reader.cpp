// Checking a parsed scenario document and compiling it into a Model: every problem is collected
// with its JSON pointer, then thrown together as one InputError. The format is described in
// scenarios/ccsim.schema.json; the limits in detail/scenario_limits.h.
//
// Each part of the format has its reader (sim/reader/*.h), which gives back what it read and,
// as optionals, the parts that read cleanly. The checks across parts run only on those: a check
// that would need a part that went wrong is skipped, because that part's problem is reported
// already and any other message would be a guess.
#include <filesystem>
#include <optional>
#include <string>

#include <fmt/core.h>

#include "ccsim/detail/distribution_reader.h"
#include "ccsim/detail/json_cursor.h"
#include "ccsim/detail/scenario_keys.h"
#include "ccsim/compile.h"
#include "ccsim/limits.h"
#include "ccsim/visible_text.h"
#include "sim/reader/agent_groups.h"
#include "sim/reader/automation.h"
#include "sim/reader/call_replay.h"
#include "sim/reader/contact_types.h"
#include "sim/reader/horizon.h"
#include "sim/reader/issue_flow.h"
#include "sim/reader/queued_classes.h"
#include "sim/reader/reading.h"
#include "sim/reader/routing_rules.h"
#include "sim/reader/segments.h"

namespace ccsim {

namespace {

using detail::Cursor;
using detail::Json;
using detail::show;
namespace limits = detail::limits;

// The file's stem when the scenario has no name of its own.
std::string read_name(const Cursor& node, const std::string& file) {
  std::string fallback = std::filesystem::path(file).stem().string();
  const auto name = node.string();
  if (!name) return fallback;
  if (name->empty() || name->size() > limits::name_length) {
    node.expected(fmt::format("a name of 1 to {} characters", limits::name_length));
    return fallback;
  }
  if (const auto c = first_invisible(*name)) {
    node.fail(detail::invisible_message("a name", *c, *name));
    return fallback;
  }
  return *name;
}

// What-ifs: only their shape here; they are applied and checked by what_if.h, and the baseline
// ignores them.
void read_what_if_shapes(const Cursor& node) {
  if (!node.object()) return;
  for (const auto& [name, patch] : node.json().items()) {
    const Cursor what_if = node.get(name);
    // `ccsim run --what-if` takes "all" and comma-separated lists of names, and output files
    // call the plan itself "baseline".
    if (name.empty() || name.size() > limits::name_length || name == "all" ||
        name == "baseline" || name.find(',') != std::string::npos) {
      what_if.fail(fmt::format(R"(must have a name of 1 to {} characters, other than "all" or )"
                               R"("baseline" and without commas, got {})",
                               limits::name_length, show(Json(name))));
      continue;
    }
    if (const auto c = first_invisible(name)) {
      what_if.fail(detail::invisible_message("a what-if name", *c, name));
      continue;
    }
    if (!patch.is_object() && !patch.is_array())
      what_if.expected("an object (merge patch) or an array (JSON patch)");
  }
}

// By a skill or by an overflow step.
void check_every_type_is_served(const Cursor& types, const detail::IdList& type_ids,
                                const detail::Coverage& coverage) {
  for (std::size_t i = 0; i < type_ids.ids.size(); ++i) {
    // A repeated id is reported already, and references go to its first use.
    if (!coverage.served(static_cast<ContactTypeIndex>(i)) && !type_ids.repeated.contains(i))
      types[i].fail(
          fmt::format("no agent group serves contact type {}", show(Json(type_ids.ids[i]))));
  }
}

Model read_scenario(const Json& document, const std::string& file,
                    const std::filesystem::path& base_dir) {
  detail::Problems problems(file);
  const Cursor root(document, detail::JsonPointer(), problems);
  detail::DistributionContext distributions;
  distributions.base_dir = base_dir;
  Model model;

  // Nothing else can be read from a top level that is not an object; object() reported it.
  if (!root.object()) problems.throw_if_any();
  root.allow_only(detail::scenario_keys::scenario);
  model.name = read_name(root.get("name"), file);
  root.get("description").string();
  root.get("$schema").string();
  const std::optional<Horizon> horizon = detail::read_horizon(root.require("horizon"));
  if (horizon) model.horizon = *horizon;
  model.run = detail::read_run(root.get("run"), horizon);
  const Cursor types_node = root.require("contact_types");
  const Cursor groups_node = root.require("agent_groups");
  const detail::Intervals intervals =
      detail::check_table_size(root, types_node, groups_node, horizon);

  // Segments first: a contact type takes its segment's service level. Then each part that
  // refers to the ones before it by id.
  detail::SegmentsRead segments = detail::read_segments(root.get("segments"));
  std::optional<detail::ContactTypesRead> types =
      detail::read_contact_types(types_node, segments, intervals, root.has("replay"), distributions);
  const std::optional<detail::IdList>& type_ids = detail::type_ids_of(types);
  std::optional<detail::AgentGroupsRead> groups =
      detail::read_agent_groups(groups_node, type_ids, intervals);
  detail::RoutingRead routing = detail::read_routing(root.get("routing"), types, groups);
  model.bots = detail::read_automation(root.get("automation"), type_ids, distributions);

  // What needs every type, group and overflow step.
  if (types && type_ids && groups && routing.coverage)
    detail::check_chat_concurrency(groups_node, groups->groups, *types, *type_ids,
                                   *routing.coverage);
  if (types && type_ids && horizon && root.has("replay"))
    detail::read_call_replay(root.get("replay"), *horizon, types->types, types->has_arrivals,
                             model.bots,
                             *type_ids, base_dir);
  if (types && type_ids) {
    detail::resolve_misroutes(types->types, types->flow, *type_ids);
    detail::resolve_queued_classes(types->types, types->flow, *type_ids);
    detail::refuse_classes_behind_bots(types_node, types->flow, model.bots);
  }
  if (types && type_ids && groups && groups->skills && groups->tiers)
    detail::compile_escalations(
        types->types, types->flow, *type_ids,
        {*groups->skills, *groups->tiers, groups->staffed, routing.overflow});
  if (type_ids && routing.coverage)
    check_every_type_is_served(types_node, *type_ids, *routing.coverage);
  read_what_if_shapes(root.get("what_if"));
  problems.throw_if_any();

  // Every part read: a list that did not was reported, and thrown just above.
  model.segments = std::move(segments.segments);
  model.contact_types = std::move(types->types);
  model.agent_groups = std::move(groups->groups);
  model.overflow = std::move(routing.overflow);
  model.routing = std::move(routing.rules);
  link_routing(model);
  return model;
}

}  // namespace

Model compile_scenario(const nlohmann::json& document, const std::string& file,
                       const std::filesystem::path& base_dir) {
  Model model = read_scenario(document, file, base_dir);
  if (std::vector<Diagnostic> loops = endless_loops(model, file); !loops.empty())
    throw InputError(std::move(loops));
  return model;
}

}  // namespace ccsim
