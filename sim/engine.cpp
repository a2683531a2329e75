#include "ccsim/engine.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include <fmt/core.h>

#include "ccsim/check.h"
#include "ccsim/distribution.h"
#include "ccsim/event_calendar.h"
#include "ccsim/random_streams.h"

namespace ccsim {

std::string_view trace_kind_name(TraceKind kind) {
  switch (kind) {
    case TraceKind::arrival: return "arrival";
    case TraceKind::answer: return "answer";
    case TraceKind::service_end: return "service_end";
    case TraceKind::abandonment: return "abandonment";
    case TraceKind::staffing: return "staffing";
    case TraceKind::resolved: return "resolved";
    case TraceKind::unresolved: return "unresolved";
    case TraceKind::escalated: return "escalated";
    case TraceKind::transferred: return "transferred";
    case TraceKind::unreached: return "unreached";
    case TraceKind::overflow: return "overflow";
    case TraceKind::callback: return "callback";
    case TraceKind::hold_limit: return "hold_limit";
    case TraceKind::gave_up: return "gave_up";
    case TraceKind::contained: return "contained";
    case TraceKind::bot_abandonment: return "bot_abandonment";
    case TraceKind::handoff: return "handoff";
    case TraceKind::deflected: return "deflected";
  }
  return "?";
}

namespace {

constexpr std::uint32_t no_contact = std::numeric_limits<std::uint32_t>::max();
constexpr double never = std::numeric_limits<double>::infinity();
constexpr std::size_t max_stages = static_cast<std::size_t>(max_tier);

double uniform(RandomEngine& stream) { return boost::random::uniform_01<double>{}(stream); }

// A Bernoulli trial that spends no draw when the outcome is certain, so that a scenario without
// the feature draws exactly what it drew before the feature existed.
bool chance(double p, RandomEngine& stream) {
  if (p >= 1.0) return true;
  if (p <= 0.0) return false;
  return uniform(stream) < p;
}

enum class ContactState : std::uint8_t {
  pending,     // a customer due to come back (repeat, retry): not in the system yet
  waiting,     // in a queue
  in_service,  // talking to an agent
  holding,     // warm transfer: the conversation is over, the agent holds until the next tier answers
  releasing,   // the agent finishes a hand-over (warm: on the line with the next tier)
  in_bot,      // in a session with a bot at the front door
};

// What became of a contact an agent took.
enum class Outcome : std::uint8_t { none, resolved, unresolved, escalated, transferred, unreached };

enum class Return : std::uint8_t { repeat, retry };

// A contact in the system, and the issue it is about. Slots are reused through a free list, so
// memory follows the number of contacts in the system, not the number simulated. An issue's
// state travels with its current contact: a transfer, escalation or return reuses the slot, and a
// warm transfer hands the issue to the new contact while the old one holds.
//
// Timers stay in the calendar when their contact moves on (lazy cancellation): an abandonment,
// overflow or hold limit applies only if the contact in its slot still has that very deadline
// (`never` otherwise). A later contact in a reused slot shares a stale deadline only if it was
// due at that same instant anyway: same outcome.
struct Contact {
  double arrival_s;      // of this contact (its wait and service level count from here)
  // The type's handle time until answered (the serving group's aht_factor multiplies it); while
  // the agent holds for a warm transfer, when the hold began.
  double handle_base_s;
  double handle_s;  // as served, once answered
  double abandon_at;
  double timer_at;  // waiting: its next overflow step; holding: the hold limit
  double patience_s;  // drawn when the contact arrives; runs while the customer waits alone
  double resolve_factor;
  double issue_open_s;
  std::uint64_t serial;
  std::uint32_t type;      // of the queue it is in (a misrouted contact sits in another type's)
  std::uint32_t interval;  // of arrival, where the contact is counted
  std::uint32_t group;     // serving it, once answered
  std::uint32_t prev;      // neighbours in its waiting queue
  std::uint32_t next;
  std::uint32_t queue;
  std::uint32_t partner;  // warm transfer: the holding contact <-> the escalated one
  std::uint32_t issue_type;
  std::uint32_t issue_interval;
  std::uint32_t issue_contacts;
  std::uint8_t stage;  // index of its tier among the tiers serving the type
  std::uint16_t level;  // priority level of its queue, 0 first
  std::uint16_t step;  // next overflow step
  ContactState state;
  Outcome outcome;
  bool counted;  // arrived after the warm-up
  bool live;
  bool callback;
  bool misrouted;
  bool issue_counted;
  bool owns_issue;
  bool fcr_candidate;  // first contact handled without transfer, no repeat inside the window yet
  bool repeated;
  bool leak;    // pending: deflected demand coming back as a new contact
  bool silent;  // a chat customer who left without closing: the agent finds nobody
};

// FIFO of waiting contacts of one type, tier and priority, linked through the contacts, so that
// an abandoning contact leaves from the middle in O(1).
struct WaitingQueue {
  std::uint32_t head = no_contact;
  std::uint32_t tail = no_contact;
  std::uint32_t size = 0;
};

// Agents of one group are alike, so counts are all the state they need.
struct GroupState {
  int idle = 0;
  int busy = 0;                // includes agents who leave when their contact ends
  int pending_departures = 0;  // busy agents who leave at their next service end
  double accounted_until = 0.0;
};

// A group that can take a contact of some type and tier, and what its skill does to it.
struct Server {
  AgentGroupIndex group;
  double aht_factor;
  double resolve_factor;
  int min_idle;  // email: the group's voice reserve, which an email may not take
};

struct OverflowRoute {
  Seconds after_s;
  std::vector<Server> servers;
};

// Where a contact of one type and tier goes: the groups with that skill at that tier in routing
// order, then the overflow steps in increasing wait.
struct Route {
  std::vector<Server> direct;
  std::vector<OverflowRoute> steps;
  double mean_handle_s = 0.0;  // for the callback's wait prediction
  bool offers_callback = false;
};

// What a freed agent of a group looks at: the queues (one per priority level) of a type and tier,
// eligible after `min_wait_s` in them (0 but for overflow), in the group's skill priority.
struct Source {
  std::uint32_t queue;  // the level-0 queue; level l is queue + l
  Seconds min_wait_s;
  int priority;
  double aht_factor;
  double resolve_factor;
  bool email;  // deferred work: taken after every real-time queue, and only above the reserve
};

// Email sources rank after every real-time skill priority (priorities are at most 1,000,000).
constexpr int email_rank = 2'000'000;

// One contact type's random streams, one per purpose (random_streams.h), so that a feature's draws
// never shift another's.
struct TypeStreams {
  TypeStreams(std::uint64_t seed, std::uint64_t replication, ContactTypeIndex k)
      : arrivals(make_stream(seed, replication, StreamPurpose::arrivals, k)),
        handle(make_stream(seed, replication, StreamPurpose::handle_time, k)),
        patience(make_stream(seed, replication, StreamPurpose::patience, k)),
        outcome(make_stream(seed, replication, StreamPurpose::outcome, k)),
        returns(make_stream(seed, replication, StreamPurpose::returns, k)),
        misroute(make_stream(seed, replication, StreamPurpose::misroute, k)),
        escalation(make_stream(seed, replication, StreamPurpose::escalation, k)),
        callback(make_stream(seed, replication, StreamPurpose::callback, k)),
        deflection(make_stream(seed, replication, StreamPurpose::deflection, k)),
        bot(make_stream(seed, replication, StreamPurpose::bot, k)),
        silent(make_stream(seed, replication, StreamPurpose::silent, k)) {}

