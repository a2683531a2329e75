// Problems found in input files, each with its place: the file and a JSON pointer (or a line and
// column for syntax errors), what was expected and what was found. Readers collect every problem
// before giving up, so a planner fixes a scenario in one pass; the command line prints them and
// exits with code 2.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace ccsim {

struct Diagnostic {
  std::string file;     // as the user named it
  std::string where;    // a JSON pointer ("/agent_groups/2/staffing/7"), "LINE:COLUMN", or empty
  std::string message;  // "must be a whole number >= 0, got -3"

  // "file: /pointer: message", or "file:LINE:COLUMN: message" for syntax errors, with control
  // characters, invisible characters and bytes that are not UTF-8 escaped (see printable()).
  std::string to_string() const;
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace ccsim
