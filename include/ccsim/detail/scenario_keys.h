// The keys each object of a scenario file may have, in one place: the readers refuse any other
// key (with a "did you mean"), and a unit test holds every list equal to the "properties" of its
// object in scenarios/ccsim.schema.json, so that the file format and its schema cannot drift.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ccsim::detail::scenario_keys {

using Keys = std::vector<std::string>;

extern const Keys scenario;
extern const Keys horizon;
extern const Keys run;
extern const Keys segment;
extern const Keys contact_type;
extern const Keys arrivals;
extern const Keys sla;       // a segment's service level
extern const Keys type_sla;  // a contact type's: the keys of voice and chat, then those of email
extern const Keys answer;    // the keys only voice and chat have
extern const Keys response;  // the keys only email has
extern const Keys business_hours;
extern const Keys deflection;
extern const Keys silent_abandonment;
extern const Keys resolution;
extern const Keys escalation;
extern const Keys misroute;
extern const Keys when_queued;
extern const Keys replay;
extern const Keys replay_columns;
extern const Keys repeat;
extern const Keys retry;
extern const Keys callback;
extern const Keys agent_group;
extern const Keys shift;
extern const Keys shift_break;
extern const Keys skill;
extern const Keys shift_template;
extern const Keys shift_template_break;
extern const Keys assist;
extern const Keys routing;
extern const Keys overflow_step;
extern const Keys automation;
extern const Keys bot;
extern const Keys handoff;

// Where each list applies: `place` in a scenario file ("*" for any element or skill), and
// `schema` the JSON pointer of the object in ccsim.schema.json whose "properties" it equals.
struct Place {
  std::string_view place;
  std::string_view schema;
  const Keys& keys;
};

const std::vector<Place>& every_place();

}  // namespace ccsim::detail::scenario_keys
