#include "testing/command_line.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

namespace ccsim::testing {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void CommandLineTest::SetUp() {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  dir_ = std::filesystem::temp_directory_path() /
         ("ccsim-" + std::string(test->test_suite_name()) + "-" + test->name() + "-" +
          std::to_string(::getpid()));
  std::filesystem::create_directories(dir_);
}

void CommandLineTest::TearDown() { std::filesystem::remove_all(dir_); }

CommandResult CommandLineTest::ccsim(const std::string& args) const { return ccsim("", args); }

CommandResult CommandLineTest::ccsim(const std::string& environment,
                                     const std::string& args) const {
  const auto out = dir_ / "stdout";
  const auto err = dir_ / "stderr";
  // `exec` puts ccsim in the shell's place, so that a signal that ends it ends the command.
  const std::string command = std::string("cd '") + CCSIM_SOURCE_DIR + "' && exec env " +
                              environment + " '" + CCSIM_BINARY + "' " + args + " >'" +
                              out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err),
          WIFSIGNALED(status) ? WTERMSIG(status) : 0};
}

}  // namespace ccsim::testing
