// The compiled, immutable model: everything one replication needs, names resolved to dense indices
// and every quantity in seconds. Built only by the scenario reader (scenario.h) or, in tests, by
// hand; the engine reads it and never changes it, so many replications can share one Model.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ccsim/business_time.h"
#include "ccsim/distribution.h"
#include "ccsim/roster.h"
#include "ccsim/routing.h"
#include "ccsim/shifts.h"

namespace ccsim {

using ContactTypeIndex = std::uint32_t;
using AgentGroupIndex = std::uint32_t;
using IntervalIndex = std::uint32_t;
using SegmentIndex = std::uint32_t;
inline constexpr SegmentIndex no_segment = 0xffffffffu;

// Tiers are numbered 1 (front line) to max_tier; a contact escalates to the next higher tier that
// serves its type.
inline constexpr int max_tier = 3;

// The planning grid. Days run back to back: interval i of day d is global interval
// d * intervals_per_day + i, and day d starts at d * intervals_per_day * interval_s of simulated
// time (the night between two days is not simulated; labels restart at `start_min` each day).
struct Horizon {
  int start_min = 0;  // clock time of the first interval, minutes after midnight (labels only)
  int intervals_per_day = 1;
  Seconds interval_s = 1800.0;
  int days = 1;
  int start_weekday = 0;  // weekday of the first day, 0 = Monday ... 6 = Sunday (business hours)

