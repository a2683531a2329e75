#include "ccsim/overrides.h"

#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/json_text.h"

namespace ccsim {

Override parse_override(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos)
    throw InputError({{"--set", "", fmt::format("\"{}\" must be POINTER=VALUE", text)}});
  Override result;
  result.pointer = std::string(text.substr(0, equals));
  if (result.pointer.empty() || result.pointer.front() != '/')
    throw InputError({{"--set", "",
                       fmt::format("\"{}\" must start with '/', a JSON pointer such as "
                                   "/agent_groups/tech_team/staffing",
                                   result.pointer)}});
  const std::string_view value = text.substr(equals + 1);
  try {
    result.value = parse_json_text(value, "--set");
  } catch (const InputError&) {
    result.value = std::string(value);  // a word, as typed
  }
  return result;
}

Scenario apply_overrides(const Scenario& scenario, const Overrides& overrides) {
  Scenario changed = scenario;
  for (const Override& o : overrides.sets) changed = changed.with_value(o.pointer, o.value);
  if (overrides.volume) changed = changed.with_volume(*overrides.volume);
  return changed;
}

}  // namespace ccsim
