// Compiling a scenario document (parsed JSON) into a Model: the step below both a loaded file
// (scenario.h) and a what-if (what_if.h), so that neither header needs the other to reach it.
//
// Compiling walks the document with the JSON pointer of every value in hand and collects every
// problem (wrong type, out of range, unknown key with a "did you mean", reference to an unknown
// contact type, a type no group serves) before throwing one InputError that carries them all.
// The format is described by scenarios/ccsim.schema.json and the README.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "ccsim/diagnostics.h"
#include "ccsim/model.h"

namespace ccsim {

// `file` names the document in messages; `base_dir` resolves the relative paths inside it
// (empirical distributions and replayed arrivals from CSV).
Model compile_scenario(const nlohmann::json& document, const std::string& file,
                       const std::filesystem::path& base_dir = {});

}  // namespace ccsim
