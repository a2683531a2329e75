// Reading scenario files: JSON (comments allowed) -> validated, compiled Model.
//
// Reading walks the document with the JSON pointer of every value in hand and collects every
// problem (wrong type, out of range, unknown key with a "did you mean", reference to an unknown
// contact type, a type no group serves) before throwing one InputError that carries them all.
// The format is described by scenarios/ccsim.schema.json and the README.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ccsim/diagnostics.h"
#include "ccsim/json_text.h"  // parse_json_text, which callers of this header use
#include "ccsim/model.h"

namespace ccsim {

// Reads and compiles a scenario file. Throws InputError (with file and pointer) on any problem,
// including a file that cannot be read or is not valid JSON. Relative paths inside the scenario
// (empirical distributions from CSV) are taken relative to the scenario's folder.
Model load_scenario(const std::filesystem::path& file);

// Parses scenario text; `file` names it in messages, `base_dir` resolves relative paths.
Model parse_scenario(std::string_view text, const std::string& file,
                     const std::filesystem::path& base_dir = {});

// Compiles an already-parsed document (what-if patches produce these).
Model compile_scenario(const nlohmann::json& document, const std::string& file,
                       const std::filesystem::path& base_dir = {});

}  // namespace ccsim
