// `ccsim run --trace`: every step of every contact's life in the traced replications, which
// reconciles with the summary of the same replication, and names customers the same way in every
// variant.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ccsim/contact_trace.h"
#include "testing/command_line.h"
#include "testing/input_errors.h"

namespace {

using ccsim::testing::CommandResult;
using ccsim::testing::read_file;

struct Row {
  std::map<std::string, std::string> at;
  double time() const { return std::stod(at.at("time_s")); }
};

std::vector<Row> rows_of(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::istringstream h(line);
  for (std::string cell; std::getline(h, cell, ',');) header.push_back(cell);
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    Row row;
    std::istringstream cells(line + ",");
    std::string cell;
    for (const std::string& name : header) {
      std::getline(cells, cell, ',');
      row.at[name] = cell;
    }
    rows.push_back(row);
  }
  return rows;
}

// One type with impatient callers, 8 agents, two half hours: some wait, some abandon.
const char* const queue = R"({
  "horizon": { "intervals": 2 },
  "run": { "replications": 1, "seed": 3 },
  "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 170 },
                       "handle_time": { "dist": "exponential", "mean_s": 180 },
                       "patience": { "dist": "exponential", "mean_s": 120 },
                       "sla": { "answer_within_s": 20, "target": 0.8, "denominator": "offered" } } ],
  "agent_groups": [ { "id": "team", "skills": ["calls"], "staffing": 8 } ],
  "what_if": { "more": [ { "op": "replace", "path": "/agent_groups/team/staffing", "value": 10 } ] }
})";

class Trace : public ccsim::testing::CommandLineTest {
 protected:
  void SetUp() override {
    CommandLineTest::SetUp();
    std::ofstream(file("queue.json")) << queue;
  }
};

TEST_F(Trace, ReconcilesWithTheSummaryOfItsReplication) {
  const CommandResult r = ccsim("run " + file("queue.json").string() + " -q --json " +
                                file("s.json").string() + " --trace " + file("t.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, double> arrived;
  int offered = 0, handled = 0, abandoned = 0, within = 0;
  double waits = 0;
  for (const Row& row : rows_of(read_file(file("t.csv")))) {
    const std::string& event = row.at.at("event");
    if (event == "arrival") {
      ++offered;
      arrived[row.at.at("contact")] = row.time();
    } else if (event == "answer") {
      ++handled;
      const double wait = row.time() - arrived.at(row.at.at("contact"));
      waits += wait;
      within += wait <= 20.0;
    } else if (event == "abandonment") {
      ++abandoned;
    }
  }
  const auto summary = nlohmann::json::parse(read_file(file("s.json")))["overall"];
  ASSERT_GT(abandoned, 0);
  EXPECT_EQ(offered, summary["offered"]["mean"].get<double>());
  EXPECT_EQ(handled, summary["handled"]["mean"].get<double>());
  EXPECT_EQ(abandoned, summary["abandoned"]["mean"].get<double>());
  EXPECT_NEAR(waits / handled, summary["asa_s"]["mean"].get<double>(), 1e-9);
  EXPECT_NEAR(static_cast<double>(within) / offered, summary["service_level"]["mean"].get<double>(), 1e-12);
}

std::vector<std::vector<std::string>> queue_log_lines(const std::string& text) {
  std::vector<std::vector<std::string>> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '|');) fields.push_back(cell);
    if (!line.empty() && line.back() == '|') fields.push_back("");
    lines.push_back(fields);
  }
  return lines;
}

