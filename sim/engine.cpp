// run_replication: the one place where a model's routing policy picks the engine's instantiation.
#include "ccsim/engine.h"

#include "sim/engine/channels.h"
#include "sim/engine/front_door.h"
#include "sim/engine/issue_flow.h"
#include "sim/engine/loop.h"
#include "sim/engine/queued_class.h"
#include "sim/engine/replication.h"
#include "sim/engine/service.h"
#include "sim/engine/staffing.h"
#include "sim/engine/wrap_up.h"

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
    case TraceKind::wrap_up_end: return "wrap_up_end";
    case TraceKind::class_change: return "class_change";
    case TraceKind::bot_entry: return "bot_entry";
  }
  return "?";
}

Workspace::Workspace() : replication_(std::make_unique<engine::Replication>()) {}
Workspace::~Workspace() = default;
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;

const Tallies& run_replication(const Model& model, std::uint64_t seed, std::uint64_t replication,
                               Workspace& workspace, TraceSink* trace) {
  engine::Replication& engine = *workspace.replication_;
  engine.start(model, seed, replication, trace);
  switch (model.routing.policy) {
    case RoutingPolicy::priority:
    case RoutingPolicy::reservation:  // the reserve is data of the routing tables
      engine.run<engine::PrioritySelection>();
      break;
    case RoutingPolicy::longest_weighted_wait:
      engine.run<engine::LongestWeightedWaitSelection>();
      break;
  }
  return engine.tallies();
}

Tallies run_replication(const Model& model, std::uint64_t seed, std::uint64_t replication,
                        TraceSink* trace) {
  Workspace workspace;
  return run_replication(model, seed, replication, workspace, trace);
}

}  // namespace ccsim
