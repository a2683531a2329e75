#include "ccsim/contact_trace.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/writers.h"

namespace ccsim {

namespace {

std::uint64_t replication_number(std::string_view text, const std::string& option) {
  std::uint64_t value = 0;
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string_view::npos)
    throw InputError({{option, "", fmt::format("\"{}\" is not a replication number", text)}});
  for (char c : text) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  return value;
}

std::string seconds_text(double s) {
  if (std::isinf(s)) return "inf";
  return fmt::format("{}", s);
}

}  // namespace

std::vector<std::uint64_t> parse_trace_replications(std::string_view text, int replications,
                                                    const std::string& option) {
  std::vector<std::uint64_t> chosen;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = text.substr(start, end - start);
    const std::size_t colon = part.find(':');
    const std::uint64_t from = replication_number(part.substr(0, colon), option);
    const std::uint64_t to =
        colon == std::string_view::npos ? from : replication_number(part.substr(colon + 1), option);
    if (to < from)
      throw InputError({{option, "", fmt::format("\"{}\": a range runs from the lower number", part)}});
    if (to >= static_cast<std::uint64_t>(replications))
      throw InputError({{option, "", fmt::format("replication {} is not run: the run has {} "
                                                 "(0 to {})", to, replications, replications - 1)}});
    for (std::uint64_t r = from; r <= to; ++r)
      if (std::find(chosen.begin(), chosen.end(), r) == chosen.end()) chosen.push_back(r);
    start = end + 1;
  }
  return chosen;
}

std::string trace_header(bool with_variant) {
  return std::string("replication,") + (with_variant ? "variant," : "") +
         "customer_type,customer,attempt,contact,type,event,time_s,group,handle_s,patience_s\n";
}

ContactTrace::ContactTrace(std::ostream& out, const Model& model, std::uint64_t replication,
                           std::string variant)
    : out_(out), model_(model),
      prefix_(std::to_string(replication) + ',' + (variant.empty() ? "" : csv_field(variant) + ',')) {}

void ContactTrace::record(const TraceRecord& r) {
  if (r.kind == TraceKind::staffing || r.kind == TraceKind::wrap_up_end) return;  // agents' events
  const auto type_id = [this](int t) {
    return t >= 0 && static_cast<std::size_t>(t) < model_.type_count()
               ? csv_field(model_.contact_types[static_cast<std::size_t>(t)].id)
               : std::string();
  };
  const std::string group =
      r.group >= 0 && static_cast<std::size_t>(r.group) < model_.group_count()
          ? csv_field(model_.agent_groups[static_cast<std::size_t>(r.group)].id)
          : std::string();
  // Draws are made at arrival; before them (a deflected demand) there are none to show.
  const bool drawn = r.customer_type >= 0 && r.kind != TraceKind::deflected;
  out_ << prefix_ << type_id(r.customer_type) << ',' << r.customer << ',' << r.attempt << ','
       << r.contact << ',' << type_id(r.type) << ',' << trace_kind_name(r.kind) << ','
       << seconds_text(r.time) << ',' << group << ','
       << (drawn ? seconds_text(r.handle_s) : "") << ','
       << (drawn ? seconds_text(r.patience_s) : "") << '\n';
}

void write_trace(std::ostream& out, const Model& model, std::uint64_t seed,
                 std::uint64_t replication, const std::string& variant) {
  ContactTrace trace(out, model, replication, variant);
  (void)run_replication(model, seed, replication, &trace);
}

}  // namespace ccsim
