// `mpirun -np N ccsim run` and `ccsim sweep`: replications spread over processes give the same
// bytes as one process.
// Skipped when ccsim was built without MPI.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "testing/command_line.h"
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

// Unused without MPI, where every test body is compiled out.
[[maybe_unused]] int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#ifdef CCSIM_MPIEXEC
// As root Open MPI wants both variables; --oversubscribe lets 3 ranks share 2 cores, and
// --bind-to none leaves each rank's TBB threads free to use every core. LeakSanitizer reports
// Open MPI's own allocations, so leak checking is off for these processes only.
std::string mpirun(int ranks) {
  return std::string("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") +
         "ASAN_OPTIONS=detect_leaks=0 '" + CCSIM_MPIEXEC + "' --oversubscribe --bind-to none -np " +
         std::to_string(ranks) + " '" + CCSIM_BINARY + "' ";
}
#endif

class Mpi : public ::testing::Test {
 protected:
  void SetUp() override {
#ifndef CCSIM_MPIEXEC
    GTEST_SKIP() << "built without MPI";
#endif
    dir_ = fs::temp_directory_path() / ("ccsim-mpi-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::string scenario(const char* name) const {
    return std::string("'") + CCSIM_SOURCE_DIR + "/scenarios/" + name + "'";
  }
  fs::path dir_;
};

TEST_F(Mpi, TwoRanksWriteTheSameJsonAsOneProcess) {
#ifdef CCSIM_MPIEXEC
  const std::string args = scenario("retail-day.json") + " -r 37 -q --json ";
  ASSERT_EQ(shell(std::string("'") + CCSIM_BINARY + "' run " + args + "'" + (dir_ / "one.json").string() + "' 2>/dev/null"), 0);
  ASSERT_EQ(shell(mpirun(2) + "run " + args + "'" + (dir_ / "two.json").string() + "' 2>/dev/null"), 0);
  EXPECT_EQ(ccsim::testing::read_file(dir_ / "one.json"), ccsim::testing::read_file(dir_ / "two.json"));
#endif
}

TEST_F(Mpi, ThreeRanksWithWhatIfsWriteTheSameCsvAsOneProcess) {
#ifdef CCSIM_MPIEXEC
  const std::string args = scenario("retail-day.json") + " -r 21 -q --what-if all --csv ";
  ASSERT_EQ(shell(std::string("'") + CCSIM_BINARY + "' run " + args + "'" + (dir_ / "one.csv").string() + "' 2>/dev/null"), 0);
  ASSERT_EQ(shell(mpirun(3) + "run " + args + "'" + (dir_ / "three.csv").string() + "' 2>/dev/null"), 0);
  EXPECT_EQ(ccsim::testing::read_file(dir_ / "one.csv"), ccsim::testing::read_file(dir_ / "three.csv"));
#endif
}

TEST_F(Mpi, BadInputUnderMpirunExitsNonZero) {
#ifdef CCSIM_MPIEXEC
  EXPECT_NE(shell(mpirun(2) + "run '" + (dir_ / "missing.json").string() + "' >/dev/null 2>&1"), 0);
#endif
}

// A shard under mpirun: its part is the one a single process writes.
TEST_F(Mpi, TwoRanksWriteTheSamePartAsOneProcess) {
#ifdef CCSIM_MPIEXEC
  const std::string args = "run " + scenario("retail-day.json") + " -r 41 --shard 1/2 --out-part ";
  ASSERT_EQ(shell(std::string("'") + CCSIM_BINARY + "' " + args + "'" + (dir_ / "one.json").string() + "' 2>/dev/null"), 0);
  ASSERT_EQ(shell(mpirun(2) + args + "'" + (dir_ / "two.json").string() + "' 2>/dev/null"), 0);
  EXPECT_TRUE(ccsim::testing::read_file(dir_ / "one.json") == ccsim::testing::read_file(dir_ / "two.json"));
#endif
}

// 20 replications a point: two batches, so both ranks simulate.
[[maybe_unused]] std::string sweep_arguments(const std::string& scenario) {
  return "sweep " + scenario +
         " --set /agent_groups/agents/staffing=11:13:1 --set /contact_types/calls/patience/mean_s=120,600"
         " -r 20 --out ";
}

TEST_F(Mpi, TwoRanksWriteTheSameSweepCsvAsOneProcess) {
#ifdef CCSIM_MPIEXEC
  const std::string args = sweep_arguments(scenario("erlang-a.json"));
  ASSERT_EQ(shell(std::string("'") + CCSIM_BINARY + "' " + args + "'" + (dir_ / "one.csv").string() + "' 2>/dev/null"), 0);
  ASSERT_EQ(shell(mpirun(2) + args + "'" + (dir_ / "two.csv").string() + "' 2>/dev/null"), 0);
  const std::string one = ccsim::testing::read_file(dir_ / "one.csv");
  EXPECT_FALSE(one.empty());
  EXPECT_TRUE(one == ccsim::testing::read_file(dir_ / "two.csv"));
#endif
}

TEST_F(Mpi, TwoRanksResumeACutSweepIntoTheUninterruptedFile) {
#ifdef CCSIM_MPIEXEC
  const std::string args = sweep_arguments(scenario("erlang-a.json"));
  ASSERT_EQ(shell(std::string("'") + CCSIM_BINARY + "' " + args + "'" + (dir_ / "whole.csv").string() + "' 2>/dev/null"), 0);
  const std::string whole = ccsim::testing::read_file(dir_ / "whole.csv");
  // Cut inside a line of the third point or so: the partial point goes, the rest is run again.
  std::ofstream(dir_ / "cut.csv", std::ios::binary) << whole.substr(0, whole.size() / 2 + 5);
  ASSERT_EQ(shell(mpirun(2) + args + "'" + (dir_ / "cut.csv").string() + "' --resume 2>/dev/null"), 0);
  EXPECT_TRUE(ccsim::testing::read_file(dir_ / "cut.csv") == whole);
#endif
}

// Refusals are decided before any rank waits for another: every rank exits 2, none hangs.
TEST_F(Mpi, ASweepRefusedUnderMpirunExitsTwo) {
#ifdef CCSIM_MPIEXEC
  const std::string args = sweep_arguments(scenario("erlang-a.json"));
  std::ofstream(dir_ / "there.csv") << "not a sweep\n";
  EXPECT_EQ(shell(mpirun(2) + args + "'" + (dir_ / "there.csv").string() + "' >/dev/null 2>&1"), 2);
  EXPECT_EQ(ccsim::testing::read_file(dir_ / "there.csv"), "not a sweep\n");
  EXPECT_EQ(shell(mpirun(2) + args + "'" + (dir_ / "there.csv").string() + "' --resume >/dev/null 2>&1"), 2);
  EXPECT_EQ(shell(mpirun(2) + "sweep " + scenario("erlang-a.json") + " --set /nowhere=1,2 --out '" +
                  (dir_ / "new.csv").string() + "' >/dev/null 2>&1"),
            2);
  EXPECT_FALSE(fs::exists(dir_ / "new.csv"));
#endif
}

}  // namespace