  RandomEngine arrivals, handle, patience, outcome, returns, misroute, escalation, callback,
      deflection, bot, silent;
};

class Engine {
 public:
  Engine(const Model& model, std::uint64_t seed, std::uint64_t replication, TraceSink* trace)
      : model_(model),
        tallies_(static_cast<std::size_t>(model.horizon.intervals()), model.type_count(),
                 model.group_count()),
        trace_(trace),
        intervals_(static_cast<IntervalIndex>(model.horizon.intervals())),
        interval_s_(model.horizon.interval_s),
        horizon_end_(model.horizon.length_s()),
        warmup_s_(model.run.warmup_s) {
    const std::size_t types = model.type_count();
    for (std::uint32_t k = 0; k < types; ++k) streams_.emplace_back(seed, replication, k);
    for (std::uint32_t g = 0; g < model.group_count(); ++g) {
      assist_streams_.push_back(make_stream(seed, replication, StreamPurpose::assist, g));
      concurrency_.push_back(std::max(1, model.agent_groups[g].chat_concurrency));
    }
    bot_of_type_.assign(types, -1);
    for (std::size_t b = 0; b < model.bots.size(); ++b)
      for (const ContactTypeIndex k : model.bots[b].types) bot_of_type_[k] = static_cast<int>(b);
    bot_sessions_.assign(model.bots.size(), 0);
    build_business_time();
    draw_arrival_rates();
    replay_cursor_.assign(types, 0);
    build_priority_levels();
    build_routes();
    queues_.resize(types * max_stages * levels_);
    groups_.resize(model.group_count());
    for (const AgentGroup& group : model.agent_groups) {
      prices_contacts_.push_back(group.cost_per_contact > 0.0 || group.cost_per_minute > 0.0);
      adjusts_handle_.push_back(group.assist.has_value() ||
                                (group.chat_concurrency > 1 && group.concurrency_slowdown > 0.0));
    }
    fill_paid_time();
  }

  Tallies run() {
    for (AgentGroupIndex g = 0; g < groups_.size(); ++g) {
      groups_[g].idle = model_.agent_groups[g].on_duty[0] * concurrency_[g];
      if (trace_) trace(0.0, TraceKind::staffing, static_cast<std::uint64_t>(groups_[g].idle), -1,
                        static_cast<int>(g));
    }
    for (ContactTypeIndex k = 0; k < model_.type_count(); ++k) {
      const double first = next_arrival_time(k, 0.0);
      if (first < horizon_end_) calendar_.push(first, EventKind::arrival, k);
    }
    calendar_.push(interval_s_, EventKind::interval_boundary, 1);

    // Counted in a local: a member incremented through `this` costs a load and a store per event.
    std::uint64_t events = 0;
    while (!calendar_.empty() && !stopped_) {
      const Event event = calendar_.top();
      top_taken_ = false;
      now_ = event.time;
      ++events;
      switch (event.kind()) {
        case EventKind::arrival: on_arrival(event.index()); break;
        case EventKind::service_end: on_service_end(event.index()); break;
        case EventKind::abandonment: on_abandonment(event.index()); break;
        case EventKind::interval_boundary: on_interval_boundary(event.index()); break;
        case EventKind::return_arrival: on_return(event.index()); break;
        case EventKind::bot_end: on_bot_end(event.index()); break;
        case EventKind::overflow: on_overflow(event.index()); break;
        case EventKind::hold_limit: on_hold_limit(event.index()); break;
      }
      if (!top_taken_) calendar_.pop();
    }
    tallies_.events = events;
    close_run();
    check_conservation();
    return std::move(tallies_);
  }

 private:
  // ---- set-up -----------------------------------------------------------------------------------

  // Queue priorities in use (segments, escalations), lowest number first; each becomes a level.
  void build_priority_levels() {
    std::vector<int> priorities;
    for (const ContactType& type : model_.contact_types) {
      priorities.push_back(priority_of(type));
      if (type.escalation && type.escalation->priority) priorities.push_back(*type.escalation->priority);
    }
    std::sort(priorities.begin(), priorities.end());
    priorities.erase(std::unique(priorities.begin(), priorities.end()), priorities.end());
    priorities_ = priorities;
    levels_ = std::max<std::size_t>(1, priorities_.size());
    for (const ContactType& type : model_.contact_types) front_level_.push_back(level_of(priority_of(type)));
  }

  int priority_of(const ContactType& type) const {
    return type.segment == no_segment ? 1 : model_.segments[type.segment].priority;
  }

  std::uint16_t level_of(int priority) const {
    const auto it = std::lower_bound(priorities_.begin(), priorities_.end(), priority);
    return static_cast<std::uint16_t>(it - priorities_.begin());
  }

  std::uint32_t queue_of(ContactTypeIndex k, std::size_t stage) const {
    return static_cast<std::uint32_t>((k * max_stages + stage) * levels_);
  }

  // A type's stages are the tiers that serve it, directly or by overflow, in increasing order.
  int stage_of(ContactTypeIndex k, int tier) const {
    const auto& tiers = stage_tiers_[k];
    const auto it = std::find(tiers.begin(), tiers.end(), tier);
    return it == tiers.end() ? -1 : static_cast<int>(it - tiers.begin());
  }

  Server server_for(const AgentGroup& group, AgentGroupIndex g, ContactTypeIndex k) const {
    const int min_idle = model_.contact_types[k].channel == Channel::email ? group.voice_reserve : 0;
    for (const Skill& skill : group.skills)
      if (skill.type == k) return {g, skill.aht_factor, skill.resolve_factor, min_idle};
    return {g, 1.0, 1.0, min_idle};  // an overflow group without the skill: its own pace
  }

  void build_routes() {
    const std::size_t types = model_.type_count();
    stage_tiers_.assign(types, {});
    for (const AgentGroup& group : model_.agent_groups)
      for (const Skill& skill : group.skills) stage_tiers_[skill.type].push_back(group.tier);
    for (const OverflowStep& step : model_.overflow) stage_tiers_[step.type].push_back(step.tier);
    for (auto& tiers : stage_tiers_) {
      std::sort(tiers.begin(), tiers.end());
      tiers.erase(std::unique(tiers.begin(), tiers.end()), tiers.end());
      if (tiers.empty()) tiers.push_back(1);
      CCSIM_CHECK(tiers.size() <= max_stages, "more tiers than the engine's queues hold");
    }

    // Overflow steps first: a group that a step names takes that type and tier only through it.
    routes_.assign(types * max_stages, {});
    struct OverflowTarget {
      AgentGroupIndex group;
      ContactTypeIndex type;
      std::size_t stage;
      Seconds after_s;
    };
    std::vector<OverflowTarget> overflow_targets;
    std::vector<std::vector<bool>> overflow_only(types * max_stages,
                                                 std::vector<bool>(model_.group_count(), false));
    for (const OverflowStep& step : model_.overflow) {
      const int stage = stage_of(step.type, step.tier);
      CCSIM_CHECK(stage >= 0, "overflow step for a tier that does not serve its type");
      const std::size_t r = step.type * max_stages + static_cast<std::size_t>(stage);
      OverflowRoute route{step.after_s, {}};
      for (const AgentGroupIndex g : step.to) {
        if (overflow_only[r][g]) continue;  // already eligible through an earlier step
        overflow_only[r][g] = true;
        route.servers.push_back(server_for(model_.agent_groups[g], g, step.type));
        overflow_targets.push_back({g, step.type, static_cast<std::size_t>(stage), step.after_s});
      }
      routes_[r].steps.push_back(std::move(route));
    }
    for (ContactTypeIndex k = 0; k < types; ++k) {
      const ContactType& type = model_.contact_types[k];
      for (std::size_t stage = 0; stage < stage_tiers_[k].size(); ++stage) {
        Route& route = routes_[k * max_stages + stage];
        for (const AgentGroupIndex g : type.groups) {
          const AgentGroup& group = model_.agent_groups[g];
          if (group.tier != stage_tiers_[k][stage] || overflow_only[k * max_stages + stage][g]) continue;
          route.direct.push_back(server_for(group, g, k));
        }
        const double factor = route.direct.empty() ? 1.0 : route.direct.front().aht_factor;
        route.mean_handle_s = mean(type.handle_time) * factor;
        route.offers_callback = type.callback.has_value();
      }
    }

    sources_.assign(model_.group_count(), {});
    for (AgentGroupIndex g = 0; g < model_.group_count(); ++g) {
      const AgentGroup& group = model_.agent_groups[g];
      for (const Skill& skill : group.skills) {
        const int stage = stage_of(skill.type, group.tier);
        if (overflow_only[skill.type * max_stages + static_cast<std::size_t>(stage)][g]) continue;
        const bool email = model_.contact_types[skill.type].channel == Channel::email;
        sources_[g].push_back({queue_of(skill.type, static_cast<std::size_t>(stage)), 0.0,
                               email ? email_rank + skill.priority : skill.priority,
                               skill.aht_factor, skill.resolve_factor, email});
      }
    }
    for (const OverflowTarget& target : overflow_targets) {
      const AgentGroup& group = model_.agent_groups[target.group];
      int priority = std::numeric_limits<int>::max();  // after the group's own skills
      for (const Skill& skill : group.skills)
        if (skill.type == target.type) priority = skill.priority;
      const Server server = server_for(group, target.group, target.type);
      const bool email = model_.contact_types[target.type].channel == Channel::email;
      if (email && priority != std::numeric_limits<int>::max()) priority += email_rank;
      sources_[target.group].push_back({queue_of(target.type, target.stage), target.after_s, priority,
                                        server.aht_factor, server.resolve_factor, email});
    }
    for (auto& sources : sources_)
      std::stable_sort(sources.begin(), sources.end(),
                       [](const Source& a, const Source& b) { return a.priority < b.priority; });
  }

