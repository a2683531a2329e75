// JSON text to a document: the one place where ccsim parses JSON, so that every file it reads
// (scenarios with their what-ifs, sweep scenarios, stored results given to compare, part files
// given to merge) meets the same rules.
//
// Comments are allowed. A syntax error is reported at its line and column; a document nested
// deeper than `max_json_depth` (which no scenario needs; the schema's deepest value is a few
// levels down) and an object that names a key twice (JSON would silently keep the last) are
// reported at their JSON pointer. The depth limit also keeps every later recursive walk of a
// document (copies, patches, dumps) within the stack.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ccsim {

// The size of the largest scenario file (detail/scenario_limits.h), the default text limit.
inline constexpr std::size_t scenario_text_bytes = 16u << 20;

// Objects and arrays inside one another: `{"a": [1]}` is nested 2 deep.
inline constexpr std::size_t max_json_depth = 64;

// Parses JSON text; throws InputError naming `file` and the place of the first syntax error, the
// too-deep value, or every repeated key. Text over `max_bytes` (by default the scenario file
// limit), and empty text, are refused before parsing.
nlohmann::json parse_json_text(std::string_view text, const std::string& file,
                               std::size_t max_bytes = scenario_text_bytes);

}  // namespace ccsim
