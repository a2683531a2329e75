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
  }
  return "?";
}

namespace {

constexpr std::uint32_t no_contact = std::numeric_limits<std::uint32_t>::max();
constexpr double never = std::numeric_limits<double>::infinity();

// A contact in the system. Slots are reused through a free list, so memory follows the number of
// contacts in the system, not the number simulated.
//
// A pending abandonment stays in the calendar when its contact is answered (lazy cancellation):
// when it fires it applies only if the contact in its slot is waiting with that very deadline
// (`abandon_at` is `never` for a contact not waiting). A later contact in a reused slot shares
// the stale deadline only if it was due to abandon at that same instant anyway: same outcome.
struct Contact {
  double arrival_s;
  double handle_base_s;  // the type's handle time; the serving group's aht_factor multiplies it
  double handle_s;       // as served, once answered
  double abandon_at;
  std::uint64_t serial;
  std::uint32_t type;
  std::uint32_t interval;  // of arrival, where the contact is counted
  std::uint32_t group;     // serving it, once answered
  std::uint32_t prev;  // neighbours in the type's waiting queue
  std::uint32_t next;
  bool counted;  // arrived after the warm-up
  bool live;
};

// FIFO of waiting contacts of one type, linked through the contacts, so that an abandoning
// contact leaves from the middle in O(1).
struct WaitingQueue {
  std::uint32_t head = no_contact;
  std::uint32_t tail = no_contact;
};

// Agents of one group are alike, so counts are all the state they need.
struct GroupState {
  int idle = 0;
  int busy = 0;                // includes agents who leave when their contact ends
  int pending_departures = 0;  // busy agents who leave at their next service end
  double accounted_until = 0.0;
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
        warmup_s_(model.run.warmup_s),
        types_(model.type_count()) {
    const std::size_t types = model.type_count();
    const std::size_t groups = model.group_count();
    for (std::uint32_t k = 0; k < types; ++k) {
      arrival_streams_.push_back(make_stream(seed, replication, StreamPurpose::arrivals, k));
      handle_streams_.push_back(make_stream(seed, replication, StreamPurpose::handle_time, k));
      patience_streams_.push_back(make_stream(seed, replication, StreamPurpose::patience, k));
    }
    draw_arrival_rates();
    replay_cursor_.assign(types, 0);
    aht_factor_.assign(groups * types, 0.0);
    for (std::size_t g = 0; g < groups; ++g)
      for (const Skill& skill : model.agent_groups[g].skills)
        aht_factor_[g * types + skill.type] = skill.aht_factor;
    queues_.resize(types);
    groups_.resize(groups);
    fill_paid_time();
  }

  Tallies run() {
    for (AgentGroupIndex g = 0; g < groups_.size(); ++g) {
      groups_[g].idle = model_.agent_groups[g].on_duty[0];
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
      }
      if (!top_taken_) calendar_.pop();
    }
    tallies_.events = events;
    count_contacts_in_system();
    check_conservation();
    return std::move(tallies_);
  }

 private:
  // ---- scheduling -------------------------------------------------------------------------------