  int intervals() const { return intervals_per_day * days; }
  Seconds length_s() const { return interval_s * intervals(); }
  // "HH:MM" of the start of global interval i on its day's grid (wrapping at midnight).
  std::string start_label(IntervalIndex i) const;
  // start_label, with "dN " before it when the horizon has several days: "d2 09:30".
  std::string interval_label(IntervalIndex i) const;
};

// What a replication's KPIs cover besides the whole horizon: nothing more, each day, or each
// interval. Set by `ccsim run --detail`; the engine counts the same either way, only the summary
// (summary.h) and the outputs differ.
enum class Detail { total, day, interval };

struct RunSettings {
  int replications = 30;
  std::uint64_t seed = 1;
  Seconds warmup_s = 0.0;  // contacts arriving before it are not counted, nor agent time before it
  bool drain = true;       // follow contacts in the system at the horizon's end to completion
  Detail detail = Detail::interval;
  // With interval detail, a slot per day too, after the intervals' (KpiLayout::day_total_slot):
  // what the staffing search judges a day scope on over several days. No writer shows them.
  bool day_totals = false;
  // What the run may hold in memory (limits.h): refused before it starts if its tallies and
  // summaries would not fit, stopped if a replication's contacts in the system outgrow it.
  std::uint64_t memory_limit_bytes = std::uint64_t{4} << 30;
};

// Which contacts the service level divides by.
enum class SlaDenominator { offered_minus_short, offered, answered };

struct ServiceLevelRule {
  Seconds answer_within_s = 20.0;
  // Further thresholds reported beside the target's (service_level_2, _3): the same measure with
  // another T, e.g. 60 s beside a target of 20 s. Not targets. At most max_further_thresholds
  // (tallies.h).
  std::vector<Seconds> also_within_s;
  double target = 0.8;
  Seconds short_abandon_s = 0.0;  // abandons with a wait below this are "short"
  SlaDenominator denominator = SlaDenominator::offered_minus_short;
  // Further targets a staffing search keeps: at most this share abandoned, at most this mean wait
  // of answered contacts. Reported KPIs are the same with or without them.
  std::optional<double> abandon_max;
  std::optional<Seconds> asa_max_s;
};

// A customer segment (vip, standard, ...): its contacts wait with the segment's priority (lower
// is served first) and, unless their type says otherwise, are measured against its service level.
struct Segment {
  std::string id;
  int priority = 1;
  std::optional<ServiceLevelRule> sla;  // applied to its types without an `sla` of their own
};

enum class Channel : std::uint8_t { voice, chat, email };
inline constexpr std::size_t channel_count = 3;

// When business is done, for deferred work's response targets. Times are minutes after midnight.
struct BusinessHours {
  int start_min = 8 * 60;
  int end_min = 18 * 60;
  std::array<bool, 7> days{true, true, true, true, true, false, false};  // Monday first
};

// Email's target: respond within `respond_within_s` of business time (of simulated time when no
// business hours are given).
struct ResponseRule {
  Seconds respond_within_s = 24 * 3600.0;
  double target = 0.8;
  std::optional<BusinessHours> business_hours;
};

// Self-service takes a share of the demand before it becomes a contact; a share of that comes
// back later as a contact (leak) after all.
struct Deflection {
  double share = 0.0;
  double leak_p = 0.0;
  Distribution leak_delay = Exponential{3600.0};
};

// Chat customers who leave without closing the chat: the agent who picks it up spends
// `discover_time` finding nobody there.
struct SilentAbandonment {
  double share = 0.0;  // of the chat contacts that abandon
  Distribution discover_time = Deterministic{30.0};
};

enum class TransferMode { cold, warm };

// What happens to a contact its agent did not resolve: escalation to the next tier.
struct Escalation {
  // Probability that an unresolved contact handled at tier t (1-based) is escalated: p_by_tier[t-1].
  // At the type's highest tier it is 0 (there is nowhere to go).
  std::array<double, max_tier> p_by_tier{};
  TransferMode transfer = TransferMode::cold;
  // Cold: time the tier-1 agent spends handing over, added to its handle time. Warm: time both
  // agents stay on the line once the higher tier answers.
  std::optional<Distribution> handoff;
  std::optional<Distribution> handle_time;  // of the escalated contact; none: the type's own
  std::optional<int> priority;              // of the escalated contact in its queue; none: its own
  Seconds warm_limit_s = 120.0;  // warm: the agent holds at most this long, then it goes cold
};

// A share of the type's front-door contacts lands in another type's queue first; that agent spends
// `handle_time` finding out, then transfers the customer (cold) to the right queue.
struct Misroute {
  double p = 0.0;
  std::uint32_t to = 0;  // contact type index
  Distribution handle_time = Exponential{60.0};
};

// A state-dependent class: a front-door contact that finds no agent free becomes a contact of
// type `to` with probability `p` (its priority, handle time, patience and KPIs are then those of
// `to`). A caller answered at once never gets the class: in a bank, the one who waits is
// identified and takes a priority.
struct QueuedClass {
  ContactTypeIndex to = 0;
  double p = 0.0;
};

// What a call log knows of one replayed call besides its arrival: its handle time, replayed as
// it is (an abandoned call has none: if answered, it is drawn from the type's handle time), and
// its patience: exactly the wait at which it abandoned, or, for a call served after waiting
// `patience_s`, only that its patience was longer (then drawn from the type's patience above that
// wait).
struct ReplayedCall {
  double handle_s = 0.0;
  double patience_s = 0.0;
  bool patience_exceeds = false;  // served: patience_s is a lower bound
  bool handle_known = true;       // false for an abandoned call
  // Whether the log shows the caller identified (priority > 0), for a caller who waited in the log
  // and a replay that reads priorities: 1 yes, 0 no; -1 unknown (answered at once, or not read).
  std::int8_t identified = -1;
};

// An unresolved issue that was not escalated brings the customer back after `delay`.
struct Repeat {
  double p = 0.0;
  Distribution delay = Exponential{86400.0};
  Seconds window_s = 72 * 3600.0;  // repeats later than this after the first contact are no FCR failure
};

// A customer who abandoned (or whose callback did not reach them) tries again after `delay`.
struct Retry {
  double p = 0.0;
  Distribution delay = Exponential{600.0};
};

enum class WaitPredictor { queue_length };

// Virtual hold: a caller whose predicted wait exceeds the threshold is offered a callback.
struct Callback {
  Seconds offer_when_wait_s = 120.0;
  double accept_p = 0.5;
  WaitPredictor predictor = WaitPredictor::queue_length;
  double reach_p = 1.0;                          // the customer answers the agent's call
  Distribution dial_time = Deterministic{20.0};  // agent time spent calling, before the handle time
};

struct ContactType {
  std::string id;
  Channel channel = Channel::voice;
  // Poisson arrival rate per second in each global interval (scale already applied).
  std::vector<double> rate_per_s;
  // Arrival times to replay as they are, in seconds from the horizon's start, sorted; when not
  // empty they replace the Poisson process (rates, scale and busyness are then unused).
  std::vector<double> arrival_times_s;
  // Per replayed arrival, in the order of arrival_times_s: its call's handle time and patience.
  // Empty: a replayed arrival draws them like any other.
  std::vector<ReplayedCall> replayed_calls;
  // Coefficient of variation of the day-level busyness factor (gamma, mean 1); 0 = none.
  double busyness_cv = 0.0;
  Distribution handle_time = Exponential{240.0};  // the conversation (talk and hold)
  // After-call work: the agent stays unavailable this long once the conversation ends (the
  // contact has left by then). None: the agent frees at once, and nothing is drawn for it.
  std::optional<Distribution> wrap_up;
  std::optional<Distribution> patience;  // none: the customer never abandons
  ServiceLevelRule sla;
  SegmentIndex segment = no_segment;
  double resolution_p = 1.0;  // a handled contact resolves its issue (times the skill's resolve_factor)
  std::optional<Escalation> escalation;
  std::optional<Misroute> misroute;
  std::optional<Repeat> repeat;
  std::optional<Retry> retry;
  std::optional<Callback> callback;
  std::optional<Deflection> deflection;
  std::optional<ResponseRule> response;  // email: the response-time target (sla.respond_within_h)
  std::optional<SilentAbandonment> silent_abandonment;  // chat only
  // The classes a front-door contact that must wait becomes, their p adding up to 1 at most: the
  // rest stays of this type. None of them has classes of its own.
  std::vector<QueuedClass> when_queued;
  // Groups with this skill, in routing order (skill priority, then file order), all tiers.
  std::vector<AgentGroupIndex> groups;
};

// One skill of a group: a contact type it serves.
struct Skill {
  ContactTypeIndex type = 0;
  int priority = 1;         // lower is served first, by this group and by the type's routing
  double aht_factor = 1.0;  // multiplies the type's handle time when this group serves it
  double resolve_factor = 1.0;  // multiplies the type's resolution probability (capped at 1)
};

struct AgentGroup {
  std::string id;
  std::vector<double> staffed;  // agents paid in each global interval, as planned
  // Mean agents taking contacts in each global interval: staffed less shrinkage, not rounded. A
  // fraction is an agent present for that share of the interval (roster.h says when).
  std::vector<double> on_duty;
  double shrinkage = 0.0;
  double cost_per_hour = 0.0;     // per paid (staffed) hour
  double cost_per_contact = 0.0;  // per handled contact (outsourced partners)
  double cost_per_minute = 0.0;   // per minute of handle time
  int tier = 1;
  // Agent assist: the adopting share of contacts is handled aht_factor times faster, and the tool
  // costs cost_per_agent_hour for the adopting share of paid hours.
  struct Assist {
    double aht_factor = 1.0;
    double adoption = 1.0;
    double cost_per_agent_hour = 0.0;
  };
  std::optional<Assist> assist;
  // Chat sessions an agent holds at once (chat-only groups); each session beyond the first
  // stretches every session's handle time by concurrency_slowdown.
  int chat_concurrency = 1;
  double concurrency_slowdown = 0.0;
  int voice_reserve = 0;  // idle agents kept free for voice: email is taken only above it
  std::vector<Skill> skills;  // in contact-selection order (priority, then file order)
  // What a staffing search may do with the group, per global interval (empty: no bound). A fixed
  // group (a partner with contracted capacity, or one without a cost per hour) keeps its staffing.
  std::vector<double> staffing_min;
  std::vector<double> staffing_max;
  bool fixed = false;
  // Set by link_routing: the engine follows the model's roster for this group (it has shifts, or
  // some interval has a fraction of an agent) rather than setting on_duty at interval boundaries.
  bool follows_roster = false;
  // The group's agents as a roster: when not empty, on-duty follows it to the minute, `staffed`
  // holds each interval's mean of agents on shift and `on_duty` the mean of those taking contacts
  // (roster.h).
  std::vector<Shift> shifts;
  std::vector<ShiftTemplate> shift_templates;  // what `ccsim schedule` may staff the group with
  // At most this share of the agents `ccsim schedule` rosters may be on part-time templates.
  std::optional<double> part_time_max_share;
};

// After waiting `after_s` in the queue of its type at `tier`, a contact also becomes eligible for
// the groups `to` (which then take that type at that tier only through this step).
struct OverflowStep {
  ContactTypeIndex type = 0;
  int tier = 1;
  Seconds after_s = 0.0;
  std::vector<AgentGroupIndex> to;
};

// A bot or IVR at the front door of some contact types. Of the contacts that enter it, a share is
// contained (resolved, no agent), a share abandons in it, the rest are handed to the human queue.
struct Bot {
  std::string id;
  std::vector<ContactTypeIndex> types;
  double entry_share = 1.0;
  double containment_p = 0.0;
  double abandon_p = 0.0;
  Distribution duration = Exponential{120.0};
  int capacity = 1'000'000;  // concurrent sessions; contacts beyond go straight to humans
  double cost_per_session = 0.0;
  bool handoff_context = true;  // the agent sees what the bot learned
  double handoff_aht_factor = 1.0;  // with context: multiplies the human handle time
  std::optional<Distribution> handoff_extra_handle;  // without context: the customer repeats
  double residual_aht_factor = 1.0;  // handed-off contacts are the harder ones
};

// How agents and waiting contacts are matched (README "Routing policies" has the exact rules).
//  - priority: a new contact goes to the first group in its routing order with an idle agent; a
//    freed agent takes the best skill priority, then the best contact priority, then the longest
//    wait.
//  - longest_weighted_wait: new contacts as above; a freed agent takes, among the real-time queues
//    it serves, the head whose wait x weight is largest (ties: the skill listed first).
//  - reservation: as priority, but a group keeps `reserve` agents idle for its first-priority
//    types: any other type is taken only while more than `reserve` of its agents are idle.
enum class RoutingPolicy : std::uint8_t { priority, longest_weighted_wait, reservation };

struct RoutingRules {
  RoutingPolicy policy = RoutingPolicy::priority;
  // longest_weighted_wait: weights[type * group_count + group] multiplies the wait of a contact of
  // that type when that group chooses; empty means every weight is 1.
  std::vector<double> weights;
  // reservation: per group, agents kept idle for its first-priority types; empty means none.
  std::vector<int> reserve;
};

struct Model {
  std::string name;
  Horizon horizon;
  RunSettings run;
  std::vector<ContactType> contact_types;
  std::vector<AgentGroup> agent_groups;
  std::vector<Segment> segments;
  std::vector<OverflowStep> overflow;  // per type and tier in increasing after_s
  std::vector<Bot> bots;
  RoutingRules routing;

  // Compiled by link_routing from the fields above; a model changed after it must be linked again.
  RoutingTables routing_tables;
  std::vector<BusinessTime> business_time;  // per contact type
  std::vector<RosterChange> roster;  // of the groups that follow one, by time (roster.h)

  std::size_t type_count() const { return contact_types.size(); }
  std::size_t group_count() const { return agent_groups.size(); }
  std::size_t segment_count() const { return segments.size(); }
};

// Agents on duty after shrinkage, not rounded: 14 staffed at 30 % shrinkage is 9.8 on duty, nine
// agents and a tenth for 80 % of the interval.
double on_duty_after_shrinkage(double staffed, double shrinkage);

// Agents as a planner reads them: "10", "9.8", "14.29" (two decimals at most).
std::string agents_text(double agents);

// Fills `groups` of every contact type from the agent groups' skills (priority, then group order),
// sorts each group's skills, staffs each group with shifts from its roster, and compiles the
// tables the engine reads (routing, business time, roster changes):
// everything that depends only on the scenario, done once and shared by every replication. The
// scenario reader calls it; tests that build models by hand too.
void link_routing(Model& model);

}  // namespace ccsim
