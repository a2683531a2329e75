// How contacts of a type arrive: a rate per hour, counts per interval, or times replayed from a
// log.
#pragma once

#include "ccsim/detail/distribution_reader.h"
#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"
#include "sim/reader/horizon.h"

namespace ccsim::detail {

void read_arrivals(const Cursor& node, ContactType& type, const Intervals& intervals,
                   DistributionContext& distributions);

}  // namespace ccsim::detail
