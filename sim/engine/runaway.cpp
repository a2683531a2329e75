// The two ways a replication is stopped rather than left to hang or exhaust memory, each with a
// message that says where in the scenario to look.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "ccsim/limits.h"
#include "sim/engine/loop.h"

namespace ccsim::engine {

namespace {

std::string instant(const Model& model, double now, IntervalIndex interval, std::uint64_t replication) {
  const int per_day = model.horizon.intervals_per_day;
  return fmt::format("t = {:.3f} s (day {}, the interval from {}) of replication {}", now,
                     static_cast<int>(interval) / per_day + 1, model.horizon.start_label(interval),
                     replication);
}

struct Cause {
  const char* feature;  // the key under the contact type
  const char* name;
  const char* hint;
};

Cause cause_of(NextContact why) {
  switch (why) {
    case NextContact::retry:
      return {"retry", "a retry",
              "a retry p at or near 1 with (almost) no delay, and patience or a bot session that can "
              "end at once"};
    case NextContact::repeat:
      return {"repeat", "a repeat",
              "a repeat p at or near 1 with (almost) no delay, and issues that are seldom resolved"};
    case NextContact::escalation:
      return {"escalation", "an escalation", "escalations that come back to the same customer"};
    case NextContact::transfer:
      return {"misroute", "a transfer", "transfers that come back to the same customer"};
  }
  return {"", "", ""};
}

}  // namespace

void Replication::stop_endless_customer(const Contact& contact, NextContact why) const {
  const ContactTypeIndex k = contact.issue_type;
  const Cause cause = cause_of(why);
  throw RunStopped(fmt::format(
      "contact type '{}': customer {} made {} contacts about one issue, the last one {} at {}: a "
      "loop the run cannot leave (at most {} contacts per issue). Look at /contact_types/{}/{}: {}",
      model_->contact_types[k].id, contact.customer, contact.attempt + 1, cause.name,
      instant(*model_, now_, interval_of(now_), replication_), max_contacts_per_issue, k,
      cause.feature, cause.hint));
}

void Replication::stop_full_system() const {
  std::vector<std::uint64_t> by_type(model_->type_count(), 0);
  std::uint64_t in_system = 0;
  for (const Contact& contact : contacts_.all()) {
    if (!contact.live) continue;
    ++in_system;
    ++by_type[contact.type];
  }
  const auto most = static_cast<std::size_t>(
      std::max_element(by_type.begin(), by_type.end()) - by_type.begin());
  std::uint64_t waiting = 0;
  for (const Contact& contact : contacts_.all())
    if (contact.live && contact.type == most && contact.state == ContactState::waiting) ++waiting;
  throw RunStopped(fmt::format(
      "{} contacts in the system at once at {}, {} of them of contact type '{}' ({} waiting): a "
      "queue that grows without bound (no agent serves it, and its customers never abandon?). "
      "The memory limit of {} allows {} contacts at once; look at /contact_types/{}, or raise the "
      "limit deliberately with --memory-limit",
      in_system, instant(*model_, now_, interval_of(now_), replication_), by_type[most],
      model_->contact_types[most].id, waiting, byte_size_text(model_->run.memory_limit_bytes),
      contacts_.limit(), most));
}

}  // namespace ccsim::engine

namespace ccsim {

// Defined with the engine, whose contacts and events they measure (declared in limits.h).
std::uint64_t bytes_per_contact_in_system() {
  return 2 * (sizeof(engine::Contact) + sizeof(Event) + sizeof(std::uint32_t));
}

std::uint32_t contacts_in_system_limit(std::uint64_t memory_limit_bytes) {
  const std::uint64_t limit = memory_limit_bytes / 4 / bytes_per_contact_in_system();
  return static_cast<std::uint32_t>(
      std::clamp<std::uint64_t>(limit, 1, Event::max_index + std::uint64_t{1}));
}

}  // namespace ccsim