  // ---- scheduling -------------------------------------------------------------------------------

  // The first event scheduled while handling an event takes the handled event's place in the heap
  // (one sift-down instead of a pop and a push): most events schedule exactly one successor.
  [[gnu::always_inline]] void schedule(double time, EventKind kind, std::uint32_t index) {
    if (!top_taken_) {
      calendar_.replace_top(time, kind, index);
      top_taken_ = true;
    } else {
      calendar_.push(time, kind, index);
    }
  }

  void trace(double time, TraceKind kind, std::uint64_t contact, int type, int group) {
    trace_->record({time, kind, contact, type, group});
  }

  void trace_contact(TraceKind kind, const Contact& contact, int group = -1) {
    if (trace_) trace(now_, kind, contact.serial, static_cast<int>(contact.type), group);
  }

  // ---- arrivals ---------------------------------------------------------------------------------

  // Rates of this replication: the model's rates times each day's busyness factor, a gamma draw of
  // mean 1 and the type's CV (a doubly stochastic Poisson process), drawn before any arrival.
  void draw_arrival_rates() {
    const std::size_t types = model_.type_count();
    const int days = model_.horizon.days;
    const int per_day = model_.horizon.intervals_per_day;
    rates_.assign(types * intervals_, 0.0);
    for (std::size_t k = 0; k < types; ++k) {
      const ContactType& type = model_.contact_types[k];
      for (int d = 0; d < days; ++d) {
        double factor = 1.0;
        if (type.busyness_cv > 0.0) {
          const double shape = 1.0 / (type.busyness_cv * type.busyness_cv);
          factor = detail::sample_gamma(shape, 1.0 / shape, streams_[k].arrivals);
        }
        for (int i = d * per_day; i < (d + 1) * per_day; ++i)
          rates_[k * intervals_ + i] = type.rate_per_s[i] * factor;
      }
    }
  }

  // Next arrival of a piecewise-constant Poisson process after `from`, by inverting its cumulative
  // rate: one unit exponential is spent across interval boundaries, so the rate changes exactly at
  // the boundary and each arrival costs one draw however many intervals it crosses.
  double next_arrival_time(ContactTypeIndex k, double from) {
    const std::vector<double>& replay = model_.contact_types[k].arrival_times_s;
    if (!replay.empty()) {
      std::size_t& next = replay_cursor_[k];
      return next < replay.size() ? replay[next++] : never;
    }
    double budget = boost::random::exponential_distribution<double>{1.0}(streams_[k].arrivals);
    double t = from;
    IntervalIndex i = interval_of(t);
    const double* rate = &rates_[static_cast<std::size_t>(k) * intervals_];
    for (; i < intervals_; ++i) {
      const double end = (i + 1) * interval_s_;
      const double expected = rate[i] * (end - t);
      if (budget < expected) return t + budget / rate[i];
      budget -= expected;
      t = end;
    }
    return never;
  }

  // New demand: self-service may take it; otherwise a new customer, a new issue, at the front door.
  [[gnu::always_inline]] void on_arrival(ContactTypeIndex k) {
    const double next = next_arrival_time(k, now_);
    if (next < horizon_end_) schedule(next, EventKind::arrival, k);
    const ContactType& type = model_.contact_types[k];
    if (type.deflection && chance(type.deflection->share, streams_[k].deflection)) return deflect(k);

    const std::uint32_t c = allocate_contact();
    open_issue(c, k);
    front_door(c);
  }

  // Self-service took this demand. A share of it leaks back later as a contact (a new issue, which
  // self-service does not see again).
  [[gnu::noinline]] void deflect(ContactTypeIndex k) {
    const Deflection& deflection = *model_.contact_types[k].deflection;
    if (now_ >= warmup_s_) ++tallies_.contact(interval_of(now_), k).deflected;
    if (trace_) trace(now_, TraceKind::deflected, 0, static_cast<int>(k), -1);
    RandomEngine& stream = streams_[k].deflection;
    if (!chance(deflection.leak_p, stream)) return;
    const double at = now_ + sample(deflection.leak_delay, stream);
    if (at >= horizon_end_) return;
    const std::uint32_t c = allocate_contact();
    Contact& contact = contacts_[c];
    contact.state = ContactState::pending;
    contact.issue_type = k;
    contact.owns_issue = false;
    contact.leak = true;
    schedule(at, EventKind::return_arrival, c);
  }

  // A customer comes back: a repeat or retry of an open issue, or leaked self-service demand.
  void on_return(std::uint32_t c) {
    Contact& contact = contacts_[c];
    if (contact.leak) {
      contact.leak = false;
      open_issue(c, contact.issue_type);
      if (contact.issue_counted) ++tallies_.contact(contact.issue_interval, contact.issue_type).leaked;
    }
    front_door(c);
  }

  [[gnu::always_inline]] void open_issue(std::uint32_t c, ContactTypeIndex k) {
    Contact& contact = contacts_[c];
    contact.issue_open_s = now_;
    contact.issue_type = k;
    contact.issue_interval = interval_of(now_);  // start_contact reuses it: a division saved
    contact.issue_counted = now_ >= warmup_s_;
    contact.issue_contacts = 0;
    contact.owns_issue = true;
    contact.fcr_candidate = false;
    contact.repeated = false;
    if (contact.issue_counted) ++tallies_.issue(contact.issue_interval, k).opened;
  }

  // A customer reaches the queues through the front door (first contact, repeat or retry): it may
  // be misrouted, and it may be offered a callback.
  [[gnu::always_inline]] void front_door(std::uint32_t c) {
    Contact& contact = contacts_[c];
    const ContactTypeIndex k = contact.issue_type;
    const ContactType& type = model_.contact_types[k];
    const int bot = bot_of_type_[k];
    if (bot >= 0 && bot_sessions_[static_cast<std::size_t>(bot)] < model_.bots[static_cast<std::size_t>(bot)].capacity &&
        chance(model_.bots[static_cast<std::size_t>(bot)].entry_share, streams_[k].bot))
      return enter_bot(c, static_cast<std::size_t>(bot));
    ContactTypeIndex queue_type = k;
    contact.misrouted = type.misroute && chance(type.misroute->p, streams_[k].misroute);
    if (contact.misrouted) {
      queue_type = type.misroute->to;
      contact.handle_base_s = sample(type.misroute->handle_time, streams_[k].misroute);
    } else {
      contact.handle_base_s = sample(type.handle_time, streams_[k].handle);
    }
    contact.patience_s = type.patience ? sample(*type.patience, streams_[k].patience) : never;
    start_contact(c, queue_type, 0, front_level_[k]);
    route(c, true);
  }

  // The bot talks to the customer for its session's length. It knows the customer's intent, so a
  // contact that meets a bot is never misrouted.
  [[gnu::noinline]] void enter_bot(std::uint32_t c, std::size_t b) {
    const Bot& bot = model_.bots[b];
    Contact& contact = contacts_[c];
    const ContactTypeIndex k = contact.issue_type;
    contact.misrouted = false;
    start_contact(c, k, 0, front_level_[k]);
    contact.state = ContactState::in_bot;
    ++bot_sessions_[b];
    if (contact.counted) {
      ContactTally& tally = tallies_.contact(contact.interval, k);
      ++tally.bot_entries;
      tally.bot_cost += bot.cost_per_session;
    }
    schedule(now_ + sample(bot.duration, streams_[k].bot), EventKind::bot_end, c);
  }

