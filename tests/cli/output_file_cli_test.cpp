// Output files end to end (include/ccsim/output_file.h): what every kind of target gets, what is
// refused before a run and why, and what a full disk or a SIGTERM leaves.
//
// Devices are made in the test's own folder with mknod (the numbers of /dev/null and /dev/full),
// so that a broken build replaces a test file, not the machine's /dev/null. Read-only and full
// file systems are small tmpfs mounts in a private mount namespace of a forked child: the tests
// run as root, whom permission bits do not stop, and the namespace keeps the mounts from anyone
// else.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>

#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/command_line.h"

namespace {

namespace fs = std::filesystem;
using ccsim::testing::CommandResult;
using ccsim::testing::read_file;

// Exit codes of the forked child when the namespace or the mount is not permitted.
constexpr int no_namespace = 77;
constexpr int no_mount = 78;

class OutputFiles : public ccsim::testing::CommandLineTest {
 protected:
  // Outputs go in a folder of their own, so that listing it shows every file a run left.
  void SetUp() override {
    CommandLineTest::SetUp();
    fs::create_directory(out_dir());
  }
  fs::path out_dir() const { return file("out"); }
  std::string out(const std::string& name) const { return (out_dir() / name).string(); }

  CommandResult run(const std::string& outputs) const {
    return ccsim("run scenarios/erlang-c.json -r 2 -q " + outputs);
  }
  CommandResult run(const std::string& environment, const std::string& outputs) const {
    return ccsim(environment, "run scenarios/erlang-c.json -r 2 -q " + outputs);
  }

  std::set<std::string> files_in(const fs::path& folder) const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
    return names;
  }

  // Makes a character device like /dev/null (1, 3) or /dev/full (1, 7) in the output folder.
  bool make_device(const std::string& name, unsigned minor) const {
    return ::mknod(out(name).c_str(), S_IFCHR | 0666, makedev(1, minor)) == 0;
  }

