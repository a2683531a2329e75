#include "ccsim/queue_log.h"

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace ccsim {

namespace {

// Monday 2024-01-01 00:00 UTC.
constexpr std::int64_t monday_epoch = 1704067200;

// Whole seconds, as queue_log writes durations.
long long whole(double seconds) { return std::llround(seconds); }

}  // namespace

QueueLog::QueueLog(std::ostream& out, const Model& model, std::uint64_t replication, std::int64_t offset_s)
    : out_(out),
      model_(model),
      replication_(replication),
      epoch_start_(monday_epoch + std::int64_t{86400} * model.horizon.start_weekday +
                   std::int64_t{60} * model.horizon.start_min + offset_s) {}

void QueueLog::line(double time_s, std::uint64_t contact, int queue, int group, const char* event,
                    const std::string& data) {
  const bool typed = queue >= 0 && static_cast<std::size_t>(queue) < model_.type_count();
  const bool grouped = group >= 0 && static_cast<std::size_t>(group) < model_.group_count();
  const std::string agent =
      grouped ? "Agent/" + model_.agent_groups[static_cast<std::size_t>(group)].id : std::string("NONE");
  out_ << fmt::format("{}|{}.{}|{}|{}|{}|{}\n", epoch_start_ + static_cast<std::int64_t>(std::floor(time_s)),
                      replication_, contact, typed ? model_.contact_types[static_cast<std::size_t>(queue)].id : "NONE",
                      agent, event, data);
}

void QueueLog::enter_queue(const Leg& leg, std::uint64_t contact) {
  line(leg.entered_s, contact, leg.queue, -1, "ENTERQUEUE", "|" + leg.customer);
}

void QueueLog::finish() {
  if (pending_) enter_queue(legs_.at(*pending_), *pending_);
  pending_.reset();
}

void QueueLog::record(const TraceRecord& r) {
  // An arrival's line waits for the next record: a bot session, not a queue, follows it at once.
  if (pending_) {
    const std::uint64_t waiting = *pending_;
    pending_.reset();
    if (r.kind == TraceKind::bot_entry && r.contact == waiting) {
      legs_.at(waiting).in_bot = true;
      return;
    }
    enter_queue(legs_.at(waiting), waiting);
  }
  const auto found = legs_.find(r.contact);
  switch (r.kind) {
    case TraceKind::arrival: {
      Leg leg;
      leg.entered_s = r.time;
      leg.queue = r.type;
      if (r.customer_type >= 0 && static_cast<std::size_t>(r.customer_type) < model_.type_count())
        leg.customer = fmt::format("{}-{}", model_.contact_types[static_cast<std::size_t>(r.customer_type)].id,
                                   r.customer);
      legs_[r.contact] = std::move(leg);
      pending_ = r.contact;
      return;
    }
    case TraceKind::handoff: {  // out of the bot, into the queue: the wait starts here
      if (found == legs_.end()) return;
      found->second.in_bot = false;
      found->second.entered_s = r.time;
      found->second.queue = r.type;
      enter_queue(found->second, r.contact);
      return;
    }
    case TraceKind::contained:
    case TraceKind::bot_abandonment:
      if (found != legs_.end()) legs_.erase(found);
      return;
    case TraceKind::answer: {
      if (found == legs_.end() || found->second.in_bot) return;
      Leg& leg = found->second;
      leg.answered_s = r.time;
      line(r.time, r.contact, leg.queue, r.group, "CONNECT",
           fmt::format("{}|{}.{}|0", whole(r.time - leg.entered_s), replication_, r.contact));
      return;
    }
    case TraceKind::escalated:
    case TraceKind::transferred: {
      if (found == legs_.end() || found->second.answered_s < 0.0) return;
      Leg& leg = found->second;
      leg.transferred = true;
      // A misrouted contact goes to its customer's own type; an escalation stays with its type.
      const int to = r.kind == TraceKind::transferred ? r.customer_type : r.type;
      const bool typed = to >= 0 && static_cast<std::size_t>(to) < model_.type_count();
      line(r.time, r.contact, leg.queue, r.group, "TRANSFER",
           fmt::format("{}|ccsim|{}|{}|1", typed ? model_.contact_types[static_cast<std::size_t>(to)].id : "",
                       whole(leg.answered_s - leg.entered_s), whole(r.time - leg.answered_s)));
      return;
    }
    case TraceKind::service_end: {
      if (found == legs_.end()) return;
      const Leg leg = found->second;
      legs_.erase(found);
      if (leg.transferred || leg.answered_s < 0.0) return;
      line(r.time, r.contact, leg.queue, r.group, "COMPLETEAGENT",
           fmt::format("{}|{}|1", whole(leg.answered_s - leg.entered_s), whole(r.time - leg.answered_s)));
      return;
    }
    case TraceKind::abandonment: {
      if (found == legs_.end() || found->second.in_bot) return;
      const Leg leg = found->second;
      legs_.erase(found);
      line(r.time, r.contact, leg.queue, -1, "ABANDON", fmt::format("1|1|{}", whole(r.time - leg.entered_s)));
      return;
    }
    default:
      return;
  }
}

void write_queue_log(std::ostream& out, const Model& model, std::uint64_t seed, std::uint64_t replication,
                     std::size_t order) {
  const std::int64_t horizon_days = model.horizon.days;
  QueueLog log(out, model, replication, static_cast<std::int64_t>(order) * horizon_days * 86400);
  (void)run_replication(model, seed, replication, &log);
  log.finish();
}

}  // namespace ccsim
