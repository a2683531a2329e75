// `ccsim` against hostile input from the command line and the file system: each is refused with
// exit code 2 and a message naming the place, and nothing blocks, wraps or is echoed raw.
#include <sys/stat.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "testing/command_line.h"

namespace {

using ccsim::testing::CommandResult;

const std::string small_scenario = R"({
  "horizon": { "intervals": 2 },
  "contact_types": [ { "id": "calls", "arrivals": { "rate_per_hour": 60 },
                       "handle_time": { "dist": "exponential", "mean_s": 180 } } ],
  "agent_groups": [ { "id": "agents", "skills": ["calls"], "staffing": 5 } ])";

class HostileInput : public ccsim::testing::CommandLineTest {
 protected:
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(file(name), std::ios::binary) << text;
    return file(name).string();
  }
  std::string fifo(const std::string& name) const {
    EXPECT_EQ(::mkfifo(file(name).c_str(), 0600), 0);
    return file(name).string();
  }
};

TEST_F(HostileInput, ScenarioThatIsANamedPipeIsRefusedWithoutWaiting) {
  const std::string path = fifo("pipe.json");
  const CommandResult r = ccsim("validate " + path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, path + ": cannot read file: is a named pipe (FIFO), not a regular file\n");
}

TEST_F(HostileInput, CsvThatIsANamedPipeIsRefusedWithoutWaiting) {
  fifo("times.csv");
  std::string scenario = small_scenario + "}";
  scenario.replace(scenario.find(R"("dist": "exponential", "mean_s": 180)"),
                   std::string(R"("dist": "exponential", "mean_s": 180)").size(),
                   R"("dist": "empirical", "file": "times.csv")");
  const std::string path = write("s.json", scenario);
  const CommandResult r = ccsim("validate " + path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, path + ": /contact_types/0/handle_time/file: cannot read times.csv: is a named "
                          "pipe (FIFO), not a regular file\n");
}

TEST_F(HostileInput, DeviceAsScenarioIsRefused) {
  const CommandResult r = ccsim("validate /dev/zero");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "/dev/zero: cannot read file: is a device, not a regular file\n");
}

TEST_F(HostileInput, NegativeSeedIsRefusedNotWrapped) {
  const CommandResult r = ccsim("run scenarios/erlang-c.json -r 1 --seed -1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "--seed: must be a whole number in [0, 18446744073709551615], got -1\n"
            "Run with --help for more information.\n");
}

TEST_F(HostileInput, SeedPastSixtyFourBitsIsRefusedNotSaturated) {
  const CommandResult r = ccsim("run scenarios/erlang-c.json -r 1 --seed 99999999999999999999");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "--seed: must be at most 18446744073709551615, got 99999999999999999999\n"
            "Run with --help for more information.\n");
}

TEST_F(HostileInput, SweepAndCompareSeedsAreCheckedTheSameWay) {
  EXPECT_EQ(ccsim("sweep scenarios/erlang-c.json --seed 1e3 --out " + file("s.csv").string())
                .exit_code,
            2);
  const CommandResult r =
      ccsim("compare scenarios/erlang-c.json scenarios/erlang-c.json --candidate-seed -5");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "--candidate-seed: must be a whole number in [0, 18446744073709551615], got -5\n"
            "Run with --help for more information.\n");
}

TEST_F(HostileInput, ValidateRefusesAWhatIfThatRunWhatIfRefuses) {
  const std::string path = write(
      "s.json", small_scenario + R"(, "what_if": { "more": [ { "op": "add", "path": "/agent_groups/-",
        "value": { "id": "extra", "skills": ["calls"], "staffing": 1 } } ] } })");
  const CommandResult validate = ccsim("validate " + path);
  const CommandResult run = ccsim("run " + path + " -r 1 -q --what-if more");
  EXPECT_EQ(validate.exit_code, 2);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(validate.err, run.err);
  EXPECT_EQ(validate.err.rfind(path + ": what-if \"more\": cannot be compared with the baseline "
                                      "interval by interval: ",
                               0),
            0u)
      << validate.err;
}

TEST_F(HostileInput, FileNameWithALineBreakCannotForgeAMessageLine) {
  const std::string path = file("x.json\nforged.json: all good").string();
  const CommandResult r = ccsim("validate '" + path + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, file("x.json").string() +
                       "\\nforged.json: all good: cannot read file: no such file or directory\n");
}

TEST_F(HostileInput, RepeatedKeyInAStoredResultIsRefused) {
  const std::string stored = write("stored.json", R"({"replications": 2, "replications": 3})");
  const CommandResult r = ccsim("compare scenarios/erlang-c.json --against " + stored);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, stored + ": /replications: duplicate key \"replications\" (JSON would keep "
                            "only the last)\n");
}

TEST_F(HostileInput, DeeplyNestedPartFileIsRefused) {
  const std::string part =
      write("deep.part.json", std::string(100'000, '[') + std::string(100'000, ']'));
  const CommandResult r = ccsim("merge " + part);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a part file: nested deeper than 64 levels"), std::string::npos)
      << r.err;
}

}  // namespace
