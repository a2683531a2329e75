// A scenario file read once: its text, parsed document and folder, from which the baseline Model
// and each what-if are compiled when they are asked for.
//
// Reading and parsing cost little; compiling costs more, and a what-if costs about what the
// scenario does, so a file with ten what-ifs would cost eleven compilations if all were compiled
// on reading. Each is compiled only when run; `check` (what `ccsim validate` does) compiles them
// all. Every command, the Python module and the staffing search load files this one way.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/compile.h"
#include "ccsim/diagnostics.h"
#include "ccsim/json_text.h"  // parse_json_text, which callers of this header use
#include "ccsim/model.h"

namespace ccsim {

class Scenario {
 public:
  // Reads and parses a file. Throws InputError (file, line and column) when it cannot be read or
  // is not valid JSON; messages name the file as given, and its folder resolves relative paths.
  static Scenario read(const std::filesystem::path& file);
  // Parses text; `file` names it in messages, `base_dir` resolves relative paths.
  static Scenario parse(std::string_view text, std::string file, std::filesystem::path base_dir = {});
  // A document built in code or by a program (a Python dict, a patched copy).
  Scenario(nlohmann::json document, std::string file, std::filesystem::path base_dir = {});

  const nlohmann::json& document() const { return document_; }
  const std::string& file() const { return file_; }
  const std::filesystem::path& base_dir() const { return base_dir_; }
  // The baseline. Throws InputError with every problem.
  Model compile() const;

  // The names of the what-ifs, in the order of the "what_if" object (by name).
  std::vector<std::string> what_if_names() const;
  // What-if `name` applied and compiled; problems are reported at their place in the file when a
  // patch wrote the value (see compile_what_if in what_if.h).
  Model compile_what_if(const std::string& name) const;
  // As compile_what_if, refused too when its results cannot be paired with `base` cell by cell
  // (other contact types, groups or intervals): what `ccsim run --what-if` runs beside a baseline.
  Model compile_comparable_what_if(const std::string& name, const Model& base) const;
  // The scenario with what-if `name` applied and "what_if" removed, to change further or compile.
  Scenario with_what_if(const std::string& name) const;

  // The scenario with `patch` applied (a merge patch object or a JSON Patch array, paths by id or
  // index, as in a what-if); its what-ifs are kept. `origin` names the change in messages.
  Scenario patched(const nlohmann::json& patch, const std::string& origin = "patch") const;
  // The scenario with the value at `pointer` ("/agent_groups/agents/staffing") set to `value`,
  // as `--set POINTER=VALUE` does.
  Scenario with_value(const std::string& pointer, const nlohmann::json& value) const;

  // The scenario with every contact type's arrival rates multiplied by `factor` (its arrivals'
  // "scale", 1 when absent, times factor), as `--volume 1.2` does. Types that replay recorded
  // arrival times cannot be scaled and are refused by name.
  Scenario with_volume(double factor) const;

  // Compiles the baseline and every what-if, as comparable with it, and throws one InputError
  // with the problems of all of them: `ccsim validate`. Returns the baseline.
  Model check() const;

 private:
  nlohmann::json document_;
  std::string file_;
  std::filesystem::path base_dir_;
};

// Reads and checks a whole file, every what-if included (Scenario::read(file).check() without the
// pairing check): for tests and tools that want a file refused for any problem in it.
Model load_scenario(const std::filesystem::path& file);
Model parse_scenario(std::string_view text, const std::string& file,
                     const std::filesystem::path& base_dir = {});

}  // namespace ccsim
