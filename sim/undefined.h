// The value of a KPI that is undefined in a replication or over all of them (a ratio over nothing).
#pragma once

#include <limits>

namespace ccsim {

inline constexpr double undefined = std::numeric_limits<double>::quiet_NaN();

}  // namespace ccsim
