// `ccsim sweep` end to end: its outputs, resuming an interrupted sweep (killed for real), and its
// refusals of bad --set arguments.
#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/command_line.h"

namespace {

namespace fs = std::filesystem;

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Staffing 11..15 x patience 120, 300, 600 s on the Erlang A example: 15 points.
const std::string staffing_by_patience =
    "scenarios/erlang-a.json --set /agent_groups/agents/staffing=11:15:1 "
    "--set /contact_types/calls/patience/mean_s=120,300,600";

// Rows per point in CSV: 38 KPIs overall, 34 for the contact type (sl_target_met too), 11 for the
// group (no segments, one channel so no channel scope).
constexpr std::size_t rows_per_point = 40 + 36 + 11;

class SweepCli : public ccsim::testing::CommandLineTest {
 protected:
};

TEST_F(SweepCli, AGridGoesToTidyCsvWithOneRowPerPointScopeAndKpi) {
  const ccsim::testing::CommandResult r = ccsim("sweep " + staffing_by_patience + " -r 3 --out " + file("s.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(ccsim::testing::read_file(file("s.csv")));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line.rfind("# ccsim sweep {", 0), 0u) << line;
  std::getline(in, line);
  EXPECT_EQ(line, "point,/agent_groups/agents/staffing,/contact_types/calls/patience/mean_s,scope,id,kpi,mean,ci95,n");
  std::vector<std::string> rows;
  while (std::getline(in, line)) rows.push_back(line);
  ASSERT_EQ(rows.size(), 15 * rows_per_point);
  // Grid order: the first --set varies slowest.
  EXPECT_EQ(rows[0].rfind("0,11,120,overall,,offered,", 0), 0u) << rows[0];
  EXPECT_EQ(rows[rows_per_point].rfind("1,11,300,overall,", 0), 0u);
  EXPECT_EQ(rows[3 * rows_per_point].rfind("3,12,120,overall,", 0), 0u);
  EXPECT_EQ(rows.back().rfind("14,15,600,group,agents,wrap_s,", 0), 0u) << rows.back();
  EXPECT_NE(ccsim::testing::read_file(file("s.csv")).find("\n7,13,300,type,calls,service_level,0."), std::string::npos);
}

TEST_F(SweepCli, JsonlHasTheDefinitionThenOneObjectPerPoint) {
  const ccsim::testing::CommandResult r = ccsim("sweep " + staffing_by_patience + " -r 2 --out " + file("s.jsonl").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(ccsim::testing::read_file(file("s.jsonl")));
  std::string line;
  std::getline(in, line);
  const auto definition = nlohmann::json::parse(line)["ccsim_sweep"];
  EXPECT_EQ(definition["points"], 15);
  EXPECT_EQ(definition["replications"], 2);
  std::size_t point = 0;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["point"], point);
    EXPECT_EQ(j["params"]["/agent_groups/agents/staffing"], 11 + point / 3);
    EXPECT_TRUE(j["overall"]["service_level"]["mean"].is_number());
    EXPECT_EQ(j["by_type"]["calls"]["abandon_rate"]["n"], 2);
    EXPECT_TRUE(j["by_group"]["agents"]["occupancy"]["ci95"].is_number());
    ++point;
  }
  EXPECT_EQ(point, 15u);
}

TEST_F(SweepCli, SegmentsGetRowsInCsvAndBySegmentInJsonl) {
  std::ofstream(file("segmented.json")) << R"({"name": "segmented", "horizon": {"intervals": 1},
    "segments": [{"id": "vip"}],
    "contact_types": [{"id": "gold", "segment": "vip", "arrivals": {"rate_per_hour": 40},
                       "handle_time": {"dist": "exponential", "mean_s": 200}}],
    "agent_groups": [{"id": "team", "skills": ["gold"], "staffing": 4}]})";
  const std::string sweep = "sweep " + file("segmented.json").string() +
                            " --set /agent_groups/team/staffing=4,5 -r 2 --out ";
  ASSERT_EQ(ccsim(sweep + file("s.csv").string()).exit_code, 0);
  const std::string csv = ccsim::testing::read_file(file("s.csv"));
  EXPECT_NE(csv.find("\n1,5,segment,vip,service_level,"), std::string::npos) << csv;
  ASSERT_EQ(ccsim(sweep + file("s.jsonl").string()).exit_code, 0);
  std::istringstream in(ccsim::testing::read_file(file("s.jsonl")));
  std::string line;
  std::getline(in, line);
  std::getline(in, line);
  EXPECT_TRUE(nlohmann::json::parse(line)["by_segment"]["vip"]["fcr"].is_object()) << line;
}

