// Routing tables: which groups a new contact may go to, and which queues a freed agent looks at.
//
// They depend only on the scenario, so they are compiled once with the Model (link_routing) and
// shared read-only by every replication and thread. The two questions a router answers are kept
// apart, as ContactCenters does: agent selection reads `Route` (type and tier -> groups in order),
// contact selection reads `Source` (group -> queues in order). Channel rules are data here, not
// constants in the event loop: email is a deferred source ranked after every real-time one, and
// the voice reserve and the reservation policy's reserve are a minimum of idle agents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ccsim {

struct Model;

// Queues are per contact type x stage x priority level, and a type has at most this many stages
// (the tiers that serve it).
inline constexpr std::size_t max_stages = 3;

// A group that can take a contact of some type and tier, and what its skill does to it.
struct Server {
  std::uint32_t group = 0;
  double aht_factor = 1.0;
  double resolve_factor = 1.0;
  // The group takes the contact only while more than this many of its agents are idle: email
  // leaves the voice reserve idle; under the reservation policy a type that is not among the
  // group's first priorities leaves the group's reserve idle.
  int min_idle = 0;
};

struct OverflowRoute {
  double after_s = 0.0;
  std::vector<Server> servers;
};

// Where a contact of one type and stage goes: the groups with that skill at that tier in routing
// order, then the overflow steps in increasing wait.
struct Route {
  std::vector<Server> direct;
  std::vector<OverflowRoute> steps;
  double mean_handle_s = 0.0;  // for the callback's wait prediction
  bool offers_callback = false;
};

// Real-time work (voice, chat) is always looked at before deferred work (email).
enum class WorkRank : std::uint8_t { real_time = 0, deferred = 1 };

// What a freed agent of a group looks at: the queues (one per priority level) of a type and stage,
// eligible after `min_wait_s` in them (0 but for overflow), in the group's skill priority.
struct Source {
  std::uint32_t queue = 0;  // the level-0 queue; level l is queue + l
  double min_wait_s = 0.0;
  WorkRank rank = WorkRank::real_time;
  int priority = 1;
  double aht_factor = 1.0;
  double resolve_factor = 1.0;
  // The freed agent takes from this source only if at least this many other agents of its group
  // stay idle (see Server::min_idle).
  int min_idle_others = 0;
  double weight = 1.0;  // longest weighted wait: multiplies the head's wait
};

struct RoutingTables {
  std::size_t types = 0;
  std::size_t groups = 0;
  std::vector<int> priorities;  // of the queue levels, lowest number (served first) first
  std::size_t levels = 1;
  std::vector<std::uint16_t> front_level;  // per type: the level of its front-door contacts
  std::vector<int> escalated_level;  // per type: the level of its escalated contacts; -1: their own
  std::vector<std::vector<int>> stage_tiers;   // per type: the tiers serving it, increasing
  std::vector<Route> routes;                   // [type * max_stages + stage]
  std::vector<std::vector<Source>> sources;    // per group, real-time first, then skill priority

  std::size_t queue_count() const { return types * max_stages * levels; }
  std::uint32_t queue_of(std::size_t type, std::size_t stage) const {
    return static_cast<std::uint32_t>((type * max_stages + stage) * levels);
  }
  const Route& route(std::size_t type, std::size_t stage) const {
    return routes[type * max_stages + stage];
  }
  // The stage of `tier` among the tiers serving `type`, or -1.
  int stage_of(std::size_t type, int tier) const;
  std::uint16_t level_of(int priority) const;
};

// Compiles the tables of a model whose types' routing order is linked (link_routing does both).
RoutingTables compile_routing(const Model& model);

// The agents group `group` keeps idle for its first-priority types: its reserve under the
// reservation policy, 0 under the others.
int reserved_agents(const Model& model, std::uint32_t group);

}  // namespace ccsim
