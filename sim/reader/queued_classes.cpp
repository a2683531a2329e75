#include "sim/reader/queued_classes.h"

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "sim/reader/reading.h"

namespace ccsim::detail {

void read_when_queued(const Cursor& node, const ContactType& type, bool channel_known,
                      FlowReferences& references) {
  if (!node.present()) return;
  if (type.channel == Channel::email) {
    if (channel_known)
      node.fail("does not apply to email contact types (an email is never answered at once)");
    return;
  }
  if (!node.object()) return;
  node.allow_only(scenario_keys::when_queued);
  const Cursor becomes = node.require("becomes");
  if (!becomes.object()) return;
  if (becomes.json().empty()) {
    becomes.fail("must name at least one contact type with its probability, got {}");
    return;
  }
  references.when_queued = becomes;
}

void resolve_queued_classes(std::vector<ContactType>& types,
                            const std::vector<FlowReferences>& flow, const IdList& type_ids) {
  for (std::size_t t = 0; t < flow.size(); ++t) {
    if (!flow[t].when_queued) continue;
    const Cursor& becomes = *flow[t].when_queued;
    std::vector<QueuedClass> classes;
    double total = 0.0;
    bool complete = true;
    for (const auto& [id, value] : becomes.json().items()) {
      const Cursor p_node = becomes.get(id);
      const auto p = read_share(p_node, probability, 0.0);
      const auto to = type_ids.find(p_node, id, "contact type", "contact types");
      if (!p || !to) {
        complete = false;
        continue;
      }
      const ContactType& target = types[*to];
      if (*to == t) {
        p_node.fail("must name a contact type other than this one");
      } else if (flow[*to].when_queued) {
        p_node.fail(fmt::format("names \"{}\", which has classes of its own: a class a waiting "
                                "contact becomes cannot change class again",
                                id));
      } else if (target.channel != types[t].channel) {
        p_node.fail(fmt::format("names \"{}\", a {} contact type: a class keeps the channel ({})",
                                id, channels[static_cast<std::size_t>(target.channel)],
                                channels[static_cast<std::size_t>(types[t].channel)]));
      } else {
        classes.push_back({static_cast<ContactTypeIndex>(*to), *p});
        total += *p;
        continue;
      }
      complete = false;
    }
    if (total > 1.0 + 1e-9)
      becomes.fail(fmt::format("probabilities must add up to 1 at most (the rest keeps the type), "
                               "got {}",
                               number_text(total)));
    else if (complete)
      types[t].when_queued = std::move(classes);
  }
}

void refuse_classes_behind_bots(const Cursor& types_node, const std::vector<FlowReferences>& flow,
                                const std::vector<Bot>& bots) {
  for (const Bot& bot : bots)
    for (const ContactTypeIndex k : bot.types)
      if (k < flow.size() && flow[k].when_queued)
        types_node[k].get("when_queued").fail(
            "does not apply to a type a bot serves (a caller it hands over keeps the bot's "
            "handle time, which a class would not)");
}

}  // namespace ccsim::detail