  // Runs `body` in a forked child whose private mount namespace has a tmpfs with `options`
  // (and `flags`, such as MS_RDONLY) on the output folder. Returns the child's exit code.
  int in_tmpfs(const std::string& options, unsigned long flags, const std::function<int()>& body) const {
    return in_tmpfs_on(out_dir(), options, flags, body);
  }
  int in_tmpfs_on(const fs::path& where, const std::string& options, unsigned long flags,
                  const std::function<int()>& body) const {
    const pid_t child = ::fork();
    if (child == 0) {
      if (::unshare(CLONE_NEWNS) != 0) ::_exit(no_namespace);
      if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) ::_exit(no_mount);
      if (::mount("tmpfs", where.c_str(), "tmpfs", flags, options.c_str()) != 0) ::_exit(no_mount);
      ::_exit(body());
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

bool is_ccsim_json(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  return !j.is_discarded() && j.contains("overall") && j.contains("replications");
}

// ---- devices, FIFOs, standard output ------------------------------------------------------------

TEST_F(OutputFiles, ANullDeviceIsWrittenThroughAndStaysADevice) {
  if (!make_device("null", 3)) GTEST_SKIP() << "mknod is not permitted here";
  const CommandResult r = run("--json " + out("null"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat status {};
  ASSERT_EQ(::lstat(out("null").c_str(), &status), 0);
  EXPECT_TRUE(S_ISCHR(status.st_mode));
  EXPECT_EQ(status.st_rdev, makedev(1, 3));
  EXPECT_EQ(files_in(out_dir()), std::set<std::string>{"null"});
}

TEST_F(OutputFiles, AFullDeviceFailsSayingThereIsNoSpace) {
  if (!make_device("full", 7)) GTEST_SKIP() << "mknod is not permitted here";
  const CommandResult r = run("--json " + out("full"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "--json " + out("full") + ": cannot write: no space left on device\n");
  struct stat status {};
  ASSERT_EQ(::lstat(out("full").c_str(), &status), 0);
  EXPECT_TRUE(S_ISCHR(status.st_mode));
}

TEST_F(OutputFiles, AFifoHandsTheJsonToItsReader) {
  ASSERT_EQ(::mkfifo(out("pipe").c_str(), 0600), 0);
  // The reader is open before ccsim starts, so ccsim's open does not wait; the pipe is made
  // large enough to hold the whole output, since this test reads only once ccsim has ended.
  const int reader = ::open(out("pipe").c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  ASSERT_GE(::fcntl(reader, F_SETPIPE_SZ, 1 << 20), 1 << 20);
  const CommandResult r = run("--detail total --json " + out("pipe"));
  std::string received;
  char buffer[4096];
  for (ssize_t n; (n = ::read(reader, buffer, sizeof buffer)) > 0;) received.append(buffer, static_cast<std::size_t>(n));
  ::close(reader);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(is_ccsim_json(received)) << received.substr(0, 200);
  struct stat status {};
  ASSERT_EQ(::lstat(out("pipe").c_str(), &status), 0);
  EXPECT_TRUE(S_ISFIFO(status.st_mode));
}

TEST_F(OutputFiles, ADashWritesToStandardOutput) {
  const CommandResult r = run("--detail total --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(is_ccsim_json(r.out)) << r.out.substr(0, 200);
  EXPECT_EQ(files_in(out_dir()), std::set<std::string>{});
}

// Here standard output is a regular file (the test harness redirects it). /dev/stdout leads to
// that file, yet replacing the file would cut it from the descriptor the table is then printed
// to: both must arrive, the JSON first. The run sees a /dev of its own (a tmpfs holding only the
// stdout link), so that an implementation that replaced the link would damage nothing else.
TEST_F(OutputFiles, DevStdoutWritesToTheDescriptorEvenWhenItIsAFile) {
  constexpr int link_replaced = 99;
  const int code = in_tmpfs_on("/dev", "size=64k", 0, [&] {
    fs::create_symlink("/proc/self/fd/1", "/dev/stdout");
    const int exit_code = ccsim("run scenarios/erlang-c.json -r 2 --detail total --json /dev/stdout").exit_code;
    return fs::is_symlink("/dev/stdout") ? exit_code : link_replaced;
  });
  if (code == no_namespace || code == no_mount) GTEST_SKIP() << "private mount namespaces are not permitted here";
  ASSERT_EQ(code, 0) << read_file(file("stderr"));
  const std::string out = read_file(file("stdout"));
  EXPECT_TRUE(out.starts_with("{")) << out.substr(0, 200);
  EXPECT_NE(out.find("\"overall\""), std::string::npos);
  EXPECT_NE(out.find("\nerlang-c: 2 replications, seed 1"), std::string::npos) << "no table after the JSON";
}

// ---- regular files ------------------------------------------------------------------------------

TEST_F(OutputFiles, ASymlinkStaysALinkAndTheFileItNamesGetsTheResults) {
  std::ofstream(out("real.json")) << "old\n";
  fs::create_symlink("real.json", out("link.json"));
  const CommandResult r = run("--json " + out("link.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(out("link.json")));
  EXPECT_EQ(fs::read_symlink(out("link.json")), "real.json");
  EXPECT_TRUE(is_ccsim_json(read_file(out("real.json"))));
  EXPECT_EQ(files_in(out_dir()), (std::set<std::string>{"link.json", "real.json"}));
}

TEST_F(OutputFiles, ADanglingSymlinkMakesTheFileItNames) {
  fs::create_symlink("made.json", out("link.json"));
  const CommandResult r = run("--json " + out("link.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(out("link.json")));
  EXPECT_TRUE(is_ccsim_json(read_file(out("made.json"))));
}

TEST_F(OutputFiles, AReplacedFileKeepsItsPermissions) {
  std::ofstream(out("s.json")) << "old\n";
  ASSERT_EQ(::chmod(out("s.json").c_str(), 0640), 0);
  const CommandResult r = run("--json " + out("s.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat status {};
  ASSERT_EQ(::stat(out("s.json").c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 07777, 0640u);
  EXPECT_TRUE(is_ccsim_json(read_file(out("s.json"))));
}

// ---- refused before the run ---------------------------------------------------------------------
// Each message is the whole of standard error: the run's own line ("2 replications, ... events")
// comes only after the simulation, so its absence shows that nothing ran.

TEST_F(OutputFiles, AMissingFolderIsRefusedBeforeTheRun) {
  const CommandResult r = run("--json " + out("missing/s.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "--json " + out("missing/s.json") + ": the folder " + out("missing") + " does not exist\n");
}

TEST_F(OutputFiles, AFileWhereAFolderShouldBeIsRefusedBeforeTheRun) {
  std::ofstream(out("notes.txt")) << "notes\n";
  const CommandResult r = run("--csv " + out("notes.txt/s.csv"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "--csv " + out("notes.txt/s.csv") + ": " + out("notes.txt") + " is not a folder\n");
}

TEST_F(OutputFiles, AFolderAsTheTargetIsRefusedBeforeTheRun) {
  const CommandResult r = run("--json " + out_dir().string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "--json " + out_dir().string() + ": is a folder, not a file\n");
}

TEST_F(OutputFiles, AnEmptyPathIsRefusedBeforeTheRun) {
  const CommandResult r = run("--json ''");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "--json: the path is empty\n");
}

TEST_F(OutputFiles, TwoOptionsNamingOneFileAreRefusedBeforeTheRun) {
  fs::create_symlink("s.out", out("alias.out"));
  const CommandResult r = run("--json " + out("s.out") + " --csv " + out("alias.out"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "--csv " + out("alias.out") + ": is the same file as the --json output\n");
  EXPECT_FALSE(fs::exists(out("s.out")));
}

TEST_F(OutputFiles, AReadOnlyFolderIsRefusedBeforeTheRun) {
  const int code = in_tmpfs("size=64k", MS_RDONLY, [&] { return run("--json " + out("s.json")).exit_code; });
  if (code == no_namespace || code == no_mount) GTEST_SKIP() << "private mount namespaces are not permitted here";
  EXPECT_EQ(code, 2);
  EXPECT_EQ(read_file(file("stderr")),
            "--json " + out("s.json") + ": cannot write in the folder " + out_dir().string() +
                ": read-only file system\n");
}

TEST_F(OutputFiles, EveryCommandChecksItsOutputsBeforeItRuns) {
  const std::string missing = out("missing/x.json");
  const std::string expected = ": the folder " + out("missing") + " does not exist\n";
  const CommandResult compare = ccsim("compare scenarios/erlang-c.json scenarios/erlang-c.json --json " + missing);
  EXPECT_EQ(compare.exit_code, 2);
  EXPECT_EQ(compare.err, "--json " + missing + expected);
  const CommandResult sweep =
      ccsim("sweep scenarios/erlang-c.json --set /agent_groups/agents/staffing=11,12 --out " + out("missing/x.csv"));
  EXPECT_EQ(sweep.exit_code, 2);
  EXPECT_EQ(sweep.err, "--out " + out("missing/x.csv") + ": the folder " + out("missing") + " does not exist\n");
  const CommandResult shard = ccsim("run scenarios/erlang-c.json -r 2 --shard 0/2 --out-part " + missing);
  EXPECT_EQ(shard.exit_code, 2);
  EXPECT_EQ(shard.err, "--out-part " + missing + expected);
}

// ---- a full disk --------------------------------------------------------------------------------

// On a file system with no room left, the old file stays as it was and no temporary stays beside
// it, whether the temporary had no name (O_TMPFILE) or a name.
TEST_F(OutputFiles, AFullFileSystemLeavesTheOldFileWholeAndNoTemporary) {
  for (const std::string environment : {"", "CCSIM_OUTPUT_NAMED_TEMPORARIES=1"}) {
    const int code = in_tmpfs("size=64k", 0, [&] {
      std::ofstream(out("s.json")) << "old\n";
      // Fill every page that is left.
      const int filler = ::open(out("filler").c_str(), O_WRONLY | O_CREAT, 0600);
      const std::string page(4096, 'x');
      while (::write(filler, page.data(), page.size()) > 0) {
      }
      ::close(filler);
      const int exit_code = run(environment, "--json " + out("s.json")).exit_code;
      std::ofstream after(file("after"));
      for (const std::string& name : files_in(out_dir())) after << name << '\n';
      after << read_file(out("s.json"));
      return exit_code;
    });
    if (code == no_namespace || code == no_mount) GTEST_SKIP() << "private mount namespaces are not permitted here";
    EXPECT_EQ(code, 2) << environment;
    EXPECT_EQ(read_file(file("stderr")), "--json " + out("s.json") + ": cannot write: no space left on device\n")
        << environment;
    EXPECT_EQ(read_file(file("after")), "filler\ns.json\nold\n") << environment;
  }
}

// ---- SIGTERM ------------------------------------------------------------------------------------
// CCSIM_OUTPUT_SIGTERM (a hook for tests in sim/output_file.cpp) raises SIGTERM at a known point;
// CCSIM_OUTPUT_NAMED_TEMPORARIES=1 makes the temporaries named files, which only the handler can
// remove (an O_TMPFILE one has no name to leave behind).

TEST_F(OutputFiles, SigtermBeforeTheCommitLeavesBothOldFilesAndNoTemporary) {
  for (const std::string named : {"", "CCSIM_OUTPUT_NAMED_TEMPORARIES=1"}) {
    std::ofstream(out("s.json")) << "old json\n";
    std::ofstream(out("s.csv")) << "old csv\n";
    const CommandResult r =
        run("CCSIM_OUTPUT_SIGTERM=before-commit " + named, "--json " + out("s.json") + " --csv " + out("s.csv"));
    EXPECT_EQ(r.signal, SIGTERM) << named << ": exit code " << r.exit_code << ": " << r.err;
    EXPECT_EQ(read_file(out("s.json")), "old json\n") << named;
    EXPECT_EQ(read_file(out("s.csv")), "old csv\n") << named;
    EXPECT_EQ(files_in(out_dir()), (std::set<std::string>{"s.csv", "s.json"})) << named;
  }
}

// A SIGTERM that arrives between the two renames waits for the second: both files are new, and
// the process still ends by the signal.
TEST_F(OutputFiles, SigtermDuringTheCommitLeavesBothNewFilesAndNoTemporary) {
  for (const std::string named : {"", "CCSIM_OUTPUT_NAMED_TEMPORARIES=1"}) {
    std::ofstream(out("s.json")) << "old json\n";
    std::ofstream(out("s.csv")) << "old csv\n";
    const CommandResult r =
        run("CCSIM_OUTPUT_SIGTERM=during-commit " + named, "--json " + out("s.json") + " --csv " + out("s.csv"));
    EXPECT_EQ(r.signal, SIGTERM) << named << ": exit code " << r.exit_code << ": " << r.err;
    EXPECT_TRUE(is_ccsim_json(read_file(out("s.json")))) << named;
    EXPECT_TRUE(read_file(out("s.csv")).starts_with("scope,id,interval,start,kpi,mean,ci95,n\n")) << named;
    EXPECT_EQ(files_in(out_dir()), (std::set<std::string>{"s.csv", "s.json"})) << named;
  }
}

}  // namespace
