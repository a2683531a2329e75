// Business time of email types: a response target counts only the seconds inside business hours.
// Compiled once with the Model (it depends only on the horizon and the types' hours).
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

namespace ccsim {

struct Model;

// For one type with business hours: the business seconds up to each interval boundary, and the
// part of each interval inside business hours ([open, close) seconds from the interval's start).
// Empty for a type without business hours, whose business time is simulated time.
struct BusinessTime {
  std::vector<double> at_boundary;
  std::vector<std::pair<double, double>> window;

  // Business seconds from the horizon's start to t, where t falls in `interval` of length
  // `interval_s` and the horizon ends at `end_s`.
  double at(double t, std::size_t interval, double interval_s, double end_s) const {
    if (at_boundary.empty()) return t;
    if (t >= end_s) return at_boundary.back();
    const double into = t - static_cast<double>(interval) * interval_s;
    const auto [open, close] = window[interval];
    return at_boundary[interval] + std::clamp(into, open, close) - open;
  }
};

// Per contact type (empty entries for types without business hours).
std::vector<BusinessTime> compile_business_time(const Model& model);

}  // namespace ccsim
