// What happens to a contact after it is handled, abandoned or waits too long: resolution,
// escalation to higher tiers, misroutes, repeat contacts, retries and callbacks.
#pragma once

#include <optional>
#include <vector>

#include "ccsim/detail/distribution_reader.h"
#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"
#include "sim/reader/ids.h"

namespace ccsim::detail {

// What a contact type's flow refers to, checked once every type and agent group is read.
struct FlowReferences {
  std::optional<Cursor> escalation;         // a readable "p", a number or a list
  std::optional<double> escalation_scalar;  // the number, when "p" is one
  std::optional<Cursor> misroute_to;        // a string
  std::optional<Cursor> when_queued;        // its "becomes": an object of type ids
};

void read_resolution(const Cursor& node, ContactType& type);
// The probabilities are kept as written; compile_escalations() spreads them over the tiers.
void read_escalation(const Cursor& node, ContactType& type, FlowReferences& references,
                     DistributionContext& distributions);
// The target type is resolved by resolve_misroutes(), once every id is known.
void read_misroute(const Cursor& node, ContactType& type, FlowReferences& references,
                   DistributionContext& distributions);
void read_repeat(const Cursor& node, ContactType& type, DistributionContext& distributions);
void read_retry(const Cursor& node, ContactType& type, DistributionContext& distributions);
void read_callback(const Cursor& node, ContactType& type, DistributionContext& distributions);

// Points each misroute at its target type, by index.
void resolve_misroutes(std::vector<ContactType>& types, const std::vector<FlowReferences>& flow,
                       const IdList& type_ids);

// Who takes a contact type at each tier, for escalations.
struct TierStaff {
  const std::vector<std::vector<Skill>>& skills;  // by group
  const std::vector<int>& tiers;                  // by group
  // Agents per interval by group; nothing when some group's staffing did not read, and then
  // every group counts as staffed so that nothing is refused on a guess.
  const std::optional<std::vector<std::vector<double>>>& staffed;
  const std::vector<OverflowStep>& overflow;  // the steps that read
};

// Spreads each escalation probability over the tiers that serve the type, and refuses one that
// sends contacts to a tier with nobody to take them.
void compile_escalations(std::vector<ContactType>& types, const std::vector<FlowReferences>& flow,
                         const IdList& type_ids, const TierStaff& staff);

}  // namespace ccsim::detail
