#include "sim/reader/segments.h"

#include <fmt/core.h>

#include "ccsim/detail/scenario_keys.h"
#include "sim/reader/reading.h"
#include "sim/reader/service_levels.h"

namespace ccsim::detail {

SegmentsRead read_segments(const Cursor& node) {
  if (!node.present()) return SegmentsRead{{}, IdList{}};
  if (!node.array()) return {};
  if (node.size() > limits::segments) {
    node.fail(fmt::format("must list at most {} segments, got {}", limits::segments, node.size()));
    return {};
  }
  SegmentsRead read;
  IdPlaces places;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < node.size(); ++i) {
    Segment segment;
    const Cursor element = node[i];
    if (element.object()) {
      element.allow_only(scenario_keys::segment);
      const Cursor id_node = element.require("id");
      if (const auto id = read_id(id_node)) {
        segment.id = *id;
        first_use(places, *id, id_node);
      }
      if (const auto priority = number_or(
              element.get("priority"),
              NumberRule::at_least(0.0).whole_numbers().limited_to(limits::priority), 1.0))
        segment.priority = static_cast<int>(*priority);
      if (element.has("sla")) segment.sla = read_segment_sla(element.get("sla"));
    }
    ids.push_back(segment.id);
    read.segments.push_back(std::move(segment));
  }
  read.ids = IdList::of(std::move(ids));
  return read;
}

std::optional<SegmentIndex> find_segment(const Cursor& node, const SegmentsRead& segments) {
  if (!node.present()) return std::nullopt;
  if (!node.json().is_string()) {
    node.expected("a segment id");
    return std::nullopt;
  }
  if (!segments.ids) return std::nullopt;
  const auto index =
      segments.ids->find(node, node.json().get<std::string>(), "segment", "segments");
  if (!index) return std::nullopt;
  return static_cast<SegmentIndex>(*index);
}

}  // namespace ccsim::detail
