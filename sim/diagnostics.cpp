#include "ccsim/diagnostics.h"

namespace ccsim {

std::string Diagnostic::to_string() const {
  if (where.empty()) return file + ": " + message;
  // A line:column place joins the file name without a space, as compilers print it.
  if (where.front() != '/') return file + ":" + where + ": " + message;
  return file + ": " + where + ": " + message;
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
