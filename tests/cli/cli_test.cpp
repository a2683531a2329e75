// `ccsim` end to end: the binary as a user runs it, its exit codes, outputs and files.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "testing/command_line.h"
#include <nlohmann/json.hpp>
#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;

class Cli : public ccsim::testing::CommandLineTest {
 protected:
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }

};

TEST_F(Cli, RunPrintsTheKpiTableAndExitsZero) {
  const ccsim::testing::CommandResult r = ccsim("run scenarios/retail-day.json --replications 4");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("By contact type"), std::string::npos);
  EXPECT_NE(r.out.find("By agent group"), std::string::npos);
  EXPECT_NE(r.out.find("By interval"), std::string::npos);
  EXPECT_NE(r.out.find("service level"), std::string::npos);
}

TEST_F(Cli, RunWritesJsonInTheDocumentedShape) {
  const ccsim::testing::CommandResult r = ccsim("run scenarios/erlang-c.json --replications 3 --seed 5 -q --json " +
                         file("out.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(ccsim::testing::read_file(file("out.json")));
  EXPECT_EQ(j["replications"], 3);
  EXPECT_EQ(j["seed"], 5);
  EXPECT_TRUE(j["scenario"].is_string());
  for (const char* kpi : {"offered", "handled", "abandoned", "service_level", "asa_s", "wait_p50_s",
                          "wait_p90_s", "wait_p99_s", "abandon_rate", "aht_s", "occupancy",
                          "utilisation", "cost_total", "fcr", "resolution_rate", "repeat_rate",
                          "contacts_per_issue", "transfer_rate", "escalation_rate",
                          "time_to_resolution_p50_s", "time_to_resolution_p90_s",
                          "callbacks_offered", "callbacks_accepted", "callback_wait_s",
                          "cost_per_contact", "cost_per_resolved_issue", "containment_rate",
                          "bot_abandon_rate", "handoff_rate", "deflected", "automation_rate",
                          "cost_automation", "backlog", "backlog_oldest_h", "response_sl",
                          "talk_s", "wrap_s"}) {
    EXPECT_TRUE(j["overall"].contains(kpi)) << kpi;
    EXPECT_TRUE(j["overall"][kpi].contains("mean")) << kpi;
    EXPECT_TRUE(j["overall"][kpi].contains("ci95")) << kpi;
  }
  EXPECT_TRUE(j["by_type"].is_object());
  EXPECT_TRUE(j["by_group"].is_object());
  EXPECT_EQ(j["by_segment"], nlohmann::json::object());  // erlang-c has no segments
  EXPECT_EQ(j["by_channel"], nlohmann::json::object());  // ... and one channel
  ASSERT_TRUE(j["by_interval"].is_array());
  EXPECT_EQ(j["by_interval"][0]["interval"], 0);
  EXPECT_TRUE(j["by_interval"][0]["start"].is_string());
}

TEST_F(Cli, RunWritesTidyCsv) {
  const ccsim::testing::CommandResult r = ccsim("run scenarios/erlang-c.json --replications 2 -q --csv " + file("out.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = ccsim::testing::read_file(file("out.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "scope,id,interval,start,kpi,mean,ci95,n");
  EXPECT_NE(csv.find("\noverall,,all,,service_level,"), std::string::npos);
}

TEST_F(Cli, RunWritesSegmentsToJsonCsvAndTheTable) {
  write("segmented.json", R"({"name": "segmented", "horizon": {"intervals": 2},
    "segments": [{"id": "vip", "priority": 1}, {"id": "standard", "priority": 2}],
    "contact_types": [
      {"id": "gold", "segment": "vip", "arrivals": {"rate_per_hour": 40},
       "handle_time": {"dist": "exponential", "mean_s": 200}},
      {"id": "basic", "segment": "standard", "arrivals": {"rate_per_hour": 60},
       "handle_time": {"dist": "exponential", "mean_s": 200}}],
    "agent_groups": [{"id": "team", "skills": ["gold", "basic"], "staffing": 8}]})");
  const ccsim::testing::CommandResult r =
      ccsim("run " + file("segmented.json").string() + " -r 3 --json " + file("out.json").string() +
            " --csv " + file("out.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(ccsim::testing::read_file(file("out.json")));
  EXPECT_TRUE(j["by_segment"]["vip"]["service_level"]["mean"].is_number()) << j["by_segment"];
  EXPECT_TRUE(j["by_segment"]["standard"].contains("fcr")) << j["by_segment"];
  EXPECT_TRUE(j["by_interval"][1]["by_segment"].contains("vip"));
  const std::string csv = ccsim::testing::read_file(file("out.csv"));
  EXPECT_NE(csv.find("\nsegment,vip,all,,service_level,"), std::string::npos);
  EXPECT_NE(r.out.find("By segment"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FCR"), std::string::npos) << r.out;
}

TEST_F(Cli, PlainScenarioTableShowsNoSegmentOrResolutionBlock) {
  const ccsim::testing::CommandResult r = ccsim("run scenarios/retail-day.json --replications 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("By channel"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Automation"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("By segment"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("FCR"), std::string::npos) << r.out;
}

TEST_F(Cli, JsonIsByteIdenticalAtOneAndTwoThreads) {
  ASSERT_EQ(ccsim("run scenarios/retail-day.json -r 6 -q -t 1 --json " + file("one.json").string()).exit_code, 0);
  ASSERT_EQ(ccsim("run scenarios/retail-day.json -r 6 -q -t 2 --json " + file("two.json").string()).exit_code, 0);
  EXPECT_EQ(ccsim::testing::read_file(file("one.json")), ccsim::testing::read_file(file("two.json")));
}

TEST_F(Cli, BadScenarioExitsTwoWithFileAndPointerAndWritesNothing) {
  write("bad.json", R"({"horizon": {"intervals": 2}, "contact_types": [], "agent_groups": [
    {"id": "a", "skills": [], "staffing": [3, -3]}]})");
  const ccsim::testing::CommandResult r = ccsim("run " + file("bad.json").string() + " --json " + file("out.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/agent_groups/0/staffing/1: must be a number >= 0, got -3"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(file("out.json")));
}

TEST_F(Cli, MissingFileExitsTwo) {
  const ccsim::testing::CommandResult r = ccsim("run " + file("nowhere.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("nowhere.json"), std::string::npos);
}

TEST_F(Cli, SyntaxErrorNamesLineAndColumn) {
  write("broken.json", "{\n  \"name\": \"x\",\n  oops\n}\n");
  const ccsim::testing::CommandResult r = ccsim("validate " + file("broken.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("broken.json:3:"), std::string::npos) << r.err;
}

TEST_F(Cli, UnwritableOutputExitsTwoAndLeavesNoTemporaryFile) {
  const ccsim::testing::CommandResult r = ccsim("run scenarios/erlang-c.json -r 2 -q --json " + file("no/such/dir/out.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("out.json"), std::string::npos);
}

TEST_F(Cli, ExistingOutputSurvivesAFailedRun) {
  write("keep.json", "previous results\n");
  write("bad.json", "{");
  EXPECT_EQ(ccsim("run " + file("bad.json").string() + " --json " + file("keep.json").string()).exit_code, 2);
  EXPECT_EQ(ccsim::testing::read_file(file("keep.json")), "previous results\n");
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(ccsim("").exit_code, 2);
  EXPECT_EQ(ccsim("run").exit_code, 2);
  EXPECT_EQ(ccsim("run scenarios/erlang-c.json --replications 0").exit_code, 2);
  EXPECT_EQ(ccsim("frobnicate").exit_code, 2);
}

TEST_F(Cli, HelpAndVersionExitZero) {
  EXPECT_EQ(ccsim("--help").exit_code, 0);
  EXPECT_EQ(ccsim("--version").exit_code, 0);
}

TEST_F(Cli, ValidateSummarisesAGoodScenario) {
  const ccsim::testing::CommandResult r = ccsim("validate scenarios/retail-day.json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("billing"), std::string::npos);
}

TEST_F(Cli, ValidateCountsTheWrapUpInTheOfferedLoad) {
  // 200 calls an hour of 180 s talk and 45 s wrap-up: 200 / 3600 x 225 = 12.5 erlangs (10 without
  // the wrap-up), against 15 agents.
  write("wrap.json", R"({ "horizon": { "intervals": 2, "interval_min": 30 },
    "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 200 },
      "handle_time": { "dist": "exponential", "mean_s": 180 },
      "wrap_up": { "dist": "deterministic", "value_s": 45 } } ],
    "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 15 } ] })");
  const ccsim::testing::CommandResult r = ccsim("validate " + file("wrap.json").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("exponential 180 s + wrap-up deterministic 45 s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("      12.5       15        83%"), std::string::npos) << r.out;
}

TEST_F(Cli, ValidateCountsTheLoadAfterAutomationSoABotIsNoOverload) {
  // Without the bot's containment, assist and the chat agents' concurrency the load table would
  // flag every busy half hour of this plan.
  const ccsim::testing::CommandResult r = ccsim("validate scenarios/omnichannel-ai.json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("after self-service, bots and agent assist"), std::string::npos);
  EXPECT_EQ(r.out.find("overloaded"), std::string::npos) << r.out;
}

TEST_F(Cli, RunPrintsTheAutomationAndEmailBlocksOfAnOmnichannelScenario) {
  const ccsim::testing::CommandResult r = ccsim("run scenarios/omnichannel-ai.json --replications 4");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* block : {"By channel", "Automation", "Email", "contained", "backlog"})
    EXPECT_NE(r.out.find(block), std::string::npos) << block;
}

TEST_F(Cli, ErlangCReproducesTheWorkedExample) {
  const ccsim::testing::CommandResult r = ccsim("erlang c --rate-per-hour 200 --aht-s 180 --agents 14 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["service_level"].get<double>(), 0.888, 0.0005);
  EXPECT_NEAR(j["asa_s"].get<double>(), 7.84, 0.005);
}

TEST_F(Cli, ErlangRejectsNonsenseWithExitTwo) {
  EXPECT_EQ(ccsim("erlang c --rate-per-hour 200 --aht-s -5 --agents 14").exit_code, 2);
  EXPECT_EQ(ccsim("erlang a --rate-per-hour 200 --aht-s 180 --agents 14").exit_code, 2);
}

}  // namespace
