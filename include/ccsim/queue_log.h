// A replication's calls as an Asterisk `queue_log` file, the format real phone systems write and
// call-centre reporting tools read (`ccsim run --queue-log FILE`): one line per queue event,
//
//   epoch|callid|queue|agent|event|data1|data2|data3
//
//   ENTERQUEUE      data1 empty (url), data2 the customer ("billing-14")
//   CONNECT         data1 hold time (s), data2 the callid, data3 ring time (0)
//   COMPLETEAGENT   data1 hold time, data2 talk time (s), data3 position on entry
//   ABANDON         data1 position, data2 position on entry, data3 wait (s)
//   TRANSFER        data1 the queue it goes to, data2 context ("ccsim"), data3 hold time,
//                   data4 talk time, data5 position on entry
//
// The queue is the contact's type; the agent is the serving group ("Agent/billing_team": ccsim
// does not tell agents of a group apart), "NONE" before an answer; callid is
// "<replication>.<contact>", as Asterisk's uniqueids read "<epoch>.<sequence>". Epoch seconds count
// from Monday 2024-01-01 00:00 UTC, moved to the horizon's weekday and start, whole seconds down;
// queue positions are not tracked and read 1. An escalation or misroute ends a leg with TRANSFER
// and starts the next with ENTERQUEUE in its queue; callbacks, bots, deflection and class changes
// have no queue_log event and are left out, as are contacts still in the system when a horizon
// without drain ends.
#pragma once

#include <cstdint>
#include <ostream>
#include <unordered_map>

#include "ccsim/engine.h"
#include "ccsim/model.h"

namespace ccsim {

class QueueLog : public TraceSink {
 public:
  QueueLog(std::ostream& out, const Model& model, std::uint64_t replication);
  void record(const TraceRecord& record) override;

 private:
  struct Leg {
    double entered_s = 0.0;
    double answered_s = -1.0;  // not yet
    bool transferred = false;
  };
  void line(double time_s, std::uint64_t contact, int type, const char* agent_prefix, int group,
            const char* event, const std::string& data);

  std::ostream& out_;
  const Model& model_;
  std::uint64_t replication_;
  std::int64_t epoch_start_;  // epoch seconds of the horizon's start
  std::unordered_map<std::uint64_t, Leg> legs_;
};

// Runs replication `replication` of `model` with `seed` again, writing its queue_log to `out`.
void write_queue_log(std::ostream& out, const Model& model, std::uint64_t seed, std::uint64_t replication);

}  // namespace ccsim