TEST_F(SweepCli, JsonlLinesHaveByChannelAndTheAutomationKpis) {
  ASSERT_EQ(ccsim("sweep scenarios/erlang-a.json --set /agent_groups/agents/staffing=11,12 -r 2 --out " +
                  file("s.jsonl").string()).exit_code, 0);
  std::istringstream in(ccsim::testing::read_file(file("s.jsonl")));
  std::string line;
  std::getline(in, line);
  std::getline(in, line);
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["by_channel"], nlohmann::json::object()) << line;  // one channel: no channel scope
  EXPECT_TRUE(j["overall"]["automation_rate"].is_object()) << line;
  EXPECT_TRUE(j["by_type"]["calls"]["response_sl"].is_object()) << line;
  EXPECT_TRUE(j["by_group"]["agents"]["cost_automation"].is_object()) << line;
}

TEST_F(SweepCli, ALatinHypercubeHasItsPointsAndIsReproducible) {
  const std::string sweep = "sweep " + staffing_by_patience + " --lhs 5 -r 2 --out ";
  ASSERT_EQ(ccsim(sweep + file("a.csv").string()).exit_code, 0);
  ASSERT_EQ(ccsim(sweep + file("b.csv").string()).exit_code, 0);
  const std::string a = ccsim::testing::read_file(file("a.csv"));
  EXPECT_EQ(a, ccsim::testing::read_file(file("b.csv")));
  EXPECT_EQ(count_lines(a), 2 + 5 * rows_per_point);
  EXPECT_NE(a.find("\"design\":\"lhs\""), std::string::npos);
}

// A file cut at any byte — inside the header, inside a line, between points — is completed by
// --resume into exactly the file of an uninterrupted run.
TEST_F(SweepCli, ResumeCompletesAFileCutAnywhere) {
  const std::string sweep = "sweep " + staffing_by_patience + " -r 2 --out ";
  ASSERT_EQ(ccsim(sweep + file("whole.csv").string()).exit_code, 0);
  const std::string whole = ccsim::testing::read_file(file("whole.csv"));
  const std::size_t header_end = whole.find('\n', whole.find('\n') + 1) + 1;
  for (std::size_t cut : {std::size_t{0}, std::size_t{10}, header_end, header_end + 7,
                          header_end + 3 * 31 * rows_per_point, whole.size() / 2, whole.size() - 1}) {
    std::ofstream(file("cut.csv"), std::ios::binary) << whole.substr(0, cut);
    const ccsim::testing::CommandResult r = ccsim(sweep + file("cut.csv").string() + " --resume");
    ASSERT_EQ(r.exit_code, 0) << "cut at " << cut << ": " << r.err;
    EXPECT_TRUE(ccsim::testing::read_file(file("cut.csv")) == whole) << "cut at byte " << cut;
  }
}

// The real thing, at a known point: CCSIM_SWEEP_STOP_AFTER_POINTS=k (a hook for tests in
// tools/ccsim/sweep.cpp) makes the binary kill itself with SIGKILL right after its k-th point is
// written and flushed, as a kill at that moment would. The file then holds exactly those k points,
// and --resume, on another number of threads, completes it into an uninterrupted run's bytes.
TEST_F(SweepCli, ASweepKilledAfterAPointAndResumedEqualsAnUninterruptedOne) {
  constexpr std::size_t killed_after = 4;
  const std::string sweep = "sweep " + staffing_by_patience + " -r 2";
  ASSERT_EQ(ccsim(sweep + " -t 1 --out " + file("whole.csv").string()).exit_code, 0);
  const std::string whole = ccsim::testing::read_file(file("whole.csv"));

  const ccsim::testing::CommandResult killed =
      ccsim("CCSIM_SWEEP_STOP_AFTER_POINTS=" + std::to_string(killed_after),
            sweep + " -t 2 --out " + file("killed.csv").string());
  ASSERT_EQ(killed.signal, SIGKILL) << "exit code " << killed.exit_code << ": " << killed.err;
  const std::string cut = ccsim::testing::read_file(file("killed.csv"));
  EXPECT_EQ(count_lines(cut), 2 + killed_after * rows_per_point);
  EXPECT_TRUE(whole.starts_with(cut)) << "its points differ from an uninterrupted run's";

  const ccsim::testing::CommandResult resumed =
      ccsim(sweep + " -t 2 --out " + file("killed.csv").string() + " --resume");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  const std::string resuming = std::to_string(killed_after) +
                               " of 15 points already there, resuming at point " +
                               std::to_string(killed_after);
  EXPECT_NE(resumed.err.find(resuming), std::string::npos) << resumed.err;
  EXPECT_TRUE(ccsim::testing::read_file(file("killed.csv")) == whole);
}