  // The session ends contained (the issue is resolved), abandoned (the customer may retry), or
  // handed to the human queue, where the handle time depends on what the bot passed on.
  [[gnu::noinline]] void on_bot_end(std::uint32_t c) {
    Contact& contact = contacts_[c];
    const ContactTypeIndex k = contact.type;
    const ContactType& type = model_.contact_types[k];
    const std::size_t b = static_cast<std::size_t>(bot_of_type_[k]);
    const Bot& bot = model_.bots[b];
    --bot_sessions_[b];
    RandomEngine& stream = streams_[k].bot;
    const double u = uniform(stream);
    ContactTally* tally = contact.counted ? &tallies_.contact(contact.interval, k) : nullptr;
    if (u < bot.containment_p) {
      if (tally) ++tally->contained;
      trace_contact(TraceKind::contained, contact);
      if (contact.issue_contacts == 1) contact.fcr_candidate = true;
      end_issue(contact, IssueEnd::resolved);
      return release_contact(c);
    }
    if (u < bot.containment_p + bot.abandon_p) {
      if (tally) {
        ++tally->bot_abandoned;
        ++tally->abandoned;
      }
      trace_contact(TraceKind::bot_abandonment, contact);
      if (!come_back_later(c, Return::retry)) release_contact(c);
      return;
    }
    if (tally) ++tally->handed_off;
    trace_contact(TraceKind::handoff, contact);
    double handle = sample(type.handle_time, streams_[k].handle) * bot.residual_aht_factor;
    if (bot.handoff_context) handle *= bot.handoff_aht_factor;
    else if (bot.handoff_extra_handle) handle += sample(*bot.handoff_extra_handle, stream);
    contact.handle_base_s = handle;
    contact.patience_s = type.patience ? sample(*type.patience, streams_[k].patience) : never;
    contact.arrival_s = now_;  // the wait, and the service level, count from the queue
    contact.state = ContactState::waiting;
    route(c, true);
  }

  // Counts contact c as a new contact of `type` at `stage` and readies it for routing.
  [[gnu::always_inline]] void start_contact(std::uint32_t c, ContactTypeIndex type, std::size_t stage, std::uint16_t level) {
    Contact& contact = contacts_[c];
    contact.arrival_s = now_;
    contact.abandon_at = contact.timer_at = never;
    contact.serial = serial_++;
    contact.type = type;
    contact.stage = static_cast<std::uint8_t>(stage);
    contact.level = level;
    contact.interval = now_ == contact.issue_open_s ? contact.issue_interval : interval_of(now_);
    contact.counted = now_ >= warmup_s_;
    contact.state = ContactState::waiting;
    contact.outcome = Outcome::none;
    contact.callback = false;
    contact.silent = false;
    ++contact.issue_contacts;
    ++tallies_.arrivals;
    if (contact.counted) ++tallies_.contact(contact.interval, type).offered;
    if (trace_) trace(now_, TraceKind::arrival, contact.serial, static_cast<int>(type), -1);
  }

  // An idle agent of the type's groups at its tier takes the contact, else one of an overflow step
  // that applies at once; otherwise it waits, until an agent frees, its patience ends, or its
  // next overflow step.
  [[gnu::always_inline]] void route(std::uint32_t c, bool at_front_door) {
    Contact& contact = contacts_[c];
    const Route& route = routes_[contact.type * max_stages + contact.stage];
    for (const Server& server : route.direct)
      if (groups_[server.group].idle > server.min_idle) return take_idle(c, server);
    std::size_t step = 0;
    for (; step < route.steps.size() && route.steps[step].after_s <= 0.0; ++step)
      for (const Server& server : route.steps[step].servers)
        if (groups_[server.group].idle > server.min_idle) return take_idle(c, server);

    if (at_front_door && route.offers_callback) offer_callback(c, route);
    enqueue(c);
    if (!contact.callback && contact.partner == no_contact && contact.patience_s < never) {
      contact.abandon_at = now_ + contact.patience_s;
      schedule(contact.abandon_at, EventKind::abandonment, c);
    }
    if (step < route.steps.size()) schedule_overflow(c, step);
  }

  [[gnu::noinline]] void schedule_overflow(std::uint32_t c, std::size_t step) {
    Contact& contact = contacts_[c];
    const Route& route = routes_[contact.type * max_stages + contact.stage];
    if (step >= route.steps.size()) return;
    contact.step = static_cast<std::uint16_t>(step);
    contact.timer_at = contact.arrival_s + route.steps[step].after_s;
    schedule(contact.timer_at, EventKind::overflow, c);
  }

  // The contact has waited long enough for the next step: an idle agent of its groups takes it,
  // else they take it when they free (their sources include this queue from this wait on).
  [[gnu::noinline]] void on_overflow(std::uint32_t c) {
    Contact& contact = contacts_[c];
    if (contact.state != ContactState::waiting || contact.timer_at != now_) return;
    contact.timer_at = never;
    trace_contact(TraceKind::overflow, contact);
    const Route& route = routes_[contact.type * max_stages + contact.stage];
    for (const Server& server : route.steps[contact.step].servers) {
      if (groups_[server.group].idle > server.min_idle) {
        dequeue(c);
        return take_idle(c, server);
      }
    }
    schedule_overflow(c, contact.step + 1u);
  }

  // Virtual hold: the wait is predicted from the queue ahead, the handle time and the agents on
  // duty; a caller who accepts keeps the place in line and does not abandon.
  [[gnu::noinline]] void offer_callback(std::uint32_t c, const Route& route) {
    Contact& contact = contacts_[c];
    const Callback& callback = *model_.contact_types[contact.type].callback;
    std::uint64_t ahead = 0;
    const std::uint32_t base = queue_of(contact.type, contact.stage);
    for (std::uint32_t level = 0; level <= contact.level; ++level) ahead += queues_[base + level].size;
    int agents = 0;
    for (const Server& server : route.direct) {
      const GroupState& group = groups_[server.group];
      agents += group.idle + group.busy - group.pending_departures;
    }
    const double predicted =
        agents > 0 ? static_cast<double>(ahead + 1) * route.mean_handle_s / agents : never;
    if (predicted <= callback.offer_when_wait_s) return;
    ContactTally* tally = contact.counted ? &tallies_.contact(contact.interval, contact.type) : nullptr;
    if (tally) ++tally->callbacks_offered;
    if (!chance(callback.accept_p, streams_[contact.type].callback)) return;
    if (tally) ++tally->callbacks_accepted;
    contact.callback = true;
    trace_contact(TraceKind::callback, contact);
  }

  // ---- service ----------------------------------------------------------------------------------

  [[gnu::always_inline]] void take_idle(std::uint32_t c, const Server& server) {
    account_agent_time(server.group);
    --groups_[server.group].idle;
    ++groups_[server.group].busy;
    begin_service(c, server.group, server.aht_factor, server.resolve_factor);
  }

  // An agent of group g (already counted busy) takes contact c.
  [[gnu::always_inline]] void begin_service(std::uint32_t c, AgentGroupIndex g, double aht_factor, double resolve_factor) {
    Contact& contact = contacts_[c];
    contact.abandon_at = never;  // pending timers no longer apply
    contact.timer_at = never;
    const double wait = now_ - contact.arrival_s;
    if (contact.silent) return take_silent(c, g);
    if (contact.counted) {
      ContactTally& tally = tallies_.contact(contact.interval, contact.type);
      ++tally.answered;
      tally.wait_answered_s += wait;
      if (wait <= model_.contact_types[contact.type].sla.answer_within_s) ++tally.answered_within_sla;
      tallies_.wait(contact.interval, contact.type).add(wait);
      if (contact.callback) {
        ++tally.callbacks_answered;
        tally.callback_wait_s += wait;
      }
    }
    if (trace_) trace(now_, TraceKind::answer, contact.serial, static_cast<int>(contact.type),
                      static_cast<int>(g));
    contact.group = g;
    contact.state = ContactState::in_service;
    contact.resolve_factor = resolve_factor;
    contact.handle_s = contact.handle_base_s * aht_factor;
    if (adjusts_handle_[g]) adjust_handle(contact, g);
    if (contact.callback) dial(contact);
    if (contact.partner != no_contact) join_warm_transfer(c);
    schedule(now_ + contact.handle_s, EventKind::service_end, c);
  }

