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

QueueLog::QueueLog(std::ostream& out, const Model& model, std::uint64_t replication)
    : out_(out),
      model_(model),
      replication_(replication),
      epoch_start_(monday_epoch + std::int64_t{86400} * model.horizon.start_weekday +
                   std::int64_t{60} * model.horizon.start_min) {}

void QueueLog::line(double time_s, std::uint64_t contact, int type, const char* agent_prefix, int group,
                    const char* event, const std::string& data) {
  const bool typed = type >= 0 && static_cast<std::size_t>(type) < model_.type_count();
  const bool grouped = group >= 0 && static_cast<std::size_t>(group) < model_.group_count();
  const std::string agent =
      grouped ? agent_prefix + model_.agent_groups[static_cast<std::size_t>(group)].id : std::string("NONE");
  out_ << fmt::format("{}|{}.{}|{}|{}|{}|{}\n", epoch_start_ + static_cast<std::int64_t>(std::floor(time_s)),
                      replication_, contact, typed ? model_.contact_types[static_cast<std::size_t>(type)].id : "NONE",
                      agent, event, data);
}

void QueueLog::record(const TraceRecord& r) {
  switch (r.kind) {
    case TraceKind::arrival: {
      legs_[r.contact] = Leg{r.time, -1.0, false};
      const std::string customer =
          r.customer_type >= 0 && static_cast<std::size_t>(r.customer_type) < model_.type_count()
              ? fmt::format("{}-{}", model_.contact_types[static_cast<std::size_t>(r.customer_type)].id, r.customer)
              : std::string();
      line(r.time, r.contact, r.type, "", -1, "ENTERQUEUE", "|" + customer);
      return;
    }
    case TraceKind::answer: {
      Leg& leg = legs_[r.contact];
      leg.answered_s = r.time;
      line(r.time, r.contact, r.type, "Agent/", r.group, "CONNECT",
           fmt::format("{}|{}.{}|0", whole(r.time - leg.entered_s), replication_, r.contact));
      return;
    }
    case TraceKind::escalated:
    case TraceKind::transferred: {
      const auto found = legs_.find(r.contact);
      if (found == legs_.end() || found->second.answered_s < 0.0) return;
      Leg& leg = found->second;
      leg.transferred = true;
      const bool typed = r.type >= 0 && static_cast<std::size_t>(r.type) < model_.type_count();
      line(r.time, r.contact, r.type, "Agent/", r.group, "TRANSFER",
           fmt::format("{}|ccsim|{}|{}|1", typed ? model_.contact_types[static_cast<std::size_t>(r.type)].id : "",
                       whole(leg.answered_s - leg.entered_s), whole(r.time - leg.answered_s)));
      return;
    }
    case TraceKind::service_end: {
      const auto found = legs_.find(r.contact);
      if (found == legs_.end()) return;
      const Leg leg = found->second;
      legs_.erase(found);
      if (leg.transferred || leg.answered_s < 0.0) return;
      line(r.time, r.contact, r.type, "Agent/", r.group, "COMPLETEAGENT",
           fmt::format("{}|{}|1", whole(leg.answered_s - leg.entered_s), whole(r.time - leg.answered_s)));
      return;
    }
    case TraceKind::abandonment: {
      const auto found = legs_.find(r.contact);
      const double entered = found == legs_.end() ? r.time : found->second.entered_s;
      if (found != legs_.end()) legs_.erase(found);
      line(r.time, r.contact, r.type, "", -1, "ABANDON", fmt::format("1|1|{}", whole(r.time - entered)));
      return;
    }
    default:
      return;
  }
}

void write_queue_log(std::ostream& out, const Model& model, std::uint64_t seed, std::uint64_t replication) {
  QueueLog log(out, model, replication);
  (void)run_replication(model, seed, replication, &log);
}

}  // namespace ccsim