// A crash can leave the start of a line followed by a newline. Such a last line is not a finished
// point: --resume cuts it and runs its point again, in JSONL ...
TEST_F(SweepCli, ResumeRunsAgainAJsonlPointWhoseLineWasTornYetEndsInANewline) {
  const std::string sweep = "sweep " + staffing_by_patience + " -r 2 --out ";
  ASSERT_EQ(ccsim(sweep + file("whole.jsonl").string()).exit_code, 0);
  const std::string whole = ccsim::testing::read_file(file("whole.jsonl"));
  // The header, points 0 to 2, and the first half of point 3's line with a newline.
  std::size_t point_3 = 0;
  for (int line = 0; line < 4; ++line) point_3 = whole.find('\n', point_3) + 1;
  const std::size_t point_3_end = whole.find('\n', point_3);
  std::ofstream(file("torn.jsonl"), std::ios::binary)
      << whole.substr(0, point_3 + (point_3_end - point_3) / 2) << '\n';
  const ccsim::testing::CommandResult r = ccsim(sweep + file("torn.jsonl").string() + " --resume");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("3 of 15 points already there, resuming at point 3"), std::string::npos) << r.err;
  EXPECT_TRUE(ccsim::testing::read_file(file("torn.jsonl")) == whole);
}

// ... and in CSV, where the torn row is inside the last point.
TEST_F(SweepCli, ResumeRunsAgainACsvPointWithATornRowThatEndsInANewline) {
  const std::string sweep = "sweep " + staffing_by_patience + " -r 2 --out ";
  ASSERT_EQ(ccsim(sweep + file("whole.csv").string()).exit_code, 0);
  const std::string whole = ccsim::testing::read_file(file("whole.csv"));
  // The header (2 lines), points 0 and 1, 5 rows of point 2, and half its 6th row.
  std::size_t row = 0;
  for (std::size_t line = 0; line < 2 + 2 * rows_per_point + 5; ++line) row = whole.find('\n', row) + 1;
  std::ofstream(file("torn.csv"), std::ios::binary) << whole.substr(0, row + 12) << '\n';
  const ccsim::testing::CommandResult r = ccsim(sweep + file("torn.csv").string() + " --resume");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("2 of 15 points already there, resuming at point 2"), std::string::npos) << r.err;
  EXPECT_TRUE(ccsim::testing::read_file(file("torn.csv")) == whole);
}

// A sweep holds a lock on its output while it runs. Here the test holds it, as a running sweep
// would, and a --resume of the same file stops at once instead of appending the same points.
TEST_F(SweepCli, ResumeOfAFileAnotherProcessIsWritingExits2AndLeavesItAlone) {
  const std::string sweep = "sweep " + staffing_by_patience + " -r 2 --out " + file("s.csv").string();
  ASSERT_EQ(ccsim("CCSIM_SWEEP_STOP_AFTER_POINTS=2", sweep).signal, SIGKILL);
  const std::string before = ccsim::testing::read_file(file("s.csv"));
  const int held = ::open(file("s.csv").c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(held, 0);
  ASSERT_EQ(::flock(held, LOCK_EX | LOCK_NB), 0);
  const ccsim::testing::CommandResult r = ccsim(sweep + " --resume");
  ::close(held);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "--out " + file("s.csv").string() +
                       ": another ccsim is writing this file (it is locked): wait for it to end, or "
                       "choose another output\n");
  EXPECT_EQ(ccsim::testing::read_file(file("s.csv")), before);
  // Released, the same command completes it.
  EXPECT_EQ(ccsim(sweep + " --resume").exit_code, 0);
}

