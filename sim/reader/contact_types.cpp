#include "sim/reader/contact_types.h"

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "sim/reader/arrivals.h"
#include "sim/reader/automation.h"
#include "sim/reader/queued_classes.h"
#include "sim/reader/reading.h"
#include "sim/reader/service_levels.h"

namespace ccsim::detail {

namespace {

// Only chats abandon silently; for another channel the key is refused, unless the channel was
// itself unreadable (`channel` nothing) and might have been meant as chat.
void read_silent_abandonment(const Cursor& node, ContactType& type,
                             const std::optional<Channel>& channel,
                             DistributionContext& distributions) {
  if (!node.present()) return;
  if (type.channel != Channel::chat) {
    if (channel)
      node.fail(fmt::format("does not apply to {} contact types (only chats abandon silently)",
                            channels[static_cast<std::size_t>(type.channel)]));
    return;
  }
  if (!node.object()) return;
  node.allow_only(scenario_keys::silent_abandonment);
  SilentAbandonment silent;
  if (const auto share = read_share(node.require("share"), probability, 0.0))
    silent.share = *share;
  if (node.has("discover_s")) {
    if (auto discover = read_distribution(node.get("discover_s"), distributions))
      silent.discover_time = std::move(*discover);
  }
  type.silent_abandonment = std::move(silent);
}

// The type's channel (voice when absent), or nothing when it was present but wrong.
std::optional<Channel> read_channel(const Cursor& node) {
  if (!node.present()) return Channel::voice;
  if (const auto c = node.choice(channels, "channel")) return static_cast<Channel>(*c);
  return std::nullopt;
}

void read_contact_type(const Cursor& node, ContactType& type, std::optional<Channel>& channel,
                       FlowReferences& flow, IdPlaces& places, const SegmentsRead& segments,
                       const Intervals& intervals, bool replay, DistributionContext& distributions) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::contact_type);
  const Cursor id_node = node.require("id");
  if (const auto id = read_id(id_node)) {
    type.id = *id;
    first_use(places, *id, id_node);
  }
  // The channel first: what else the type may have depends on it.
  channel = read_channel(node.get("channel"));
  if (channel) type.channel = *channel;
  const bool email = channel == Channel::email;
  // A scenario that replays a call log takes the arrivals of the log's types from it.
  if (!replay || node.has("arrivals"))
    read_arrivals(node.require("arrivals"), type, intervals, distributions);
  if (auto handle_time = read_distribution(node.require("handle_time"), distributions))
    type.handle_time = std::move(*handle_time);
  if (node.has("wrap_up")) type.wrap_up = read_distribution(node.get("wrap_up"), distributions);
  if (email && node.has("patience"))
    node.get("patience").fail("does not apply to email contact types (emails do not abandon)");
  else if (node.has("patience"))
    type.patience = read_distribution(node.get("patience"), distributions);
  if (const auto segment = find_segment(node.get("segment"), segments)) {
    type.segment = *segment;
    // A type without a service level of its own is measured against its segment's.
    if (!node.has("sla") && segments.segments[*segment].sla)
      type.sla = *segments.segments[*segment].sla;
  }
  if (email && !node.has("sla"))
    node.fail(R"(missing key "sla" (an email contact type needs its "respond_within_h"))");
  else if (email)
    read_response(node.get("sla"), type);
  else
    read_type_sla(node.get("sla"), type, channel.has_value());
  read_resolution(node.get("resolution"), type);
  read_escalation(node.get("escalation"), type, flow, distributions);
  read_misroute(node.get("misroute"), type, flow, distributions);
  read_when_queued(node.get("when_queued"), type, channel.has_value(), flow);
  read_repeat(node.get("repeat"), type, distributions);
  read_retry(node.get("retry"), type, distributions);
  if (email && node.has("callback"))
    node.get("callback").fail(
        "does not apply to email contact types (callbacks are offered to waiting callers)");
  else
    read_callback(node.get("callback"), type, distributions);
  read_deflection(node.get("deflection"), type, distributions);
  read_silent_abandonment(node.get("silent_abandonment"), type, channel, distributions);
}

}  // namespace

std::optional<ContactTypesRead> read_contact_types(const Cursor& node,
                                                   const SegmentsRead& segments,
                                                   const Intervals& intervals, bool replay,
                                                   DistributionContext& distributions) {
  if (!node.array()) return std::nullopt;
  if (node.size() == 0) {
    node.fail("must list at least one contact type, got []");
    return std::nullopt;
  }
  if (node.size() > limits::contact_types) {
    node.fail(fmt::format("must list at most {} contact types, got {}", limits::contact_types,
                          node.size()));
    return std::nullopt;
  }
  ContactTypesRead read;
  read.channels.assign(node.size(), Channel::voice);
  read.flow.resize(node.size());
  IdPlaces places;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < node.size(); ++i) {
    ContactType type;
    read_contact_type(node[i], type, read.channels[i], read.flow[i], places, segments, intervals,
                      replay, distributions);
    read.has_arrivals.push_back(node[i].has("arrivals"));
    ids.push_back(type.id);
    read.types.push_back(std::move(type));
  }
  read.ids = IdList::of(std::move(ids));
  return read;
}

const std::optional<IdList>& type_ids_of(const std::optional<ContactTypesRead>& types) {
  static const std::optional<IdList> none;
  return types ? types->ids : none;
}

}  // namespace ccsim::detail
