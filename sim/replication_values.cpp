#include "ccsim/replication_values.h"

#include <utility>

#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/limits.h"
#include "ccsim/writers.h"

namespace ccsim {

ReplicationValues::ReplicationValues(const Model& base, std::vector<std::string> variants)
    : layout_(base), variants_(std::move(variants)) {}

std::uint64_t ReplicationValues::bytes_for(const Model& base, std::size_t variants,
                                           std::uint64_t replications) {
  return replications * (variants + 1) * KpiLayout(base).size() * sizeof(double);
}

void ReplicationValues::check_memory(const Model& base, std::size_t variants,
                                     std::uint64_t replications, const std::string& option) {
  const std::uint64_t bytes = bytes_for(base, variants, replications);
  if (bytes > base.run.memory_limit_bytes / 2)
    throw InputError({{option, "",
                       fmt::format("{} replications' values need about {}, more than half the "
                                   "memory limit of {}: fewer replications, --detail day or total, "
                                   "or --memory-limit",
                                   replications, byte_size_text(bytes),
                                   byte_size_text(base.run.memory_limit_bytes))}});
}

void ReplicationValues::add(const ReplicationOutcome& outcome) {
  replications_.push_back(outcome.replication);
  values_.push_back(outcome.values);
}

void ReplicationValues::write_csv(std::ostream& out, const Model& base) const {
  const bool what_ifs = !variants_.empty();
  out << "replication," << (what_ifs ? "variant," : "") << csv_columns(layout_) << ",value\n";
  for (std::size_t r = 0; r < values_.size(); ++r)
    for (std::size_t m = 0; m < values_[r].size(); ++m) {
      const std::string head = std::to_string(replications_[r]) + ',' +
                               (what_ifs ? csv_field(m == 0 ? "baseline" : variants_[m - 1]) + ',' : "");
      const std::vector<double>& values = values_[r][m];
      for_each_csv_row(base, layout_, [&](const CsvRow& row) {
        out << head << row.prefix << ',' << csv_number(values[layout_.at(row.scope, row.slot, row.kpi)])
            << '\n';
      });
    }
}

}  // namespace ccsim
