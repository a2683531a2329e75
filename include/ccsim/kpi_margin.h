// A KPI to compare between two runs, and the change in it that counts as a regression: what
// `ccsim compare --kpi` reads ("type/tech/interval/12:00/service_level:-0.05") and where that KPI
// lives in a replication's values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/kpi.h"
#include "ccsim/model.h"

namespace ccsim {

// One KPI to compare and the change that counts as a regression.
struct KpiMargin {
  Kpi kpi = Kpi::service_level;
  ScopeKind scope = ScopeKind::overall;
  std::string scope_id;      // contact type, agent group, segment or channel id; empty for overall;
                             // "*" for every one of the scope's kind (expand_kpi_margins)
  std::string period;        // empty: the whole horizon; else one interval, by its start ("12:00")
                             // or its number from 0 ("27"); "*" for every interval with demand
  bool rise_is_bad = true;   // the sign written: '+' a rise is bad, '-' a fall is bad
  double amount = 0.0;       // >= 0, as written; a percentage of the baseline mean when `relative`
  bool relative = false;

  // "service_level", "type/billing/service_level", "group/tech_team/occupancy",
  // "segment/vip/fcr", "channel/email/response_sl", "interval/12:00/service_level",
  // "type/tech/interval/*/asa_s".
  std::string label() const;
  // The margin as written: "-0.01", "+2%".
  std::string margin_text() const;
};

// Parses "KPI:±x" or "KPI:±x%", where KPI may be scoped as "type/ID/KPI", "group/ID/KPI",
// "segment/ID/KPI" or "channel/ID/KPI" (ID voice, chat or email; a channel scope exists only when
// the contact types use two channels or more; ID "*" for each of them), and narrowed to one
// interval as "[SCOPE/ID/]interval/START/KPI" (START as "12:00", or the interval's number, or "*"
// for each interval).
// Throws InputError (file "--kpi") with a message that says what was expected; an unknown KPI name
// lists the known ones.
KpiMargin parse_kpi_margin(std::string_view text);

// service_level:-0.01, abandon_rate:+0.005, asa_s:+10%, cost_total:+1%.
std::vector<KpiMargin> default_kpi_margins();

// The margins with every "*" replaced by each id of its kind and each interval in which some
// contact type has demand (an interval without demand has nothing to compare), in the order
// written, then ids in file order, then intervals in time order. Each margin after expansion is
// tested on its own, so the comparison's false-alarm bound covers all of them (see
// sequential_comparison.h). An interval is named by its start when the horizon has one day, by
// its number otherwise. Throws InputError (file `file`) when a scope has no ids to expand to.
std::vector<KpiMargin> expand_kpi_margins(const Model& model, const std::vector<KpiMargin>& margins,
                                          const std::string& file);

// Where the margin's KPI lives in `model`'s kpi_values: over the whole horizon, or in its
// interval. Throws InputError when the scope id or the interval is not in the model (listing what
// it has), or names more than one interval. `file` names the model.
std::size_t kpi_cell(const Model& model, const KpiMargin& margin, const std::string& file);

}  // namespace ccsim
