// Scenario files as text: reading them once and parsing them (json_text.cpp). The document is
// checked and compiled in reader/scenario_reader.cpp, what-ifs applied in what_if.cpp.
#include "ccsim/scenario.h"

#include <cmath>
#include <utility>

#include <fmt/core.h>

#include "ccsim/detail/scenario_limits.h"
#include "ccsim/detail/text_file.h"
#include "ccsim/json_text.h"
#include "ccsim/what_if.h"

namespace ccsim {

Scenario::Scenario(nlohmann::json document, std::string file, std::filesystem::path base_dir)
    : document_(std::move(document)), file_(std::move(file)), base_dir_(std::move(base_dir)) {}

Scenario Scenario::parse(std::string_view text, std::string file, std::filesystem::path base_dir) {
  nlohmann::json document = parse_json_text(text, file);
  return Scenario(std::move(document), std::move(file), std::move(base_dir));
}

Scenario Scenario::read(const std::filesystem::path& file) {
  const std::string label = file.string();
  const detail::TextFile read = detail::read_text_file(file, detail::limits::scenario_file_bytes);
  if (!read.error.empty()) throw InputError({{label, "", "cannot read file: " + read.error}});
  return parse(read.text, label, file.parent_path());
}

Model Scenario::compile() const { return compile_scenario(document_, file_, base_dir_); }

std::vector<std::string> Scenario::what_if_names() const { return ccsim::what_if_names(document_); }

Model Scenario::compile_what_if(const std::string& name) const {
  return ccsim::compile_what_if(document_, name, file_, base_dir_);
}

Model Scenario::compile_comparable_what_if(const std::string& name, const Model& base) const {
  return ccsim::compile_comparable_what_if(document_, base, name, file_, base_dir_);
}

Scenario Scenario::with_what_if(const std::string& name) const {
  return Scenario(apply_what_if(document_, name, file_), file_, base_dir_);
}

Scenario Scenario::patched(const nlohmann::json& patch, const std::string& origin) const {
  return Scenario(apply_patch(document_, patch, file_, origin), file_, base_dir_);
}

Scenario Scenario::with_value(const std::string& pointer, const nlohmann::json& value) const {
  // "add" would insert into an array where a planner means to replace an interval's value.
  bool exists = false;
  try {
    exists = document_.contains(resolve_id_pointer(document_, pointer, file_));
  } catch (const InputError&) {
    // Applying the patch reports it, naming the option.
  }
  const nlohmann::json patch = {
      {{"op", exists ? "replace" : "add"}, {"path", pointer}, {"value", value}}};
  return patched(patch, "--set " + pointer);
}

Scenario Scenario::with_volume(double factor) const {
  const std::string origin = fmt::format("--volume {}", factor);
  if (!std::isfinite(factor) || factor < 0)
    throw InputError({{file_, "", origin + ": must be a number >= 0"}});
  nlohmann::json patch = nlohmann::json::array();
  const auto types = document_.find("contact_types");
  if (types != document_.end() && types->is_array()) {
    for (std::size_t t = 0; t < types->size(); ++t) {
      const nlohmann::json& type = (*types)[t];
      const auto arrivals = type.find("arrivals");
      if (!type.is_object() || arrivals == type.end() || !arrivals->is_object()) continue;
      if (arrivals->contains("times_s") || arrivals->contains("file"))
        throw InputError({{file_, fmt::format("/contact_types/{}/arrivals", t),
                           origin + ": replays recorded arrival times, which cannot be scaled"}});
      const auto scale = arrivals->find("scale");
      if (scale != arrivals->end() && !scale->is_number()) continue;  // compiling says what is wrong
      const double now = scale != arrivals->end() && scale->is_number() ? scale->get<double>() : 1.0;
      patch.push_back({{"op", "add"},
                       {"path", fmt::format("/contact_types/{}/arrivals/scale", t)},
                       {"value", now * factor}});
    }
  }
  return patched(patch, origin);
}

Model Scenario::check() const {
  Model model = compile();
  check_comparable_what_ifs(document_, model, file_, base_dir_);
  return model;
}

Model parse_scenario(std::string_view text, const std::string& file,
                     const std::filesystem::path& base_dir) {
  const Scenario scenario = Scenario::parse(text, file, base_dir);
  Model model = scenario.compile();
  check_what_ifs(scenario.document(), file, base_dir);
  return model;
}

Model load_scenario(const std::filesystem::path& file) {
  const Scenario scenario = Scenario::read(file);
  Model model = scenario.compile();
  check_what_ifs(scenario.document(), scenario.file(), scenario.base_dir());
  return model;
}

}  // namespace ccsim
