#include "sim/engine/conservation.h"

#include <string>

#include <fmt/core.h>

#include "ccsim/check.h"

namespace ccsim::engine {

namespace {

[[noreturn]] void violated(const std::string& message) {
  CCSIM_CHECK(false, message.c_str());
  std::abort();
}

}  // namespace

void check_conservation(const Model& model, const Tallies& tallies,
                        const std::vector<std::uint64_t>& in_bot_at_end) {
  for (std::size_t k = 0; k < model.type_count(); ++k) {
    std::uint64_t offered = 0, handled = 0, abandoned = 0, contained = 0;
    std::uint64_t opened = 0, resolved = 0, gave_up = 0, open = 0;
    std::uint64_t bot_entries = 0, bot_abandoned = 0, handed_off = 0;
    for (std::size_t i = 0; i < tallies.intervals; ++i) {
      const ContactTally& tally = tallies.contact(i, k);
      offered += tally.offered;
      handled += tally.handled;
      abandoned += tally.abandoned;
      contained += tally.contained;
      bot_entries += tally.bot_entries;
      bot_abandoned += tally.bot_abandoned;
      handed_off += tally.handed_off;
      const IssueTally& issues = tallies.issue(i, k);
      opened += issues.opened;
      resolved += issues.resolved;
      gave_up += issues.gave_up;
      open += issues.open_at_end;
    }
    const std::string& id = model.contact_types[k].id;
    const std::uint64_t in_system = tallies.in_system_at_end[k];
    if (offered != handled + abandoned + contained + in_system)
      violated(fmt::format(
          "conservation violated for contact type \"{}\": offered {} != handled {} + abandoned {} "
          "+ contained {} + in system {}",
          id, offered, handled, abandoned, contained, in_system));
    if (bot_entries != contained + bot_abandoned + handed_off + in_bot_at_end[k])
      violated(fmt::format(
          "bot conservation violated for contact type \"{}\": entries {} != contained {} + "
          "abandoned {} + handed off {} + in a session {}",
          id, bot_entries, contained, bot_abandoned, handed_off, in_bot_at_end[k]));
    if (opened != resolved + gave_up + open)
      violated(fmt::format(
          "issue conservation violated for contact type \"{}\": opened {} != resolved {} + "
          "given up {} + open {}",
          id, opened, resolved, gave_up, open));
  }
}

void check_agent_conservation(const Model& model, AgentGroupIndex group, const AgentCounts& counts) {
  const AgentCounts& n = counts;
  if (n.busy != n.talking + n.wrapping || n.idle < 0 || n.wrapping < 0 || n.leaving < 0 ||
      n.leaving > n.busy)
    violated(fmt::format(
        "agent conservation violated for group \"{}\": busy {} != with a contact {} + wrapping up "
        "{} (idle {}, leaving {})",
        model.agent_groups[group].id, n.busy, n.talking, n.wrapping, n.idle, n.leaving));
}

}  // namespace ccsim::engine
