// Service-level rules: a segment's, a voice or chat type's answer-time target, and an email
// type's response-time target with its business hours.
#pragma once

#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"

namespace ccsim::detail {

// A segment's service level; the defaults for what is absent or wrong.
ServiceLevelRule read_segment_sla(const Cursor& node);

// A voice or chat type's sla into `type.sla`. The email keys are refused, unless the channel was
// itself unreadable (`channel_known` false): the type might have been meant as email.
void read_type_sla(const Cursor& node, ContactType& type, bool channel_known);

// An email type's sla into `type.response`; the answer-time keys are refused.
void read_response(const Cursor& node, ContactType& type);

}  // namespace ccsim::detail
