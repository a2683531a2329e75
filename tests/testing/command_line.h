// Running the `ccsim` binary in tests, as a user runs it: from the source root, with a folder of
// its own per test for files and captured output.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace ccsim::testing {

struct CommandResult {
  int exit_code;  // -1 if the command did not exit normally
  std::string out;
  std::string err;
  int signal = 0;  // the signal that ended the command, or 0 if it exited
};

std::string read_file(const std::filesystem::path& path);

class CommandLineTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Runs `ccsim <args>` from the source root (so "scenarios/x.json" works, as in the README).
  CommandResult ccsim(const std::string& args) const;
  // The same with `environment` ("NAME=value ...") added to the command's environment.
  CommandResult ccsim(const std::string& environment, const std::string& args) const;
  // A path in the test's own folder.
  std::filesystem::path file(const std::string& name) const { return dir_ / name; }

  std::filesystem::path dir_;
};

}  // namespace ccsim::testing
