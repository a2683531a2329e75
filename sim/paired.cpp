#include "ccsim/paired.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/core.h>

namespace ccsim {

std::vector<double> paired_difference(const std::vector<double>& base,
                                      const std::vector<double>& variant) {
  if (base.size() != variant.size())
    throw std::logic_error("paired_difference: vectors of different layouts");
  std::vector<double> change(base.size());
  for (std::size_t cell = 0; cell < base.size(); ++cell) {
    // A ratio undefined in either run (no contact answered) has no change in that replication.
    change[cell] = std::isnan(base[cell]) || std::isnan(variant[cell])
                       ? std::numeric_limits<double>::quiet_NaN()
                       : variant[cell] - base[cell];
  }
  return change;
}

std::optional<std::string> pairing_problem(const Model& base, const Model& variant) {
  const auto ids = [](const auto& items) {
    std::vector<std::string> out;
    for (const auto& item : items) out.push_back(item.id);
    return out;
  };
  if (ids(base.contact_types) != ids(variant.contact_types))
    return std::string("it changes the contact types (their ids or order)");
  if (ids(base.agent_groups) != ids(variant.agent_groups))
    return std::string("it changes the agent groups (their ids or order)");
  if (ids(base.segments) != ids(variant.segments))
    return std::string("it changes the segments (their ids or order)");
  for (std::size_t t = 0; t < base.type_count(); ++t)
    if (base.contact_types[t].channel != variant.contact_types[t].channel)
      return fmt::format("it changes the channel of contact type \"{}\"", base.contact_types[t].id);
  if (base.horizon.intervals() != variant.horizon.intervals())
    return fmt::format("it changes the number of intervals from {} to {}",
                       base.horizon.intervals(), variant.horizon.intervals());
  return std::nullopt;
}

bool change_is_significant(const Estimate& change) {
  return std::isfinite(change.mean) && std::isfinite(change.ci95) &&
         std::abs(change.mean) > change.ci95;
}

PairedAccumulator::PairedAccumulator(const Model& base) : variant_(base), change_(base) {}

void PairedAccumulator::add(const std::vector<double>& base_values,
                            const std::vector<double>& variant_values) {
  variant_.add(variant_values);
  change_.add(paired_difference(base_values, variant_values));
}

PairedSummary PairedAccumulator::finish() const { return {variant_.finish(), change_.finish()}; }

}  // namespace ccsim
