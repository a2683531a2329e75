// Contact types: their channel, arrivals, handle time, patience, service level and what happens
// to them after handling.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ccsim/detail/distribution_reader.h"
#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"
#include "sim/reader/horizon.h"
#include "sim/reader/ids.h"
#include "sim/reader/issue_flow.h"
#include "sim/reader/segments.h"

namespace ccsim::detail {

struct ContactTypesRead {
  std::vector<ContactType> types;                // as far as each read
  std::vector<std::optional<Channel>> channels;  // by type; nothing where it was present but wrong
  std::vector<FlowReferences> flow;              // by type
  std::vector<bool> has_arrivals;                // by type: it gave "arrivals" of its own
  std::optional<IdList> ids;                     // when every id read
};

// Nothing when the list itself is wrong (reported) or missing. With `replay` (the scenario
// replays a call log), a type may leave "arrivals" out: the log gives them.
std::optional<ContactTypesRead> read_contact_types(const Cursor& node,
                                                   const SegmentsRead& segments,
                                                   const Intervals& intervals, bool replay,
                                                   DistributionContext& distributions);

// The type ids, when the list and every id in it read.
const std::optional<IdList>& type_ids_of(const std::optional<ContactTypesRead>& types);

}  // namespace ccsim::detail