  // The first event scheduled while handling an event takes the handled event's place in the heap
  // (one sift-down instead of a pop and a push): most events schedule exactly one successor.
  void schedule(double time, EventKind kind, std::uint32_t index) {
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
          factor = detail::sample_gamma(shape, 1.0 / shape, arrival_streams_[k]);
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
    double budget = boost::random::exponential_distribution<double>{1.0}(arrival_streams_[k]);
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

  void on_arrival(ContactTypeIndex k) {
    const double next = next_arrival_time(k, now_);
    if (next < horizon_end_) schedule(next, EventKind::arrival, k);

    const std::uint32_t c = allocate_contact();
    Contact& contact = contacts_[c];
    const ContactType& type = model_.contact_types[k];
    contact.arrival_s = now_;
    contact.handle_base_s = sample(type.handle_time, handle_streams_[k]);
    const double patience = type.patience ? sample(*type.patience, patience_streams_[k]) : never;
    contact.serial = serial_++;
    contact.type = k;
    contact.interval = interval_of(now_);
    contact.counted = now_ >= warmup_s_;
    ++tallies_.arrivals;
    if (contact.counted) ++tallies_.contact(contact.interval, k).offered;
    if (trace_) trace(now_, TraceKind::arrival, contact.serial, static_cast<int>(k), -1);

    for (const AgentGroupIndex g : type.groups) {
      if (groups_[g].idle > 0) {
        account_agent_time(g);
        --groups_[g].idle;
        ++groups_[g].busy;
        begin_service(c, g);
        return;
      }
    }
    enqueue(c);
    if (patience < never) {
      contact.abandon_at = now_ + patience;
      schedule(contact.abandon_at, EventKind::abandonment, c);
    }
  }

  // ---- service ----------------------------------------------------------------------------------

  // An agent of group g (already counted busy) takes contact c.
  void begin_service(std::uint32_t c, AgentGroupIndex g) {
    Contact& contact = contacts_[c];
    contact.abandon_at = never;  // any pending abandonment no longer applies
    const double wait = now_ - contact.arrival_s;
    if (contact.counted) {
      ContactTally& tally = tallies_.contact(contact.interval, contact.type);
      ++tally.answered;
      tally.wait_answered_s += wait;
      if (wait <= model_.contact_types[contact.type].sla.answer_within_s) ++tally.answered_within_sla;
      tallies_.wait(contact.interval, contact.type).add(wait);
    }
    if (trace_) trace(now_, TraceKind::answer, contact.serial, static_cast<int>(contact.type),
                      static_cast<int>(g));
    contact.group = g;
    contact.handle_s = contact.handle_base_s * aht_factor_[g * types_ + contact.type];
    schedule(now_ + contact.handle_s, EventKind::service_end, c);
  }

  void on_service_end(std::uint32_t c) {
    Contact& contact = contacts_[c];
    const AgentGroupIndex g = contact.group;
    if (contact.counted) {
      const double handle = contact.handle_s;
      ContactTally& tally = tallies_.contact(contact.interval, contact.type);
      ++tally.handled;
      tally.handle_s += handle;
      AgentTally& agent = tallies_.agent(contact.interval, g);
      ++agent.handled;
      agent.handle_s += handle;
    }
    if (trace_) trace(now_, TraceKind::service_end, contact.serial, static_cast<int>(contact.type),
                      static_cast<int>(g));
    release_contact(c);

    GroupState& group = groups_[g];
    if (group.pending_departures > 0) {
      account_agent_time(g);
      --group.pending_departures;
      --group.busy;
      return;
    }
    const std::uint32_t next = select_waiting_contact(g);
    if (next != no_contact) {
      dequeue(next);
      begin_service(next, g);  // the same agent stays busy: no change in agent time
      return;
    }
    account_agent_time(g);
    --group.busy;
    ++group.idle;
  }

  // Among the types group g serves: the best skill priority, then the longest wait. Ties on both
  // go to the type listed first in the group's skills.
  std::uint32_t select_waiting_contact(AgentGroupIndex g) const {
    std::uint32_t best = no_contact;
    int best_priority = 0;
    for (const Skill& skill : model_.agent_groups[g].skills) {
      if (best != no_contact && skill.priority > best_priority) break;
      const std::uint32_t head = queues_[skill.type].head;
      if (head == no_contact) continue;
      if (best == no_contact || contacts_[head].arrival_s < contacts_[best].arrival_s) {
        best = head;
        best_priority = skill.priority;
      }
    }
    return best;
  }

  void on_abandonment(std::uint32_t c) {
    Contact& contact = contacts_[c];
    if (contact.abandon_at != now_) return;  // answered, or the slot was reused
    dequeue(c);
    if (contact.counted) {
      ContactTally& tally = tallies_.contact(contact.interval, contact.type);
      ++tally.abandoned;
      if (now_ - contact.arrival_s < model_.contact_types[contact.type].sla.short_abandon_s)
        ++tally.short_abandoned;
    }
    if (trace_) trace(now_, TraceKind::abandonment, contact.serial, static_cast<int>(contact.type), -1);
    release_contact(c);
  }

  // ---- staffing and agent time ------------------------------------------------------------------

  void on_interval_boundary(IntervalIndex i) {
    for (AgentGroupIndex g = 0; g < groups_.size(); ++g) account_agent_time(g);
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

  void set_on_duty(AgentGroupIndex g, int target) {
    GroupState& group = groups_[g];
    const int current = group.idle + group.busy - group.pending_departures;
    if (target == current) return;
    if (trace_) trace(now_, TraceKind::staffing, static_cast<std::uint64_t>(target), -1,
                      static_cast<int>(g));
    if (target > current) {
      int arriving = target - current;
      const int staying = std::min(group.pending_departures, arriving);
      group.pending_departures -= staying;
      arriving -= staying;
      group.idle += arriving;
      // New agents start on the waiting contacts at once.
      while (group.idle > 0) {
        const std::uint32_t next = select_waiting_contact(g);
        if (next == no_contact) break;
        dequeue(next);
        --group.idle;
        ++group.busy;
        begin_service(next, g);
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
  void account_agent_time(AgentGroupIndex g) {
    GroupState& group = groups_[g];
    const double from = std::max(group.accounted_until, warmup_s_);
    const double to = std::min(now_, horizon_end_);
    if (to > from) {
      AgentTally& tally = tallies_.agent(interval_, g);
      tally.busy_s += group.busy * (to - from);
      tally.present_s += (group.idle + group.busy) * (to - from);
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
    contacts_[c].live = true;
    contacts_[c].abandon_at = never;
    contacts_[c].prev = contacts_[c].next = no_contact;
    return c;
  }

  void release_contact(std::uint32_t c) {
    contacts_[c].live = false;
    contacts_[c].abandon_at = never;
    free_contacts_.push_back(c);
  }

  void enqueue(std::uint32_t c) {
    WaitingQueue& queue = queues_[contacts_[c].type];
    contacts_[c].prev = queue.tail;
    contacts_[c].next = no_contact;
    if (queue.tail != no_contact) contacts_[queue.tail].next = c; else queue.head = c;
    queue.tail = c;
  }

  void dequeue(std::uint32_t c) {
    WaitingQueue& queue = queues_[contacts_[c].type];
    Contact& contact = contacts_[c];
    if (contact.prev != no_contact) contacts_[contact.prev].next = contact.next; else queue.head = contact.next;
    if (contact.next != no_contact) contacts_[contact.next].prev = contact.prev; else queue.tail = contact.prev;
    contact.prev = contact.next = no_contact;
  }

  IntervalIndex interval_of(double t) const {
    const auto i = static_cast<IntervalIndex>(t / interval_s_);
    return std::min(i, intervals_ - 1);
  }

  // ---- end of run -------------------------------------------------------------------------------

  void count_contacts_in_system() {
    for (const Contact& contact : contacts_)
      if (contact.live && contact.counted) ++tallies_.in_system_at_end[contact.type];
  }

  void check_conservation() const {
    for (std::size_t k = 0; k < model_.type_count(); ++k) {
      std::uint64_t offered = 0, handled = 0, abandoned = 0;
      for (IntervalIndex i = 0; i < intervals_; ++i) {
        const ContactTally& tally = tallies_.contact(i, k);
        offered += tally.offered;
        handled += tally.handled;
        abandoned += tally.abandoned;
      }
      const std::uint64_t in_system = tallies_.in_system_at_end[k];
      if (offered != handled + abandoned + in_system) {
        const std::string message = fmt::format(
            "conservation violated for contact type \"{}\": offered {} != handled {} + abandoned {} "
            "+ in system {}",
            model_.contact_types[k].id, offered, handled, abandoned, in_system);
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
  const std::size_t types_;

  std::vector<RandomEngine> arrival_streams_;
  std::vector<RandomEngine> handle_streams_;
  std::vector<RandomEngine> patience_streams_;
  std::vector<double> rates_;       // [type * intervals + interval], per second
  std::vector<double> aht_factor_;  // [group * types + type]
  std::vector<std::size_t> replay_cursor_;  // per type: next replayed arrival

  EventCalendar calendar_;
  std::vector<Contact> contacts_;
  std::vector<std::uint32_t> free_contacts_;
  std::vector<WaitingQueue> queues_;
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