  // Agent assist shortens the handle time of the contacts its adopters take; a chat agent holding
  // several sessions is slower at each. Sessions go to the least-loaded agent, so the new one's
  // agent holds floor((sessions - 1) / agents) others (loads kept balanced).
  [[gnu::noinline]] void adjust_handle(Contact& contact, AgentGroupIndex g) {
    const AgentGroup& group = model_.agent_groups[g];
    if (group.assist && chance(group.assist->adoption, assist_streams_[g]))
      contact.handle_s *= group.assist->aht_factor;
    const int n = concurrency_[g];
    if (n > 1 && group.concurrency_slowdown > 0.0) {
      const GroupState& state = groups_[g];
      const int agents = std::max(1, (state.idle + state.busy - state.pending_departures + n - 1) / n);
      const int others = (state.busy - 1) / agents;
      contact.handle_s *= 1.0 + group.concurrency_slowdown * others;
    }
  }

  // A chat whose customer left silently: the agent spends the discover time and closes it.
  [[gnu::noinline]] void take_silent(std::uint32_t c, AgentGroupIndex g) {
    Contact& contact = contacts_[c];
    contact.group = g;
    contact.state = ContactState::in_service;
    contact.handle_s = sample(model_.contact_types[contact.type].silent_abandonment->discover_time,
                              streams_[contact.type].silent);
    schedule(now_ + contact.handle_s, EventKind::service_end, c);
  }

  // The agent calls the customer back: the dial time comes first, and the customer may not answer.
  [[gnu::noinline]] void dial(Contact& contact) {
    const Callback& callback = *model_.contact_types[contact.type].callback;
    RandomEngine& stream = streams_[contact.type].callback;
    const double dial_s = sample(callback.dial_time, stream);
    if (chance(callback.reach_p, stream)) {
      contact.handle_s += dial_s;
    } else {
      contact.handle_s = dial_s;
      contact.outcome = Outcome::unreached;
    }
  }

  // The next tier answers a warm transfer: both agents stay on the line for the handoff, then the
  // holding agent leaves. Its handle time includes the hold.
  [[gnu::noinline]] void join_warm_transfer(std::uint32_t c) {
    Contact& contact = contacts_[c];
    Contact& holding = contacts_[contact.partner];
    const Escalation& escalation = *model_.contact_types[contact.issue_type].escalation;
    const double handoff =
        escalation.handoff ? sample(*escalation.handoff, streams_[contact.issue_type].escalation) : 0.0;
    holding.handle_s += now_ - holding.handle_base_s + handoff;
    holding.timer_at = never;
    holding.state = ContactState::releasing;
    holding.partner = no_contact;
    schedule(now_ + handoff, EventKind::service_end, contact.partner);
    contact.handle_s += handoff;
    contact.partner = no_contact;
  }

  // The agent is done with the customer: first what became of the issue; then, unless the agent
  // still holds or hands over, the agent is released and the issue goes on or ends.
  [[gnu::always_inline]] void on_service_end(std::uint32_t c) {
    if (contacts_[c].silent) {
      Contact& ghost = contacts_[c];
      const AgentGroupIndex g = ghost.group;
      if (ghost.counted) tallies_.agent(ghost.interval, g).handle_s_by_channel[1] += ghost.handle_s;
      if (trace_) trace(now_, TraceKind::service_end, ghost.serial, static_cast<int>(ghost.type),
                        static_cast<int>(g));
      release_contact(c);
      return free_agent(g);
    }
    if (contacts_[c].state == ContactState::in_service) {
      decide_outcome(c);
      if (contacts_[c].state != ContactState::in_service) return;  // holding or handing over
    }
    Contact& contact = contacts_[c];
    const AgentGroupIndex g = contact.group;
    count_handled(contact);
    if (trace_) trace(now_, TraceKind::service_end, contact.serial, static_cast<int>(contact.type),
                      static_cast<int>(g));

    enum class Next { release, wait_for_return, transfer, escalate };
    Next next = Next::release;
    switch (contact.outcome) {
      case Outcome::resolved: end_issue(contact, IssueEnd::resolved); break;
      case Outcome::unresolved:
        if (come_back_later(c, Return::repeat)) next = Next::wait_for_return;
        break;
      case Outcome::unreached:
        if (come_back_later(c, Return::retry)) next = Next::wait_for_return;
        break;
      case Outcome::escalated:
        if (contact.owns_issue) next = Next::escalate;  // cold; a warm transfer passed the issue on
        break;
      case Outcome::transferred: next = Next::transfer; break;
      case Outcome::none: CCSIM_CHECK(false, "a contact left service without an outcome");
    }
    if (next == Next::release) release_contact(c);
    free_agent(g);
    // The customer joins the next queue after the freed agent has taken the longest-waiting one.
    if (next == Next::escalate) escalate_cold(c);
    if (next == Next::transfer) transfer_to_own_queue(c);
  }

  // Resolved with the type's p times the skill's resolve factor; else escalated with the type's p
  // at this tier (when a higher tier serves the type); else unresolved.
  [[gnu::always_inline]] void decide_outcome(std::uint32_t c) {
    Contact& contact = contacts_[c];
    if (contact.outcome == Outcome::unreached) return trace_contact(TraceKind::unreached, contact, contact.group);
    if (contact.misrouted) {
      contact.outcome = Outcome::transferred;
      return trace_contact(TraceKind::transferred, contact, static_cast<int>(contact.group));
    }
    const ContactTypeIndex k = contact.issue_type;
    const ContactType& type = model_.contact_types[k];
    if (chance(type.resolution_p * contact.resolve_factor, streams_[k].outcome)) {
      contact.outcome = Outcome::resolved;
      return trace_contact(TraceKind::resolved, contact, static_cast<int>(contact.group));
    }
    if (type.escalation && contact.stage + 1u < stage_tiers_[k].size()) {
      const int tier = stage_tiers_[k][contact.stage];
      if (chance(type.escalation->p_by_tier[static_cast<std::size_t>(tier - 1)], streams_[k].outcome)) {
        contact.outcome = Outcome::escalated;
        trace_contact(TraceKind::escalated, contact, static_cast<int>(contact.group));
        return begin_escalation(c);
      }
    }
    contact.outcome = Outcome::unresolved;
    trace_contact(TraceKind::unresolved, contact, static_cast<int>(contact.group));
  }

  // Cold: the agent hands over (if the type has a handoff time) and is released; the customer then
  // queues for the next tier. Warm: a contact for the next tier starts now, while this one holds.
  [[gnu::noinline]] void begin_escalation(std::uint32_t c) {
    const ContactTypeIndex k = contacts_[c].issue_type;
    const Escalation& escalation = *model_.contact_types[k].escalation;
    if (escalation.transfer == TransferMode::cold) {
      if (escalation.handoff) {
        Contact& contact = contacts_[c];
        const double handoff = sample(*escalation.handoff, streams_[k].escalation);
        contact.handle_s += handoff;
        contact.state = ContactState::releasing;
        schedule(now_ + handoff, EventKind::service_end, c);
      }
      return;
    }
    const std::uint32_t e = allocate_contact();  // may move contacts_: no reference held across it
    Contact& holding = contacts_[c];
    Contact& escalated = contacts_[e];
    copy_issue(holding, escalated);
    holding.owns_issue = false;
    holding.state = ContactState::holding;
    holding.handle_base_s = now_;  // the hold begins
    holding.partner = e;
    escalated.partner = c;
    prepare_escalated(escalated, k);
    start_contact(e, k, holding.stage + 1u, escalated_level(k, holding.level));
    route(e, false);
    Contact& still = contacts_[c];
    if (still.state == ContactState::holding) {
      still.timer_at = now_ + escalation.warm_limit_s;
      schedule(still.timer_at, EventKind::hold_limit, c);
    }
  }

