// Customer segments: a priority and a service level that the contact types of the segment take.
#pragma once

#include <optional>
#include <vector>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"
#include "sim/reader/ids.h"

namespace ccsim::detail {

struct SegmentsRead {
  std::vector<Segment> segments;  // as far as each read
  std::optional<IdList> ids;      // when the list and every id in it read
};

// No segments at all is a list of none, with every id known.
SegmentsRead read_segments(const Cursor& node);

// The segment a contact type names, or nothing: absent, wrong, or unknown (reported when the
// segment ids are known, else left unsaid: any id might have been meant).
std::optional<SegmentIndex> find_segment(const Cursor& node, const SegmentsRead& segments);

}  // namespace ccsim::detail
