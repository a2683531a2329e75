// The engine: one replication's event loop and its state, kept by a worker thread as its
// workspace and reset, not rebuilt, between replications.
//
// The class is declared here and its handlers are defined in one file per part of the world view,
// all inline so that the loop calls them directly:
//   loop.h        the loop, scheduling, tracing, set-up and the end of the run
//   service.h     agent selection, answering, service ends, freed agents, abandonment
//   front_door.h  arrivals, deflection, bots, misrouting, callbacks offered
//   issue_flow.h  outcomes, escalation (cold, warm, hold limit), transfers, repeats, retries
//   staffing.h    interval boundaries, roster changes, agents on and off duty, agent time, paid
//                 time
//   channels.h    email business time and backlog, chat sessions, agent assist, callbacks dialled
//   wrap_up.h     after-call work: the agent stays busy after the contact has left
//   queued_class.h  state-dependent classes: a contact that must wait may become another class
// The routing policy is a template parameter of the handlers that select a waiting contact
// (routing_policies.h), fixed once per replication.
#pragma once

#include <cstdint>
#include <vector>

#include "ccsim/engine.h"
#include "ccsim/event_calendar.h"
#include "ccsim/model.h"
#include "ccsim/tallies.h"
#include "sim/engine/arrivals.h"
#include "sim/engine/contacts.h"
#include "sim/engine/customer_streams.h"
#include "sim/engine/routing_policies.h"

namespace ccsim::engine {

// A group that does not follow a roster has whole agents in every interval (needs_roster).
inline int whole_agents(double on_duty) { return static_cast<int>(on_duty); }

enum class Return : std::uint8_t { repeat, retry };
// Why a customer makes another contact about the same issue.
enum class NextContact : std::uint8_t { repeat, retry, escalation, transfer };
enum class IssueEnd : std::uint8_t { resolved, gave_up, open };

class Replication {
 public:
  // Readies the workspace for replication `replication` of `model`: keeps every buffer, resets
  // every count. A workspace may run different models in turn.
  void start(const Model& model, std::uint64_t seed, std::uint64_t replication, TraceSink* trace);
  template <class Selection>
  void run();
  const Tallies& tallies() const { return tallies_; }

 private:
  // loop.h
  void schedule(double time, EventKind kind, std::uint32_t index);
  void trace(double time, TraceKind kind, std::uint64_t contact, int type, int group);
  void trace_contact(TraceKind kind, const Contact& contact, int group = -1);
  IntervalIndex interval_of(double t) const;
  CustomerStream customer_stream(StreamPurpose purpose, const Contact& contact) const;
  void close_run();

  // runaway.cpp: what stops a replication that could not end or would outgrow its memory.
  std::uint32_t next_attempt(const Contact& contact, NextContact why) const;
  [[noreturn]] void stop_endless_customer(const Contact& contact, NextContact why) const;
  [[noreturn]] void stop_full_system() const;

  // front_door.h
  void on_arrival(ContactTypeIndex k);
  void deflect(ContactTypeIndex k, std::uint64_t customer);
  void on_return(std::uint32_t c);
  void open_issue(std::uint32_t c, ContactTypeIndex k, std::uint64_t customer);
  void front_door(std::uint32_t c);
  void replay_call(Contact& contact, const ContactType& type);
  void draw_unlogged(Contact& contact, const ReplayedCall& call, const ContactType& laws);
  void enter_bot(std::uint32_t c, std::size_t b, CustomerStream& stream);
  void on_bot_end(std::uint32_t c);
  void start_contact(std::uint32_t c, ContactTypeIndex type, std::size_t stage, std::uint16_t level);
  void offer_callback(std::uint32_t c, const Route& route);