// The queue_log tells the same calls as the trace and the summary: one ENTERQUEUE per contact
// offered, a CONNECT with its hold time per answer, a COMPLETEAGENT per handled call, an ABANDON
// with its wait per abandoned one; times are epoch seconds from Monday 2024-01-01 00:00 UTC.
TEST_F(Trace, AQueueLogTellsTheSameCallsAsTheSummary) {
  const CommandResult r = ccsim("run " + file("queue.json").string() + " -q --json " + file("s.json").string() +
                                " --queue-log " + file("queue_log").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, int> events;
  double holds = 0.0;
  int long_waits = 0;
  for (const auto& f : queue_log_lines(read_file(file("queue_log")))) {
    ASSERT_GE(f.size(), 6u);
    const long long epoch = std::stoll(f[0]);
    EXPECT_GE(epoch, 1704067200LL);
    EXPECT_LT(epoch, 1704067200LL + 86400);
    EXPECT_EQ(f[1].rfind("0.", 0), 0u) << f[1];  // replication 0
    EXPECT_EQ(f[2], "calls");
    ++events[f[4]];
    if (f[4] == "CONNECT") {
      EXPECT_EQ(f[3], "Agent/team");
      holds += std::stod(f[5]);
      long_waits += std::stod(f[5]) > 20.0;
    }
    if (f[4] == "ENTERQUEUE" || f[4] == "ABANDON") {
      EXPECT_EQ(f[3], "NONE");
    }
  }
  const auto summary = nlohmann::json::parse(read_file(file("s.json")))["overall"];
  const double handled = summary["handled"]["mean"].get<double>();
  ASSERT_GT(events["ABANDON"], 0);
  EXPECT_EQ(events["ENTERQUEUE"], summary["offered"]["mean"].get<double>());
  EXPECT_EQ(events["CONNECT"], handled);
  EXPECT_EQ(events["COMPLETEAGENT"], handled);
  EXPECT_EQ(events["ABANDON"], summary["abandoned"]["mean"].get<double>());
  // Hold times are whole seconds: their mean is the ASA within half a second.
  EXPECT_NEAR(holds / handled, summary["asa_s"]["mean"].get<double>(), 0.5);
  EXPECT_GT(long_waits, 0);
}

// Bots: a contact enters the queue at its handoff (its hold time counts from there, as the ASA
// does), and sessions that end in the bot have no line. Two replications follow each other in time.
TEST_F(Trace, AQueueLogLeavesBotSessionsOutAndKeepsTimeOrder) {
  const CommandResult r = ccsim("run scenarios/omnichannel-ai.json -r 2 -q --trace-replications 0,1 --json " +
                                file("s.json").string() + " --queue-log " + file("queue_log").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, int> events;
  std::set<std::string> entered;
  long long last = 0;
  for (const auto& f : queue_log_lines(read_file(file("queue_log")))) {
    const long long epoch = std::stoll(f[0]);
    EXPECT_GE(epoch, last) << f[1] << " " << f[4];
    last = epoch;
    ++events[f[4]];
    if (f[4] == "ENTERQUEUE") entered.insert(f[1]);
    if (f[4] == "CONNECT" || f[4] == "ABANDON") {
      EXPECT_TRUE(entered.count(f[1])) << f[1] << " " << f[4];
    }
  }
  const auto summary = nlohmann::json::parse(read_file(file("s.json")))["overall"];
  EXPECT_EQ(events["CONNECT"], 2 * summary["handled"]["mean"].get<double>());
  EXPECT_EQ(events["COMPLETEAGENT"] + events["TRANSFER"], events["CONNECT"]);
  EXPECT_LT(events["ABANDON"], 2 * summary["abandoned"]["mean"].get<double>());  // bots' abandonments left out
}

TEST_F(Trace, NamesACustomerTheSameWayInEveryVariant) {
  const CommandResult r = ccsim("run " + file("queue.json").string() +
                                " -q --what-if more --trace " + file("t.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> handle_of_baseline;
  int compared = 0;
  for (const Row& row : rows_of(read_file(file("t.csv")))) {
    if (row.at.at("event") != "arrival") continue;
    const std::string customer = row.at.at("customer_type") + "/" + row.at.at("customer");
    if (row.at.at("variant") == "baseline") {
      handle_of_baseline[customer] = row.at.at("handle_s");
    } else {
      EXPECT_EQ(row.at.at("handle_s"), handle_of_baseline.at(customer)) << customer;
      ++compared;
    }
  }
  EXPECT_GT(compared, 50);
}

TEST_F(Trace, CoversTheReplicationsAsked) {
  const CommandResult r = ccsim("run " + file("queue.json").string() + " -q -r 6 --trace " +
                                file("t.csv").string() + " --trace-replications 0,4:5");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, int> seen;
  for (const Row& row : rows_of(read_file(file("t.csv")))) ++seen[row.at.at("replication")];
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_TRUE(seen.count("0") && seen.count("4") && seen.count("5"));
}

TEST_F(Trace, RefusesAReplicationThatIsNotRun) {
  const CommandResult r = ccsim("run " + file("queue.json").string() + " -q -r 2 --trace " +
                                file("t.csv").string() + " --trace-replications 2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--trace-replications: replication 2 is not run: the run has 2 (0 to 1)"),
            std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(file("t.csv")));
}

TEST(TraceReplications, ReadListsAndRanges) {
  EXPECT_EQ(ccsim::parse_trace_replications("0,4:6", 10, "--trace-replications"),
            (std::vector<std::uint64_t>{0, 4, 5, 6}));
}

TEST(TraceReplications, RefuseWhatIsNotANumber) {
  EXPECT_EQ(ccsim::testing::error_of([] { ccsim::parse_trace_replications("1,x", 10, "--t"); }),
            "--t: \"x\" is not a replication number");
}

}  // namespace