TEST_F(SweepCli, ResumeRefusesAFileOfAnotherSweepAndLeavesItAlone) {
  ASSERT_EQ(ccsim("sweep " + staffing_by_patience + " -r 2 --out " + file("s.csv").string()).exit_code, 0);
  const std::string before = ccsim::testing::read_file(file("s.csv"));
  const ccsim::testing::CommandResult r = ccsim("sweep " + staffing_by_patience + " -r 3 --out " + file("s.csv").string() +
                         " --resume");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("s.csv: was made by another sweep"), std::string::npos) << r.err;
  EXPECT_EQ(ccsim::testing::read_file(file("s.csv")), before);
}

TEST_F(SweepCli, AnExistingFileIsNotOverwrittenWithoutResume) {
  std::ofstream(file("s.csv")) << "precious\n";
  const ccsim::testing::CommandResult r = ccsim("sweep " + staffing_by_patience + " -r 2 --out " + file("s.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("already exists: add --resume"), std::string::npos) << r.err;
  EXPECT_EQ(ccsim::testing::read_file(file("s.csv")), "precious\n");
}

TEST_F(SweepCli, ASetPathThatMatchesNothingExits2WithItsPointer) {
  const ccsim::testing::CommandResult unknown_id = ccsim("sweep scenarios/erlang-a.json --set /agent_groups/nobody/staffing=1,2 --out " +
                                  file("s.csv").string());
  EXPECT_EQ(unknown_id.exit_code, 2);
  EXPECT_NE(unknown_id.err.find("scenarios/erlang-a.json: /agent_groups/nobody/staffing: "), std::string::npos)
      << unknown_id.err;
  const ccsim::testing::CommandResult unknown_key = ccsim("sweep scenarios/erlang-a.json --set /agent_groups/agents/stafing=1,2 --out " +
                                   file("s.csv").string());
  EXPECT_EQ(unknown_key.exit_code, 2);
  EXPECT_EQ(unknown_key.err,
            "scenarios/erlang-a.json: /agent_groups/agents/stafing: --set names nothing in this "
            "scenario (to sweep a setting left at its default, write it in the file first)\n");
  EXPECT_FALSE(fs::exists(file("s.csv")));
}

TEST_F(SweepCli, ASetOnANonNumericFieldExits2SayingWhatItFound) {
  const ccsim::testing::CommandResult r = ccsim("sweep scenarios/erlang-a.json --set /contact_types/calls/patience/dist=1 --out " +
                         file("s.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "scenarios/erlang-a.json: /contact_types/calls/patience/dist: --set needs a number or an "
            "array of numbers here, found the text \"exponential\"\n");
  EXPECT_FALSE(fs::exists(file("s.csv")));
}

TEST_F(SweepCli, AValueTheScenarioRefusesExits2NamingTheSet) {
  const ccsim::testing::CommandResult r = ccsim("sweep scenarios/erlang-a.json --set /run/replications=20:25:2.5 --out " +
                         file("s.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "scenarios/erlang-a.json: /run/replications: must be a whole number >= 1, got 22.5 "
            "(with --set /run/replications=22.5)\n");
  EXPECT_FALSE(fs::exists(file("s.csv")));
}

TEST_F(SweepCli, BadRangesAndOutputsExit2) {
  const std::string out = " --out " + file("s.csv").string();
  EXPECT_EQ(ccsim("sweep scenarios/erlang-a.json --set /agent_groups/agents/staffing=10:12:0" + out).exit_code, 2);
  EXPECT_EQ(ccsim("sweep scenarios/erlang-a.json --set /agent_groups/agents/staffing=ten" + out).exit_code, 2);
  EXPECT_EQ(ccsim("sweep scenarios/erlang-a.json --set /agent_groups/agents/staffing=10 --out s.txt").exit_code, 2);
  EXPECT_EQ(ccsim("sweep scenarios/erlang-a.json --out " + file("s.csv").string()).exit_code, 2);
  EXPECT_FALSE(fs::exists(file("s.csv")));
}

}  // namespace

namespace {

class SweepReportCli : public ccsim::testing::CommandLineTest {};

TEST_F(SweepReportCli, IsWrittenBesideTheOutput) {
  const auto r = ccsim("sweep " + staffing_by_patience + " -r 2 --out " + file("s.csv").string() +
                       " --report " + file("s.html").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = ccsim::testing::read_file(file("s.html"));
  EXPECT_NE(html.find("data-chart=\"sweep/service_level\""), std::string::npos);
  EXPECT_NE(html.find("data-points=\"15\""), std::string::npos);
}

TEST_F(SweepReportCli, IsRefusedForAResumedSweepWithPointsAlreadyThere) {
  const std::string out = file("s.csv").string();
  ASSERT_EQ(ccsim("sweep " + staffing_by_patience + " -r 2 --out " + out).exit_code, 0);
  // Cut the file after its first point, as an interrupted sweep leaves it.
  std::string text = ccsim::testing::read_file(out);
  std::size_t cut = 0;
  for (int line = 0; line < 2 + static_cast<int>(rows_per_point); ++line) cut = text.find('\n', cut) + 1;
  std::ofstream(out, std::ios::trunc) << text.substr(0, cut);
  const auto r = ccsim("sweep " + staffing_by_patience + " -r 2 --out " + out + " --resume --report " +
                       file("s.html").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--report"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(file("s.html")));
}

// The what-if axis: each point runs its what-if's scenario, so "volume+20%" (a scale of 1.2 on
// every type) is exactly `run --volume 1.2` on the same replications.
TEST_F(SweepCli, AWhatIfAxisRunsEachWhatIfAsItsOwnScenario) {
  const auto r = ccsim("sweep scenarios/retail-day.json --set what_if=baseline,volume+20% -r 4 -t 1 --out " +
                       file("s.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string sweep = ccsim::testing::read_file(file("s.csv"));
  EXPECT_NE(sweep.find("\npoint,what_if,scope,id,kpi,mean,ci95,n\n0,baseline,overall,,offered,"), std::string::npos);
  ASSERT_EQ(ccsim("run scenarios/retail-day.json --volume 1.2 -r 4 -t 1 -q --csv " + file("r.csv").string()).exit_code, 0);
  const std::string run = ccsim::testing::read_file(file("r.csv"));
  const std::string key = "overall,,all,,service_level,";
  const std::size_t at = run.find("\n" + key);
  ASSERT_NE(at, std::string::npos) << run.substr(0, 300);
  const std::string figures = run.substr(at + 1 + key.size(), run.find('\n', at + 1) - (at + 1 + key.size()));
  EXPECT_NE(sweep.find("\n1,volume+20%,overall,,service_level," + figures + "\n"), std::string::npos) << figures;
}

// As `run --set ... --what-if`: the sweep's value goes in first, and the what-if that tests the
// value it replaces refuses the point before anything runs.
TEST_F(SweepCli, AWhatIfPatchesTheScenarioAfterTheSweepsValues) {
  const auto r = ccsim("sweep scenarios/retail-day.json --set what_if=baseline,two-fewer-at-lunch "
                       "--set /agent_groups/billing_team/staffing/8=22 -r 2 --out " + file("s.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("test failed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("what_if=two-fewer-at-lunch"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(file("s.csv")));
}

TEST_F(SweepCli, AWhatIfAxisOfStarIsTheBaselineAndEveryWhatIf) {
  const auto r = ccsim("sweep scenarios/omnichannel-ai.json --set what_if=* -r 2 --out " + file("s.jsonl").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(ccsim::testing::read_file(file("s.jsonl")));
  std::string line;
  std::getline(in, line);  // the definition
  std::vector<std::string> names;
  while (std::getline(in, line)) names.push_back(nlohmann::json::parse(line)["params"]["what_if"]);
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[0], "baseline");
  EXPECT_EQ(names[1], "containment-20%");
}

TEST_F(SweepCli, AnUnknownWhatIfOnTheAxisIsRefusedWithTheNamesThereAre) {
  const auto r = ccsim("sweep scenarios/retail-day.json --set what_if=baseline,no-such -r 2 --out " + file("s.csv").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no what-if \"no-such\" in this scenario (it has: baseline, "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("volume+20%"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(file("s.csv")));
}

}  // namespace