  // The next tier did not answer in time: the agent leaves the call, and the customer waits alone
  // (and may now abandon).
  [[gnu::noinline]] void on_hold_limit(std::uint32_t c) {
    Contact& holding = contacts_[c];
    if (holding.state != ContactState::holding || holding.timer_at != now_) return;
    holding.timer_at = never;
    holding.handle_s += now_ - holding.handle_base_s;
    trace_contact(TraceKind::hold_limit, holding, static_cast<int>(holding.group));
    const std::uint32_t e = holding.partner;
    Contact& escalated = contacts_[e];
    escalated.partner = no_contact;
    holding.partner = no_contact;
    if (escalated.patience_s < never) {
      escalated.abandon_at = now_ + escalated.patience_s;
      schedule(escalated.abandon_at, EventKind::abandonment, e);
    }
    holding.state = ContactState::releasing;
    on_service_end(c);
  }

  [[gnu::noinline]] void escalate_cold(std::uint32_t c) {
    Contact& contact = contacts_[c];
    const ContactTypeIndex k = contact.issue_type;
    prepare_escalated(contact, k);
    start_contact(c, k, contact.stage + 1u, escalated_level(k, contact.level));
    route(c, false);
  }

  void prepare_escalated(Contact& contact, ContactTypeIndex k) {
    const ContactType& type = model_.contact_types[k];
    const Escalation& escalation = *type.escalation;
    contact.handle_base_s = sample(escalation.handle_time ? *escalation.handle_time : type.handle_time,
                                   streams_[k].escalation);
    contact.patience_s = type.patience ? sample(*type.patience, streams_[k].patience) : never;
    contact.misrouted = false;
  }

  std::uint16_t escalated_level(ContactTypeIndex k, std::uint16_t level) const {
    const auto& priority = model_.contact_types[k].escalation->priority;
    return priority ? level_of(*priority) : level;
  }

  // A misrouted customer, sent (cold) to the queue of its own type at the first tier.
  [[gnu::noinline]] void transfer_to_own_queue(std::uint32_t c) {
    Contact& contact = contacts_[c];
    const ContactTypeIndex k = contact.issue_type;
    const ContactType& type = model_.contact_types[k];
    contact.handle_base_s = sample(type.handle_time, streams_[k].handle);
    contact.patience_s = type.patience ? sample(*type.patience, streams_[k].patience) : never;
    contact.misrouted = false;
    start_contact(c, k, 0, level_of(priority_of(type)));
    route(c, false);
  }

  [[gnu::always_inline]] void count_handled(Contact& contact) {
    if (contact.issue_contacts == 1 &&
        (contact.outcome == Outcome::resolved || contact.outcome == Outcome::unresolved))
      contact.fcr_candidate = true;
    if (!contact.counted) return;
    const double handle = contact.handle_s;
    ContactTally& tally = tallies_.contact(contact.interval, contact.type);
    ++tally.handled;
    tally.handle_s += handle;
    AgentTally& agent = tallies_.agent(contact.interval, contact.group);
    ++agent.handled;
    agent.handle_s += handle;
    const Channel channel = model_.contact_types[contact.type].channel;
    agent.handle_s_by_channel[static_cast<std::size_t>(channel)] += handle;
    if (channel == Channel::email && responded_in_time(contact)) ++tally.responded_within;
    if (prices_contacts_[contact.group]) {
      const AgentGroup& group = model_.agent_groups[contact.group];
      agent.cost += group.cost_per_contact + group.cost_per_minute * (handle / 60.0);
    }
    switch (contact.outcome) {
      case Outcome::resolved: ++tally.resolved; ++agent.resolved; break;
      case Outcome::escalated:
        ++tally.escalated; ++agent.escalated;
        ++tally.transferred; ++agent.transferred;
        break;
      case Outcome::transferred: ++tally.transferred; ++agent.transferred; break;
      default: break;
    }
  }

  // A freed agent leaves if due to, else takes the best waiting contact its group may serve, else
  // goes idle.
  [[gnu::always_inline]] void free_agent(AgentGroupIndex g) {
    GroupState& group = groups_[g];
    if (group.pending_departures > 0) {
      account_agent_time(g);
      --group.pending_departures;
      --group.busy;
      return;
    }
    const Source* source = nullptr;
    const std::uint32_t next = select_waiting_contact(g, source, group.idle);
    if (next != no_contact) {
      dequeue(next);
      begin_service(next, g, source->aht_factor, source->resolve_factor);  // the agent stays busy
      return;
    }
    account_agent_time(g);
    --group.busy;
    ++group.idle;
  }

  // An agent about to free or start may take email if, besides it, `idle_others` agents of its
  // group stay idle for voice (the reserve), and only within the horizon: email left at its end is
  // the next day's backlog, not night work.
  bool may_take_email(AgentGroupIndex g, int idle_others) const {
    return now_ < horizon_end_ && idle_others >= model_.agent_groups[g].voice_reserve;
  }

  // Among the queues group g serves: the best skill priority, then the best contact priority
  // (segment, escalation), then the longest wait in the queue. Ties go to the skill listed first.
  // An overflow source offers a queue's head only once it has waited the step's time. Returns the
  // contact, or no_contact, and sets `chosen` to the source it came through. `idle_others`: the
  // group's idle agents besides the one choosing (email must leave the voice reserve idle).
  std::uint32_t select_waiting_contact(AgentGroupIndex g, const Source*& chosen, int idle_others) const {
    std::uint32_t best = no_contact;
    int best_priority = 0;
    std::size_t best_level = 0;
    double best_since = 0.0;
    const std::size_t levels = levels_;
    for (const Source& source : sources_[g]) {
      if (best != no_contact && source.priority > best_priority) break;
      if (source.email && !may_take_email(g, idle_others)) continue;  // asked only where email is
      for (std::size_t level = 0; level < levels; ++level) {
        const std::uint32_t head = queues_[source.queue + level].head;
        if (head == no_contact) continue;
        const double since = contacts_[head].arrival_s;
        if (source.min_wait_s > 0.0 && now_ < since + source.min_wait_s) continue;
        if (best == no_contact || level < best_level || (level == best_level && since < best_since)) {
          best = head;
          best_priority = source.priority;
          best_level = level;
          best_since = since;
          chosen = &source;
        }
        break;
      }
    }
    return best;
  }

  [[gnu::always_inline]] void on_abandonment(std::uint32_t c) {
    Contact& contact = contacts_[c];
    if (contact.abandon_at != now_) return;  // answered, or the slot was reused
    const ContactType& type = model_.contact_types[contact.type];
    const bool silent = type.silent_abandonment &&
                        chance(type.silent_abandonment->share, streams_[contact.type].silent);
    if (!silent) dequeue(c);
    contact.abandon_at = never;
    if (!silent) contact.timer_at = never;
    if (contact.counted) {
      ContactTally& tally = tallies_.contact(contact.interval, contact.type);
      ++tally.abandoned;
      if (now_ - contact.arrival_s < model_.contact_types[contact.type].sla.short_abandon_s)
        ++tally.short_abandoned;
    }
    if (trace_) trace(now_, TraceKind::abandonment, contact.serial, static_cast<int>(contact.type), -1);
    if (silent) {
      // The chat stays in the queue until an agent finds it empty; the customer does not retry.
      contact.silent = true;
      end_issue(contact, IssueEnd::gave_up);
      contact.owns_issue = false;
      return;
    }
    if (!come_back_later(c, Return::retry)) release_contact(c);
  }

  // ---- issues -----------------------------------------------------------------------------------

  enum class IssueEnd { resolved, gave_up, open };

