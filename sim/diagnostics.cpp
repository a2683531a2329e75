#include "ccsim/diagnostics.h"

#include "ccsim/visible_text.h"

namespace ccsim {

std::string Diagnostic::to_string() const {
  // Every part may quote the user (a file name, a CSV header, an id): printed as it is, a line
  // break would start a line that looks like another message, and raw bytes could drive the
  // terminal.
  const std::string shown_file = printable(file);
  const std::string shown_message = printable(message);
  if (where.empty()) return shown_file + ": " + shown_message;
  // A line:column place joins the file name without a space, as compilers print it.
  if (where.front() != '/') return shown_file + ":" + printable(where) + ": " + shown_message;
  return shown_file + ": " + printable(where) + ": " + shown_message;
}

namespace {
std::string first_message(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return "invalid input";
  return diagnostics.front().to_string();
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace ccsim
