// Scenario files as text: reading them and parsing them (json_text.cpp). The document itself is
// checked and compiled in scenario_reader.cpp.
#include "ccsim/scenario.h"

#include "ccsim/detail/scenario_limits.h"
#include "ccsim/detail/text_file.h"
#include "ccsim/json_text.h"
#include "ccsim/what_if.h"

namespace ccsim {

using Json = nlohmann::json;

Model parse_scenario(std::string_view text, const std::string& file,
                     const std::filesystem::path& base_dir) {
  const Json document = parse_json_text(text, file);
  Model model = compile_scenario(document, file, base_dir);
  // A file is only as good as its what-ifs: a broken one is reported whenever the file is read.
  check_what_ifs(document, file, base_dir);
  return model;
}

Model load_scenario(const std::filesystem::path& file) {
  const std::string label = file.string();
  const detail::TextFile read = detail::read_text_file(file, detail::limits::scenario_file_bytes);
  if (!read.error.empty()) throw InputError({{label, "", "cannot read file: " + read.error}});
  return parse_scenario(read.text, label, file.parent_path());
}

}  // namespace ccsim
