// A replication's calls as an Asterisk `queue_log` file, the format real phone systems write and
// call-centre reporting tools read (`ccsim run --queue-log FILE`): one line per queue event,
//
//   epoch|callid|queue|agent|event|data1|data2|data3
//
//   ENTERQUEUE      data1 empty (url), data2 the customer ("billing-14")
//   CONNECT         data1 hold time (s), data2 the callid (there is no agent channel), data3 ring
//                   time (0)
//   COMPLETEAGENT   data1 hold time, data2 talk time (s), data3 position on entry
//   ABANDON         data1 position, data2 position on entry, data3 wait (s)
//   TRANSFER        data1 the queue it goes to, data2 context ("ccsim"), data3 hold time,
//                   data4 talk time, data5 position on entry
//
// The queue is the contact's type; the agent is the serving group ("Agent/billing_team": ccsim
// does not tell agents of a group apart), "NONE" before an answer; callid is
// "<replication>.<contact>", as Asterisk's uniqueids read "<epoch>.<sequence>". Epoch seconds count
// from Monday 2024-01-01 00:00 UTC, moved to the horizon's weekday and start, whole seconds down,
// and each further replication in a file a horizon of whole days later; queue positions are not
// tracked and read 1. An escalation or misroute ends a leg with TRANSFER and starts the next with
// ENTERQUEUE in its queue (a new callid; data2 of ENTERQUEUE names the customer across legs). A
// contact in a bot enters the queue at its handoff; bot sessions that end there (contained,
// abandoned in the bot), deflection and class changes have no queue_log event (a leg keeps the
// queue it entered); a callback's hold time includes its wait for the dial. Contacts still in the
// system when a horizon without drain ends have no closing line.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>

#include "ccsim/engine.h"
#include "ccsim/model.h"

namespace ccsim {

class QueueLog : public TraceSink {
 public:
  // `offset_s` moves every line later: each further replication of a file starts after the last.
  QueueLog(std::ostream& out, const Model& model, std::uint64_t replication, std::int64_t offset_s = 0);
  void record(const TraceRecord& record) override;
  // Writes what waits for a next record (the last arrival): call after the replication.
  void finish();

 private:
  struct Leg {
    double entered_s = 0.0;
    double answered_s = -1.0;  // not yet
    int queue = -1;            // the contact type whose queue it entered, for all its lines
    bool in_bot = false;
    bool transferred = false;
    std::string customer;      // "billing-14"
  };
  void line(double time_s, std::uint64_t contact, int queue, int group, const char* event, const std::string& data);
  void enter_queue(const Leg& leg, std::uint64_t contact);

  std::ostream& out_;
  const Model& model_;
  std::uint64_t replication_;
  std::int64_t epoch_start_;  // epoch seconds of the horizon's start
  std::unordered_map<std::uint64_t, Leg> legs_;
  std::optional<std::uint64_t> pending_;  // an arrival whose ENTERQUEUE waits for the next record
};

// Runs replication `replication` of `model` with `seed` again, writing its queue_log to `out`; the
// `order`-th replication of a file (from 0) is placed `order` horizons of whole days later.
void write_queue_log(std::ostream& out, const Model& model, std::uint64_t seed, std::uint64_t replication,
                     std::size_t order = 0);

}  // namespace ccsim
