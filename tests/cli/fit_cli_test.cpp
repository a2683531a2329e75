// `ccsim fit` end to end: a call log in, a report out, a scenario that runs, and bad logs refused
// with their place.
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>

#include <fmt/core.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/command_line.h"

namespace {

class FitCli : public ccsim::testing::CommandLineTest {
 protected:
  // Three weekdays (Mon 4 - Wed 6 March 2024) and a Saturday, 09:00-11:00, two types, a
  // tab-separated export with its own column and outcome names.
  std::string log() {
    const auto path = file("calls.tsv");
    std::ofstream out(path);
    out << "day\tanswered_at\tqueue\tq_s\ttalk_s\tresult\r\n";
    unsigned state = 12345;
    const auto next = [&state] {
      state = state * 1103515245u + 12345u;
      return static_cast<double>((state >> 8) & 0xffff) / 65536.0;
    };
    for (const char* day : {"20240304", "20240305", "20240306", "20240309"})
      for (int i = 0; i < 240; ++i) {
        const int at = 9 * 3600 + static_cast<int>(next() * 7200);
        const bool abandoned = next() < 0.1;
        const int wait = static_cast<int>(next() * 90);
        const int talk = abandoned ? 0 : 5 + static_cast<int>(-200.0 * std::log(1.0 - next()));
        out << fmt::format("{}\t{}:{:02}:{:02}\t{}\t{}\t{}\t{}\r\n", day, at / 3600, at / 60 % 60,
                           at % 60, i % 3 == 0 ? "sales" : "service", wait, talk,
                           abandoned ? "HANG" : "AGENT");
      }
    out << "20240304\t9:30:00\tservice\t0\t0\tPHANTOM\r\n";
    return path.string();
  }
  std::string columns() const {
    return " --column date=day,arrival=answered_at,type=queue,wait=q_s,handle=talk_s,outcome=result"
           " --served AGENT --abandoned HANG --open 09:00 --close 11:00";
  }
};

TEST_F(FitCli, WritesAScenarioThatRunsWithTheLogsTypesAndWindow) {
  const auto r = ccsim("fit " + log() + columns() + " --weekdays mon-fri --out-scenario " +
                       file("fitted.json").string() + " --json " + file("fit.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto scenario = nlohmann::json::parse(ccsim::testing::read_file(file("fitted.json")));
  EXPECT_EQ(scenario["horizon"]["start"], "09:00");
  EXPECT_EQ(scenario["horizon"]["intervals"], 4);
  ASSERT_EQ(scenario["contact_types"].size(), 2u);
  EXPECT_EQ(scenario["contact_types"][0]["id"], "sales");
  EXPECT_EQ(scenario["contact_types"][0]["patience"]["dist"], "kaplan_meier");
  const auto run = ccsim("run " + file("fitted.json").string() + " -r 3 -q");
  EXPECT_EQ(run.exit_code, 0) << run.err;

  const auto fit = nlohmann::json::parse(ccsim::testing::read_file(file("fit.json")));
  EXPECT_EQ(fit["days"].size(), 3u);  // the Saturday left out
  EXPECT_EQ(fit["other_outcomes"], 1);
  EXPECT_EQ(fit["types"][1]["handle_time"]["candidates"].size(), 6u);
}

TEST_F(FitCli, TheReportMarksTheChosenLawOfEachType) {
  const auto r = ccsim("fit " + log() + columns() + " --handle-time weibull");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Type sales:"), std::string::npos);
  EXPECT_NE(r.out.find("* weibull"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("* kaplan_meier"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Agents answering per interval"), std::string::npos);
}

TEST_F(FitCli, ABadCellExitsTwoWithFileLineAndColumn) {
  const auto path = file("bad.csv");
  std::ofstream(path) << "arrival,wait_s,handle_s,outcome\n9:00:00,3,100,served\n9:01:00,x,100,served\n";
  const auto r = ccsim("fit " + path.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.csv:3:2: expected seconds"), std::string::npos) << r.err;
}

TEST_F(FitCli, NoCallOnTheChosenDaysIsAnErrorNotAnEmptyScenario) {
  const auto r = ccsim("fit " + log() + columns() + " --from 2025-01-01 --out-scenario " +
                       file("fitted.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no calls left on the chosen days"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(file("fitted.json")));
}

}  // namespace

namespace {

class BankFit : public ccsim::testing::CommandLineTest {};

// The shipped scenario is what `ccsim fit` writes from the bank's log, as the README says: refit
// here, it comes out byte for byte.
TEST_F(BankFit, TheShippedScenarioIsWhatFitWritesFromTheFirstHalfOfFebruary) {
  const auto log = file("bank-calls.csv").string();
  const std::string source = CCSIM_SOURCE_DIR;
  ASSERT_EQ(std::system(("'" + source + "/tools/bank-calls.sh' > '" + log + "'").c_str()), 0);
  const auto r = ccsim("fit " + log + " --from 1999-02-01 --to 1999-02-14 --weekdays sun-thu "
                       "--open 07:00 --close 24:00 --also-within-s 60 "
                       "--name anonymous-bank-first-half -q "
                       "--out-scenario " + file("first-half.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ccsim::testing::read_file(file("first-half.json")),
            ccsim::testing::read_file(source + "/scenarios/anonymous-bank/first-half.json"));
}

// The second half of February replayed call by call: every logged call of those days is offered,
// exactly, in every replication, and the scenario runs as shipped with the log beside it.
TEST_F(BankFit, TheSecondHalfReplaysEveryLoggedCallOfItsDays) {
  const std::string source = CCSIM_SOURCE_DIR;
  const auto log = file("bank-calls.csv").string();
  ASSERT_EQ(std::system(("'" + source + "/tools/bank-calls.sh' > '" + log + "'").c_str()), 0);
  nlohmann::json scenario = nlohmann::json::parse(
      ccsim::testing::read_file(source + "/scenarios/anonymous-bank/second-half-replay.json"));
  scenario["replay"]["file"] = log;
  std::ofstream(file("replay.json")) << scenario.dump();
  const auto r = ccsim("run " + file("replay.json").string() + " -r 3 -q --json " +
                       file("out.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json out = nlohmann::json::parse(ccsim::testing::read_file(file("out.json")));
  // Sunday to Thursday, 15-28 February, 07:00-24:00: 13,698 calls asked for an agent.
  EXPECT_EQ(out["overall"]["offered"]["mean"], 13698.0);
  EXPECT_EQ(out["overall"]["offered"]["ci95"], 0.0);
}

}  // namespace