  // service.h
  void route(std::uint32_t c, bool at_front_door);
  void wait(std::uint32_t c, const Route& route, std::size_t step, bool at_front_door);
  void schedule_overflow(std::uint32_t c, std::size_t step);
  void on_overflow(std::uint32_t c);
  void take_idle(std::uint32_t c, const Server& server);
  void begin_service(std::uint32_t c, AgentGroupIndex g, double aht_factor, double resolve_factor);
  template <class Selection>
  void on_service_end(std::uint32_t c);
  void count_handled(Contact& contact);
  template <class Selection>
  void free_agent(AgentGroupIndex g);
  template <class Selection>
  std::uint32_t select_waiting_contact(AgentGroupIndex g, const Source*& chosen, int idle_others) const;
  void on_abandonment(std::uint32_t c);
  void enqueue(std::uint32_t c);
  void dequeue(std::uint32_t c);

  // issue_flow.h
  void decide_outcome(std::uint32_t c);
  void begin_escalation(std::uint32_t c);
  template <class Selection>
  void on_hold_limit(std::uint32_t c);
  void escalate_cold(std::uint32_t c);
  void prepare_later_contact(Contact& contact, const Distribution& handle_time);
  void transfer_to_own_queue(std::uint32_t c);
  bool come_back_later(std::uint32_t c, Return why);
  void end_issue(const Contact& contact, IssueEnd end);
  static void copy_issue(const Contact& from, Contact& to);

  // staffing.h
  template <class Selection>
  void on_interval_boundary(IntervalIndex i);
  template <class Selection>
  void on_roster_change(std::uint32_t k);
  template <class Selection>
  void set_on_duty(AgentGroupIndex g, int agents);
  void account_agent_time(AgentGroupIndex g);
  void fill_paid_time();

  // channels.h
  void adjust_handle(Contact& contact, AgentGroupIndex g);
  void take_silent(std::uint32_t c, AgentGroupIndex g);
  void dial(Contact& contact);
  void join_warm_transfer(std::uint32_t c);
  bool responded_in_time(const Contact& contact) const;
  void count_backlog(IntervalIndex i);

  // queued_class.h
  void route_as_queued_class(std::uint32_t c, std::size_t step);
  void become_class(std::uint32_t c, ContactTypeIndex k, CustomerStream& stream);

  // wrap_up.h
  bool begin_wrap_up(const Contact& contact, AgentGroupIndex g);
  template <class Selection>
  void on_wrap_up_end(AgentGroupIndex g);
  void check_agents();

  const Model* model_ = nullptr;
  const RoutingTables* tables_ = nullptr;
  TraceSink* trace_ = nullptr;
  std::uint64_t seed_ = 0;
  std::uint64_t replication_ = 0;
  IntervalIndex intervals_ = 1;
  double interval_s_ = 1.0;
  double horizon_end_ = 0.0;
  double warmup_s_ = 0.0;

  Tallies tallies_;
  std::vector<ArrivalOrderStreams> streams_;  // per contact type
  Arrivals arrivals_;
  // Per group, from the model: features that cost a branch only where they are used.
  std::vector<char> prices_contacts_;  // a cost per contact or per minute
  std::vector<char> adjusts_handle_;   // agent assist or a chat slowdown
  std::vector<int> concurrency_;       // sessions an agent holds
  std::vector<char> rostered_;         // on duty follows the model's roster, not the intervals
  std::vector<char> wraps_up_;         // per type: its agents wrap up after each conversation
  std::vector<char> has_queued_class_;  // per type: a contact that must wait may change class
  std::vector<char> replays_calls_;     // per type: first contacts take their logged call's draws
  // Per type: its further service-level thresholds, -1 where it has none (no wait is below).
  std::vector<std::array<double, max_further_thresholds>> also_within_;
  std::vector<int> bot_of_type_;       // per type: its bot, or -1
  std::vector<int> bot_sessions_;      // per bot: sessions in progress
  std::vector<std::uint64_t> in_bot_at_end_;
  std::vector<ContactTypeIndex> email_types_;

  EventCalendar calendar_;
  ContactSlab contacts_;
  std::vector<WaitingQueue> queues_;  // [queue_of(type, stage) + level]
  std::vector<GroupState> groups_;
  std::vector<int> talking_;  // per group, at the end: agents with a contact in hand (check_agents)

  double now_ = 0.0;
  IntervalIndex interval_ = 0;
  std::uint64_t serial_ = 0;
  bool top_taken_ = false;
  bool stopped_ = false;
};

}  // namespace ccsim::engine
