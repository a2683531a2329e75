#include "ccsim/detail/scenario_keys.h"

namespace ccsim::detail::scenario_keys {

// The order within a list is that of the readers, not the schema's: a "did you mean" between two
// equally near keys names the first.
const Keys scenario = {"$schema",       "name",         "description", "horizon",
                       "run",           "segments",     "contact_types", "agent_groups",
                       "routing",       "automation",   "replay",       "what_if"};
const Keys horizon = {"start", "intervals", "interval_min", "days", "start_weekday"};
const Keys run = {"replications", "seed", "warmup_min", "drain"};
const Keys segment = {"id", "priority", "sla"};
const Keys contact_type = {"id",       "channel",    "segment",    "arrivals", "handle_time",
                           "wrap_up",  "patience", "sla",        "resolution", "escalation", "misroute",
                           "repeat",   "retry",      "callback",   "deflection",
                           "silent_abandonment", "when_queued"};
const Keys arrivals = {"rate_per_hour", "per_interval", "times_s",    "file",
                       "column",        "scale",        "busyness_cv"};
const Keys sla = {"answer_within_s", "also_within_s", "target", "short_abandon_s", "denominator",
                  "abandon_max", "asa_max_s"};
const Keys type_sla = {"answer_within_s",  "also_within_s", "target",         "short_abandon_s", "denominator",
                       "abandon_max",      "asa_max_s",      "respond_within_h", "business_hours"};
const Keys answer = {"answer_within_s", "also_within_s", "short_abandon_s", "denominator", "abandon_max", "asa_max_s"};
const Keys response = {"respond_within_h", "business_hours"};
const Keys business_hours = {"start", "end", "days"};
const Keys deflection = {"share", "leak_p", "leak_delay"};
const Keys silent_abandonment = {"share", "discover_s"};
const Keys resolution = {"p"};
const Keys escalation = {"p", "transfer", "handoff_s", "handle_time", "priority", "warm_limit_s"};
const Keys misroute = {"p", "to", "handle_time"};
const Keys when_queued = {"becomes"};
const Keys replay = {"file", "columns", "served", "abandoned", "delimiter", "from", "to", "weekdays"};
const Keys replay_columns = {"date", "arrival", "type", "wait", "handle", "outcome", "priority"};
const Keys repeat = {"p", "delay", "window_h"};
const Keys retry = {"p", "delay"};
const Keys callback = {"offer_when_wait_s", "accept_p", "predictor", "reach_p", "dial_s"};
const Keys agent_group = {"id",        "tier",          "skills",           "staffing",
                          "shrinkage", "cost_per_hour", "cost_per_contact", "cost_per_minute",
                          "assist",    "chat_concurrency", "concurrency_slowdown",
                          "voice_reserve", "shifts",     "staffing_min",  "staffing_max",
                          "fixed", "shift_templates", "part_time_max_share"};
const Keys shift = {"id", "start", "length_h", "breaks", "agents", "days"};
const Keys shift_break = {"after_h", "length_min"};
const Keys skill = {"priority", "aht_factor", "resolve_factor"};
const Keys shift_template = {"id",     "start",      "length_h", "cost_per_hour",
                             "breaks", "max_agents", "days",     "part_time"};
const Keys shift_template_break = {"length_min", "earliest_after_h", "latest_after_h"};
const Keys assist = {"aht_factor", "adoption", "cost_per_agent_hour"};
const Keys routing = {"policy", "weights", "reserve", "overflow"};
const Keys overflow_step = {"type", "tier", "after_s", "to"};
const Keys automation = {"bots"};
const Keys bot = {"id",       "types",            "entry_share", "containment_p",
                  "abandon_p", "duration",        "capacity",    "cost_per_session",
                  "handoff",  "residual_aht_factor"};
const Keys handoff = {"context", "aht_factor", "extra_handle"};

const std::vector<Place>& every_place() {
  // The email rule of contact_type (allOf/0) refuses the answer keys under "then" (email) and
  // the response keys under "else" (voice and chat).
  static const std::vector<Place> places = {
      {"", "", scenario},
      {"/horizon", "/$defs/horizon", horizon},
      {"/run", "/$defs/run", run},
      {"/segments/*", "/$defs/segment", segment},
      {"/segments/*/sla", "/$defs/sla", sla},
      {"/contact_types/*", "/$defs/contact_type", contact_type},
      {"/contact_types/*/arrivals", "/$defs/arrivals", arrivals},
      {"/contact_types/*/sla", "/$defs/type_sla", type_sla},
      {"/contact_types/*/sla (email)", "/$defs/contact_type/allOf/0/then/properties/sla", answer},
      {"/contact_types/*/sla (voice, chat)", "/$defs/contact_type/allOf/0/else/properties/sla",
       response},
      {"/contact_types/*/sla/business_hours", "/$defs/business_hours", business_hours},
      {"/contact_types/*/deflection", "/$defs/deflection", deflection},
      {"/contact_types/*/silent_abandonment", "/$defs/silent_abandonment", silent_abandonment},
      {"/contact_types/*/resolution", "/$defs/resolution", resolution},
      {"/contact_types/*/escalation", "/$defs/escalation", escalation},
      {"/contact_types/*/misroute", "/$defs/misroute", misroute},
      {"/contact_types/*/when_queued", "/$defs/when_queued", when_queued},
      {"/replay", "/$defs/replay", replay},
      {"/replay/columns", "/$defs/replay/properties/columns", replay_columns},
      {"/contact_types/*/repeat", "/$defs/repeat", repeat},
      {"/contact_types/*/retry", "/$defs/retry", retry},
      {"/contact_types/*/callback", "/$defs/callback", callback},
      {"/agent_groups/*", "/$defs/agent_group", agent_group},
      {"/agent_groups/*/skills/*", "/$defs/skill", skill},
      {"/agent_groups/*/shifts/*", "/$defs/shift", shift},
      {"/agent_groups/*/shifts/*/breaks/*", "/$defs/shift_break", shift_break},
      {"/agent_groups/*/shift_templates/*", "/$defs/shift_template", shift_template},
      {"/agent_groups/*/shift_templates/*/breaks/*", "/$defs/shift_template_break",
       shift_template_break},
      {"/agent_groups/*/assist", "/$defs/assist", assist},
      {"/routing", "/$defs/routing", routing},
      {"/routing/overflow/*", "/$defs/overflow_step", overflow_step},
      {"/automation", "/$defs/automation", automation},
      {"/automation/bots/*", "/$defs/bot", bot},
      {"/automation/bots/*/handoff", "/$defs/handoff", handoff},
  };
  return places;
}

}  // namespace ccsim::detail::scenario_keys
