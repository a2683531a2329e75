#include "seed_option.h"

#include "ccsim/seed_text.h"

namespace ccsim::cli {

CLI::Option* add_seed_option(CLI::App* command, const std::string& names,
                             std::optional<std::uint64_t>& seed, const std::string& help) {
  // The check sees the text before CLI11 converts it, and CLI11's own conversion of "-1" to an
  // unsigned number wraps.
  const CLI::Validator whole_seed(
      [](std::string& text) { return read_seed_text(text).error; }, "UINT64");
  return command->add_option(names, seed, help)->check(whole_seed);
}

}  // namespace ccsim::cli