  // Whether the customer of contact c comes back about the issue (a repeat after an unresolved
  // contact, a retry after an abandoned or unreached one). If so the slot waits for the return;
  // a return due after the horizon leaves the issue open. Otherwise the issue ends unresolved.
  [[gnu::noinline]] bool come_back_later(std::uint32_t c, Return why) {
    Contact& contact = contacts_[c];
    const ContactTypeIndex k = contact.issue_type;
    const ContactType& type = model_.contact_types[k];
    RandomEngine& stream = streams_[k].returns;
    const Distribution* delay = nullptr;
    if (why == Return::repeat && type.repeat && chance(type.repeat->p, stream)) delay = &type.repeat->delay;
    if (why == Return::retry && type.retry && chance(type.retry->p, stream)) delay = &type.retry->delay;
    if (!delay) {
      end_issue(contact, IssueEnd::gave_up);
      return false;
    }
    const double at = now_ + sample(*delay, stream);
    if (why == Return::repeat) {
      contact.repeated = true;
      if (at - contact.issue_open_s <= type.repeat->window_s) contact.fcr_candidate = false;
    }
    if (at >= horizon_end_) {
      end_issue(contact, IssueEnd::open);
      return false;
    }
    contact.state = ContactState::pending;
    schedule(at, EventKind::return_arrival, c);
    return true;
  }

  [[gnu::always_inline]] void end_issue(const Contact& contact, IssueEnd end) {
    if (end == IssueEnd::gave_up) trace_contact(TraceKind::gave_up, contact);
    if (!contact.issue_counted) return;
    IssueTally& tally = tallies_.issue(contact.issue_interval, contact.issue_type);
    switch (end) {
      case IssueEnd::resolved:
        ++tally.resolved;
        tallies_.resolution_time(contact.issue_interval, contact.issue_type).add(now_ - contact.issue_open_s);
        break;
      case IssueEnd::gave_up: ++tally.gave_up; break;
      case IssueEnd::open: ++tally.open_at_end; break;
    }
    if (contact.fcr_candidate) ++tally.first_contact_resolved;
    if (contact.repeated) ++tally.repeated;
    tally.contacts += contact.issue_contacts;
  }

  static void copy_issue(const Contact& from, Contact& to) {
    to.issue_open_s = from.issue_open_s;
    to.issue_type = from.issue_type;
    to.issue_interval = from.issue_interval;
    to.issue_counted = from.issue_counted;
    to.issue_contacts = from.issue_contacts;
    to.owns_issue = true;
    to.fcr_candidate = from.fcr_candidate;
    to.repeated = from.repeated;
  }

  // ---- staffing and agent time ------------------------------------------------------------------

  void on_interval_boundary(IntervalIndex i) {
    for (AgentGroupIndex g = 0; g < groups_.size(); ++g) account_agent_time(g);
    if (!email_types_.empty() && i <= intervals_) count_backlog(i - 1);
    if (i >= intervals_) {
      // The horizon's end: arrivals have stopped; staffing stays as in the last interval.
      if (!model_.run.drain) stopped_ = true;
      return;
    }
    interval_ = i;
    for (AgentGroupIndex g = 0; g < groups_.size(); ++g)
      set_on_duty(g, model_.agent_groups[g].on_duty[i]);
    schedule((i + 1) * interval_s_, EventKind::interval_boundary, i + 1);
  }

  // `agents` on duty from now on. A chat group's counts are sessions: each agent holds
  // chat_concurrency of them.
  void set_on_duty(AgentGroupIndex g, int agents) {
    GroupState& group = groups_[g];
    const int target = agents * concurrency_[g];
    const int current = group.idle + group.busy - group.pending_departures;
    if (target == current) return;
    if (trace_) trace(now_, TraceKind::staffing, static_cast<std::uint64_t>(agents), -1,
                      static_cast<int>(g));
    if (target > current) {
      int arriving = target - current;
      const int staying = std::min(group.pending_departures, arriving);
      group.pending_departures -= staying;
      arriving -= staying;
      group.idle += arriving;
      // New agents start on the waiting contacts at once.
      while (group.idle > 0) {
        const Source* source = nullptr;
        const std::uint32_t next = select_waiting_contact(g, source, group.idle - 1);
        if (next == no_contact) break;
        dequeue(next);
        --group.idle;
        ++group.busy;
        begin_service(next, g, source->aht_factor, source->resolve_factor);
      }
    } else {
      const int leaving = current - target;
      const int from_idle = std::min(group.idle, leaving);
      group.idle -= from_idle;
      group.pending_departures += leaving - from_idle;
    }
  }

  // Adds the agent time since the group last changed to the current interval, clipped to the
  // counted part of the horizon [warm-up, end). Called before every change of the group's counts.
  [[gnu::always_inline]] void account_agent_time(AgentGroupIndex g) {
    GroupState& group = groups_[g];
    const double from = std::max(group.accounted_until, warmup_s_);
    const double to = std::min(now_, horizon_end_);
    if (to > from) {
      AgentTally& tally = tallies_.agent(interval_, g);
      const int n = concurrency_[g];
      if (n == 1) [[likely]] {
        tally.busy_s += group.busy * (to - from);
        tally.present_s += (group.idle + group.busy) * (to - from);
      } else {
        // Sessions on the least-loaded agents: an agent is busy while it holds one.
        const int present = (group.idle + group.busy + n - 1) / n;
        tally.busy_s += std::min(present, group.busy) * (to - from);
        tally.present_s += present * (to - from);
      }
    }
    group.accounted_until = now_;
  }

  // Paid time and cost follow the staffing plan, not the simulation.
  void fill_paid_time() {
    for (IntervalIndex i = 0; i < intervals_; ++i) {
      const double start = std::max(i * interval_s_, warmup_s_);
      const double length = std::max(0.0, (i + 1) * interval_s_ - start);
      for (AgentGroupIndex g = 0; g < groups_.size(); ++g) {
        const AgentGroup& group = model_.agent_groups[g];
        AgentTally& tally = tallies_.agent(i, g);
        tally.paid_s = group.staffed[i] * length;
        tally.cost = tally.paid_s / 3600.0 * group.cost_per_hour;
        if (group.assist) {
          tally.assist_cost = tally.paid_s / 3600.0 * group.assist->adoption * group.assist->cost_per_agent_hour;
          tally.cost += tally.assist_cost;
        }
      }
    }
  }

  // ---- contacts and queues ----------------------------------------------------------------------

  std::uint32_t allocate_contact() {
    std::uint32_t c;
    if (!free_contacts_.empty()) {
      c = free_contacts_.back();
      free_contacts_.pop_back();
    } else {
      c = static_cast<std::uint32_t>(contacts_.size());
      CCSIM_CHECK(c <= Event::max_index, "more contacts in the system at once than events can address");
      contacts_.push_back(Contact{});
    }
    Contact& contact = contacts_[c];
    contact.live = true;
    contact.abandon_at = contact.timer_at = never;
    contact.prev = contact.next = no_contact;
    contact.partner = no_contact;
    contact.leak = contact.silent = false;
    return c;
  }

  void release_contact(std::uint32_t c) {
    Contact& contact = contacts_[c];
    contact.live = false;
    contact.abandon_at = contact.timer_at = never;
    free_contacts_.push_back(c);
  }

  void enqueue(std::uint32_t c) {
    Contact& contact = contacts_[c];
    contact.queue = queue_of(contact.type, contact.stage) + contact.level;
    WaitingQueue& queue = queues_[contact.queue];
    contact.prev = queue.tail;
    contact.next = no_contact;
    if (queue.tail != no_contact) contacts_[queue.tail].next = c; else queue.head = c;
    queue.tail = c;
    ++queue.size;
  }

  void dequeue(std::uint32_t c) {
    Contact& contact = contacts_[c];
    WaitingQueue& queue = queues_[contact.queue];
    if (contact.prev != no_contact) contacts_[contact.prev].next = contact.next; else queue.head = contact.next;
    if (contact.next != no_contact) contacts_[contact.next].prev = contact.prev; else queue.tail = contact.prev;
    contact.prev = contact.next = no_contact;
    --queue.size;
  }

  IntervalIndex interval_of(double t) const {
    const auto i = static_cast<IntervalIndex>(t / interval_s_);
    return std::min(i, intervals_ - 1);
  }

  // ---- email: business time and backlog ---------------------------------------------------------

