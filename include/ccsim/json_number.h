// JSON has no NaN or infinity: a KPI that is undefined (nothing answered, one replication's CI,
// an unstable queue's wait) is written as null, in every file ccsim writes.
#pragma once

#include <cmath>

#include <nlohmann/json.hpp>

namespace ccsim {

template <class Json = nlohmann::json>
Json number_or_null(double value) {
  return std::isfinite(value) ? Json(value) : Json(nullptr);
}

}  // namespace ccsim
