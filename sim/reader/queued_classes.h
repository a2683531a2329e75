// State-dependent classes: "a contact of this type that cannot be answered at once becomes class
// Y with probability p" (ContactType::when_queued), read with the type and resolved once every
// type id is known.
#pragma once

#include <optional>
#include <vector>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"
#include "sim/reader/ids.h"
#include "sim/reader/issue_flow.h"

namespace ccsim::detail {

// Keeps `when_queued`'s "becomes" for resolve_queued_classes; refuses it on an email type (an
// email is never answered at once).
void read_when_queued(const Cursor& node, const ContactType& type, bool channel_known,
                      FlowReferences& references);

// Fills each type's when_queued: every class a known type other than this one, of the same
// channel, without classes of its own; each p from 0 to 1 and together at most 1.
void resolve_queued_classes(std::vector<ContactType>& types,
                            const std::vector<FlowReferences>& flow, const IdList& type_ids);

// Refuses when_queued on a type a bot serves: a caller the bot hands over waits with the bot's
// handle time and context, which a class of its own would not keep.
void refuse_classes_behind_bots(const Cursor& types_node, const std::vector<FlowReferences>& flow,
                                const std::vector<Bot>& bots);

}  // namespace ccsim::detail