  // Business seconds up to each interval boundary, per email type with business hours, and the
  // part of each interval inside them ([open, close) seconds from the interval's start).
  void build_business_time() {
    const Horizon& horizon = model_.horizon;
    business_.assign(model_.type_count(), {});
    for (ContactTypeIndex k = 0; k < model_.type_count(); ++k) {
      const ContactType& type = model_.contact_types[k];
      if (type.channel != Channel::email) continue;
      email_types_.push_back(k);
      if (!type.response || !type.response->business_hours) continue;
      const BusinessHours& hours = *type.response->business_hours;
      BusinessTime& time = business_[k];
      time.at_boundary.assign(intervals_ + 1, 0.0);
      time.window.assign(intervals_, {0.0, 0.0});
      for (IntervalIndex i = 0; i < intervals_; ++i) {
        const int day = static_cast<int>(i) / horizon.intervals_per_day;
        const double start = horizon.start_min * 60.0 + (i % static_cast<IntervalIndex>(horizon.intervals_per_day)) * interval_s_;
        const double of_day = std::fmod(start, 86400.0);
        const int weekday = (horizon.start_weekday + day + static_cast<int>(start / 86400.0)) % 7;
        double open = 0.0, close = 0.0;
        if (hours.days[static_cast<std::size_t>(weekday)]) {
          open = std::clamp(hours.start_min * 60.0 - of_day, 0.0, interval_s_);
          close = std::clamp(hours.end_min * 60.0 - of_day, 0.0, interval_s_);
        }
        time.window[i] = {open, std::max(open, close)};
        time.at_boundary[i + 1] = time.at_boundary[i] + (time.window[i].second - time.window[i].first);
      }
    }
  }

  double business_seconds(ContactTypeIndex k, double t) const {
    const BusinessTime& time = business_[k];
    if (time.at_boundary.empty()) return t;  // no business hours: simulated time
    if (t >= horizon_end_) return time.at_boundary.back();
    const IntervalIndex i = interval_of(t);
    const double into = t - i * interval_s_;
    return time.at_boundary[i] + std::clamp(into, time.window[i].first, time.window[i].second) -
           time.window[i].first;
  }

  bool responded_in_time(const Contact& contact) const {
    const ContactType& type = model_.contact_types[contact.type];
    if (!type.response) return false;
    const double taken = business_seconds(contact.type, now_) - business_seconds(contact.type, contact.arrival_s);
    return taken <= type.response->respond_within_s;
  }

  // The email waiting at the end of interval i, and the age of the oldest.
  void count_backlog(IntervalIndex i) {
    for (const ContactTypeIndex k : email_types_) {
      BacklogTally& backlog = tallies_.backlog(i, k);
      backlog = {};
      double oldest = never;
      for (std::size_t stage = 0; stage < max_stages; ++stage) {
        for (std::size_t level = 0; level < levels_; ++level) {
          const WaitingQueue& queue = queues_[queue_of(k, stage) + level];
          backlog.waiting += queue.size;
          if (queue.head != no_contact) oldest = std::min(oldest, contacts_[queue.head].arrival_s);
        }
      }
      if (backlog.waiting > 0) backlog.oldest_s = now_ - oldest;
    }
  }

  // ---- end of run -------------------------------------------------------------------------------

  // Contacts still in the system are counted as such, and the issues they (or a pending return)
  // carry are open.
  void close_run() {
    in_bot_at_end_.assign(model_.type_count(), 0);
    for (const Contact& contact : contacts_) {
      if (!contact.live || contact.silent) continue;  // a silent chat was counted as abandoned
      if (contact.counted && contact.state != ContactState::pending)
        ++tallies_.in_system_at_end[contact.type];
      if (contact.counted && contact.state == ContactState::in_bot) ++in_bot_at_end_[contact.type];
      if (contact.owns_issue) end_issue(contact, IssueEnd::open);
    }
  }

  void check_conservation() const {
    for (std::size_t k = 0; k < model_.type_count(); ++k) {
      std::uint64_t offered = 0, handled = 0, abandoned = 0, contained = 0;
      std::uint64_t opened = 0, resolved = 0, gave_up = 0, open = 0;
      std::uint64_t bot_entries = 0, bot_abandoned = 0, handed_off = 0;
      for (IntervalIndex i = 0; i < intervals_; ++i) {
        const ContactTally& tally = tallies_.contact(i, k);
        offered += tally.offered;
        handled += tally.handled;
        abandoned += tally.abandoned;
        contained += tally.contained;
        bot_entries += tally.bot_entries;
        bot_abandoned += tally.bot_abandoned;
        handed_off += tally.handed_off;
        const IssueTally& issues = tallies_.issue(i, k);
        opened += issues.opened;
        resolved += issues.resolved;
        gave_up += issues.gave_up;
        open += issues.open_at_end;
      }
      const std::uint64_t in_system = tallies_.in_system_at_end[k];
      if (offered != handled + abandoned + contained + in_system) {
        const std::string message = fmt::format(
            "conservation violated for contact type \"{}\": offered {} != handled {} + abandoned {} "
            "+ contained {} + in system {}",
            model_.contact_types[k].id, offered, handled, abandoned, contained, in_system);
        CCSIM_CHECK(false, message.c_str());
      }
      if (bot_entries != contained + bot_abandoned + handed_off + in_bot_at_end_[k]) {
        const std::string message = fmt::format(
            "bot conservation violated for contact type \"{}\": entries {} != contained {} + "
            "abandoned {} + handed off {} + in a session {}",
            model_.contact_types[k].id, bot_entries, contained, bot_abandoned, handed_off,
            in_bot_at_end_[k]);
        CCSIM_CHECK(false, message.c_str());
      }
      if (opened != resolved + gave_up + open) {
        const std::string message = fmt::format(
            "issue conservation violated for contact type \"{}\": opened {} != resolved {} + "
            "given up {} + open {}",
            model_.contact_types[k].id, opened, resolved, gave_up, open);
        CCSIM_CHECK(false, message.c_str());
      }
    }
  }

  const Model& model_;
  Tallies tallies_;
  TraceSink* trace_;
  const IntervalIndex intervals_;
  const double interval_s_;
  const double horizon_end_;
  const double warmup_s_;

  std::vector<TypeStreams> streams_;  // per contact type
  std::vector<RandomEngine> assist_streams_;  // per group
  std::vector<double> rates_;               // [type * intervals + interval], per second
  std::vector<std::size_t> replay_cursor_;  // per type: next replayed arrival

  std::vector<int> priorities_;  // of the queue levels, lowest (first served) first
  std::size_t levels_ = 1;
  std::vector<std::uint16_t> front_level_;  // per type: the level of its front-door contacts
  std::vector<std::vector<int>> stage_tiers_;  // per type: the tiers serving it, increasing
  std::vector<Route> routes_;                  // [type * max_stages + stage]
  std::vector<std::vector<Source>> sources_;   // per group, in its skill priority order
  std::vector<char> prices_contacts_;  // per group: a cost per contact or per minute
  std::vector<char> adjusts_handle_;   // per group: agent assist or a chat slowdown
  std::vector<int> concurrency_;       // per group: sessions an agent holds
  std::vector<int> bot_of_type_;       // per type: its bot, or -1
  std::vector<int> bot_sessions_;      // per bot: sessions in progress
  std::vector<std::uint64_t> in_bot_at_end_;
  std::vector<ContactTypeIndex> email_types_;
  struct BusinessTime {
    std::vector<double> at_boundary;                  // business seconds up to each boundary
    std::vector<std::pair<double, double>> window;    // per interval: [open, close) from its start
  };
  std::vector<BusinessTime> business_;  // per type

  EventCalendar calendar_;
  std::vector<Contact> contacts_;
  std::vector<std::uint32_t> free_contacts_;
  std::vector<WaitingQueue> queues_;  // [queue_of(type, stage) + level]
  std::vector<GroupState> groups_;

  double now_ = 0.0;
  IntervalIndex interval_ = 0;
  std::uint64_t serial_ = 0;
  bool top_taken_ = false;
  bool stopped_ = false;
};

}  // namespace

Tallies run_replication(const Model& model, std::uint64_t seed, std::uint64_t replication,
                        TraceSink* trace) {
  return Engine(model, seed, replication, trace).run();
}

}  // namespace ccsim
