// What-ifs: patches applied with nlohmann/json (paths by id resolved in id_pointer.cpp), and
// problems reported at their place in the scenario file.
#include "ccsim/what_if.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "ccsim/detail/json_cursor.h"
#include "sim/json_pointer_steps.h"
#include "ccsim/detail/scenario_limits.h"
#include "ccsim/diagnostics.h"
#include "ccsim/json_text.h"
#include "ccsim/paired.h"
#include "ccsim/compile.h"

namespace ccsim {

namespace {

using Json = nlohmann::json;
using Pointer = Json::json_pointer;
using detail::show;
using detail::all_digits;
using detail::find;
using detail::place;
using detail::steps_of;

const std::vector<std::string> operations = {"add", "remove", "replace", "move", "copy", "test"};

[[noreturn]] void fail(const std::string& file, std::string where, std::string message) {
  throw InputError({{file, std::move(where), std::move(message)}});
}



struct WhatIf {
  const Json* patch = nullptr;
  Pointer at;  // "/what_if/NAME" in the file
};

WhatIf find_what_if(const Json& document, const std::string& name, const std::string& file) {
  // Looked up directly: checking each of N what-ifs must not list all N names each time.
  const Json* what_ifs = document.is_object() && document.contains("what_if")
                             ? &document["what_if"]
                             : nullptr;
  if (!what_ifs || !what_ifs->is_object() || !what_ifs->contains(name)) {
    const std::vector<std::string> names = what_if_names(document);
    std::string message = "no such what-if";
    if (names.empty()) {
      message += " (the scenario has none)";
    } else {
      if (const auto near = detail::nearest_name(name, names))
        message += fmt::format(", did you mean \"{}\"?", *near);
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      message += fmt::format(" (what-ifs: {})", list);
    }
    fail(file, "", fmt::format("what-if {}: {}", show(Json(name)), message));
  }
  return {&document["what_if"][name], Pointer("/what_if") / name};
}

// How much of a document a value is: its values (itself included) and how many levels of
// objects and arrays it nests. The walk never goes deeper than one level past the limit, so it is
// safe on any document, however it was built.
struct Extent {
  std::size_t values = 0;
  std::size_t depth = 0;
};

Extent extent_of(const Json& value, std::size_t level = 0) {
  Extent extent{1, 0};
  if (!value.is_structured() || value.empty()) {
    extent.depth = value.is_structured() ? 1 : 0;
    return extent;
  }
  if (level >= max_json_depth) return {1, max_json_depth + 1};
  for (const Json& element : value) {
    const Extent inner = extent_of(element, level + 1);
    extent.values += inner.values;
    extent.depth = std::max(extent.depth, inner.depth + 1);
  }
  return extent;
}

std::size_t steps_in(const Pointer& pointer) { return steps_of(pointer).size(); }

// Where each JSON Patch operation wrote a value, to find a problem's place in the file.
struct Written {
  Pointer path;   // in the patched document
  Pointer value;  // in the file: /what_if/NAME/K/value
};

// The string member `key` of operation `op` (at `at`), resolved as an id pointer.
Pointer operation_pointer(const Json& document, const Json& op, const std::string& key,
                          const Pointer& at, const std::string& file) {
  const auto it = op.find(key);
  if (it == op.end()) fail(file, at.to_string(), fmt::format("missing key \"{}\"", key));
  const Pointer where = at / key;
  if (!it->is_string())
    fail(file, where.to_string(),
         fmt::format("must be a JSON pointer such as \"/contact_types/billing/arrivals/scale\", "
                     "got {}",
                     show(*it)));
  try {
    return resolve_id_pointer(document, it->get<std::string>(), file);
  } catch (const InputError& e) {
    fail(file, where.to_string(), e.diagnostics().front().message);
  }
}

// Refuses an operation that would nest the document deeper than a parsed file may be, or make it
// hold more than `budget` values; `values` counts the document's values and is brought up to
// date. Checked before the operation runs, so the copy is never made.
void check_growth(const Json& document, std::size_t& values, std::size_t budget,
                  const std::string& name, const Pointer& path, const Json& op,
                  const Json& resolved, const Pointer& at, const std::string& file) {
  // What sits at `path` now and is replaced (or removed): nothing when adding into an array.
  const Json* parent = path.empty() ? nullptr : find(document, path.parent_pointer());
  const bool inserts = parent && parent->is_array() && name != "replace" && name != "remove";
  const Json* replaced = inserts ? nullptr : find(document, path);
  const std::size_t removed = replaced ? extent_of(*replaced).values : 0;
  if (name == "remove") {
    values -= std::min(values, removed);
    return;
  }
  const Json* from =
      resolved.contains("from") ? find(document, Pointer(resolved["from"].get<std::string>()))
                                : nullptr;
  const Json& inserted = name == "move" || name == "copy" ? *from : op["value"];
  const Extent extent = extent_of(inserted);
  if (steps_in(path) + extent.depth > max_json_depth)
    fail(file, at.to_string(),
         fmt::format("{} would nest the scenario deeper than {} levels of objects and arrays, "
                     "the limit",
                     name, max_json_depth));
  if (name == "test") return;  // compared (recursively, hence the depth check), not written
  const std::size_t added = name == "move" ? 0 : extent.values;
  const std::size_t after = values - std::min(values, removed) + added;
  if (after > budget)
    fail(file, at.to_string(),
         fmt::format("{} would make the what-if add more than {} values to the scenario, the "
                     "limit",
                     name, detail::limits::what_if_added_values));
  values = after;
}

// Applies one JSON Patch operation, checking first what nlohmann/json would refuse less clearly.
void apply_operation(Json& document, std::size_t& values, std::size_t budget, const Json& op,
                     const Pointer& at, const std::string& file, std::vector<Written>& written) {
  if (!op.is_object())
    fail(file, at.to_string(),
         fmt::format(R"(must be an operation such as {{"op": "replace", "path": "...", )"
                     R"("value": ...}}, got {})",
                     show(op)));
  const auto op_it = op.find("op");
  if (op_it == op.end()) fail(file, at.to_string(), "missing key \"op\"");
  const auto kind = std::find(operations.begin(), operations.end(),
                              op_it->is_string() ? op_it->get<std::string>() : std::string());
  if (kind == operations.end())
    fail(file, (at / "op").to_string(),
         fmt::format("must be one of {}, got {}", detail::quoted_list(operations, "or"),
                     show(*op_it)));
  const std::string& name = *kind;
  const Pointer path = operation_pointer(document, op, "path", at, file);
  const std::string path_where = (at / "path").to_string();
  const bool needs_value = name == "add" || name == "replace" || name == "test";
  if (needs_value && !op.contains("value")) fail(file, at.to_string(), "missing key \"value\"");

  Json resolved = {{"op", name}, {"path", path.to_string()}};
  if (name == "move" || name == "copy") {
    const Pointer from = operation_pointer(document, op, "from", at, file);
    if (!find(document, from))
      fail(file, (at / "from").to_string(), fmt::format("nothing at {} to {}", place(from), name));
    resolved["from"] = from.to_string();
  }

  if (name == "add" || name == "move" || name == "copy") {
    // The last step may be new, but it needs an object or array to go into.
    if (!path.empty()) {
      const Json* parent = find(document, path.parent_pointer());
      if (!parent || !(parent->is_object() || parent->is_array()))
        fail(file, path_where,
             fmt::format("nothing at {} to {} into", place(path.parent_pointer()), name));
    }
  } else if (!find(document, path)) {
    std::string message = fmt::format("nothing at {} to {}", place(path), name);
    const Json* parent = path.empty() ? nullptr : find(document, path.parent_pointer());
    if (name == "replace" && parent && parent->is_object())
      message += " (\"add\" sets a key that the file leaves out)";
    fail(file, path_where, message);
  }

  if (name == "move" && path.to_string().starts_with(resolved["from"].get<std::string>() + "/"))
    fail(file, path_where,
         fmt::format("cannot move a value into its own child ({} is inside {})", place(path),
                     place(Pointer(resolved["from"].get<std::string>()))));
  check_growth(document, values, budget, name, path, op, resolved, at, file);
  // Only now copied: the value's depth is known to be within the limit.
  if (needs_value) resolved["value"] = op["value"];

  if (name == "test") {
    if (*find(document, path) != op["value"])
      fail(file, at.to_string(),
           fmt::format("test failed: {} is {}, not {}", place(path), show(*find(document, path)),
                       show(op["value"])));
    return;
  }
  try {
    // In place: a copy of the whole document for every operation would make long patches
    // quadratic.
    document.patch_inplace(Json::array({resolved}));
  } catch (const Json::exception& e) {
    // What is left: moving a value into itself, an index past the end of an array.
    std::string message = e.what();
    if (const auto end = message.find("] "); end != std::string::npos) message.erase(0, end + 2);
    fail(file, at.to_string(), "cannot apply: " + message);
  }
  // Removing, moving or inserting into an array shifts what earlier operations wrote; forget
  // them rather than point at the wrong place.
  const Json* parent = path.empty() ? nullptr : find(document, path.parent_pointer());
  if (name == "remove" || name == "move" || (parent && parent->is_array() && name != "replace"))
    written.clear();
  if (name == "add" || name == "replace") written.push_back({path, at / "value"});
}

// The place in the file of a problem at `where` in the patched document: the patch value it lies
// in, if a patch wrote it.
std::optional<std::string> place_in_file(const std::string& where, const Json& patch,
                                         const Pointer& at, const std::vector<Written>& written) {
  if (where.empty() || where.front() != '/') return std::nullopt;
  Pointer problem;
  try {
    problem = Pointer(where);
  } catch (const Json::exception&) {
    return std::nullopt;
  }
  if (patch.is_object()) {
    // A merge patch mirrors the document: the value is in the patch if its path is.
    if (find(patch, problem)) return (at / problem).to_string();
    return std::nullopt;
  }
  // The last operation that wrote at or above the problem's place.
  for (auto w = written.rbegin(); w != written.rend(); ++w) {
    const std::string path = w->path.to_string();
    if (where == path || where.starts_with(path + "/"))
      return w->value.to_string() + where.substr(path.size());
  }
  return std::nullopt;
}

Json apply(const Json& document, const WhatIf& what_if, const std::string& file,
           std::vector<Written>& written) {
  // Copied member by member without "what_if": copying it too would make checking N what-ifs
  // cost N copies of all N patches.
  Json patched = Json::object();
  for (auto it = document.begin(); it != document.end(); ++it)
    if (it.key() != "what_if") patched[it.key()] = it.value();
  const Json& patch = *what_if.patch;
  if (patch.is_object()) {
    // merge_patch recurses through the patch; a parsed file is never too deep, a built one may be.
    if (extent_of(patch).depth > max_json_depth)
      fail(file, what_if.at.to_string(),
           fmt::format("nested deeper than {} levels of objects and arrays, the limit",
                       max_json_depth));
    patched.merge_patch(patch);
  } else if (patch.is_array()) {
    std::size_t values = extent_of(patched).values;
    const std::size_t budget = values + detail::limits::what_if_added_values;
    for (std::size_t i = 0; i < patch.size(); ++i)
      apply_operation(patched, values, budget, patch[i], what_if.at / i, file, written);
    // The scenario is an object; an operation that replaced the whole of it is where to look.
    if (!patched.is_object()) {
      const auto root = std::find_if(written.rbegin(), written.rend(),
                                     [](const Written& w) { return w.path.empty(); });
      fail(file, root != written.rend() ? root->value.to_string() : what_if.at.to_string(),
           fmt::format("must be an object (the whole scenario), got {}", show(patched)));
    }
  } else {
    fail(file, what_if.at.to_string(),
         fmt::format("must be an object (merge patch) or an array (JSON patch), got {}",
                     show(patch)));
  }
  // A patch could put a what_if back; the patched scenario has none of its own.
  if (patched.is_object()) patched.erase("what_if");
  return patched;
}

}  // namespace


std::vector<std::string> what_if_names(const Json& document) {
  std::vector<std::string> names;
  if (!document.is_object()) return names;
  const auto it = document.find("what_if");
  if (it == document.end() || !it->is_object()) return names;
  for (const auto& [name, patch] : it->items()) names.push_back(name);
  return names;
}

Json apply_patch(const Json& document, const Json& patch, const std::string& file,
                 const std::string& origin) {
  std::vector<Written> written;
  const Json what_ifs = document.is_object() && document.contains("what_if") ? document["what_if"]
                                                                               : Json();
  try {
    Json patched = apply(document, {&patch, Pointer()}, file, written);
    if (!what_ifs.is_null()) patched["what_if"] = what_ifs;
    return patched;
  } catch (const InputError& e) {
    std::vector<Diagnostic> named;
    for (const Diagnostic& d : e.diagnostics())
      named.push_back({fmt::format("{}: {}", d.file, origin), d.where, d.message});
    throw InputError(std::move(named));
  }
}

namespace {

// The what-ifs `name` stands for: the one of that name, or else the what-ifs it stacks with '+'
// ("self-service-10%+two-fewer-at-lunch"). Names may hold '+' themselves (volume+20%), so the
// split taken is one whose every part names a what-if; an exact name always wins. A name that is
// neither fails as find_what_if does, with its "did you mean".
std::vector<WhatIf> find_what_ifs(const Json& document, const std::string& name,
                                  const std::string& file) {
  const Json* what_ifs = document.is_object() && document.contains("what_if")
                             ? &document["what_if"]
                             : nullptr;
  if (!what_ifs || !what_ifs->is_object() || what_ifs->contains(name) ||
      name.find('+') == std::string::npos)
    return {find_what_if(document, name, file)};
  // came_from[j]: where the part that ends just before position j starts, for every j reachable
  // as the start of a next part (j = 0) or the end of the name (j = size + 1).
  const std::size_t end = name.size() + 1;
  std::vector<std::optional<std::size_t>> came_from(end + 1);
  came_from[0] = 0;
  for (std::size_t start = 0; start < end && !came_from[end]; ++start) {
    if (!came_from[start]) continue;
    for (std::size_t stop = start; stop <= name.size(); ++stop) {
      if (stop < name.size() && name[stop] != '+') continue;
      if (stop > start && !came_from[stop + 1] && what_ifs->contains(name.substr(start, stop - start)))
        came_from[stop + 1] = start;
    }
  }
  if (!came_from[end]) return {find_what_if(document, name, file)};
  std::vector<WhatIf> stack;
  for (std::size_t j = end; j > 0; j = *came_from[j])
    stack.insert(stack.begin(), find_what_if(document, name.substr(*came_from[j], j - 1 - *came_from[j]), file));
  return stack;
}

// The document with each what-if of `stack` applied in turn; written[k] records what stack[k]
// wrote, for locating problems.
Json apply_stack(const Json& document, const std::vector<WhatIf>& stack, const std::string& file,
                 std::vector<std::vector<Written>>& written) {
  written.assign(stack.size(), {});
  Json patched = apply(document, stack.front(), file, written.front());
  for (std::size_t k = 1; k < stack.size(); ++k) {
    Json next = apply(patched, stack[k], file, written[k]);
    patched = std::move(next);
  }
  return patched;
}

}  // namespace

Json apply_what_if(const Json& document, const std::string& name, const std::string& file) {
  std::vector<std::vector<Written>> written;
  return apply_stack(document, find_what_ifs(document, name, file), file, written);
}

Model compile_what_if(const Json& document, const std::string& name, const std::string& file,
                      const std::filesystem::path& base_dir) {
  const std::vector<WhatIf> stack = find_what_ifs(document, name, file);
  std::vector<std::vector<Written>> written;
  const Json patched = apply_stack(document, stack, file, written);
  try {
    return compile_scenario(patched, file, base_dir);
  } catch (const InputError& e) {
    std::vector<Diagnostic> located;
    for (const Diagnostic& d : e.diagnostics()) {
      // The last what-if of the stack to write the value is where it came from.
      std::optional<std::string> in_file;
      for (std::size_t k = stack.size(); k-- > 0 && !in_file;)
        in_file = place_in_file(d.where, *stack[k].patch, stack[k].at, written[k]);
      if (in_file)
        located.push_back({d.file, *in_file, d.message});
      else
        located.push_back({fmt::format("{}: what-if {}", d.file, show(Json(name))), d.where,
                           d.message});
    }
    throw InputError(std::move(located));
  }
}

void check_what_ifs(const Json& document, const std::string& file,
                    const std::filesystem::path& base_dir) {
  std::vector<Diagnostic> problems;
  for (const std::string& name : what_if_names(document)) {
    try {
      compile_what_if(document, name, file, base_dir);
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

Model compile_comparable_what_if(const Json& document, const Model& base, const std::string& name,
                                 const std::string& file, const std::filesystem::path& base_dir) {
  Model model = compile_what_if(document, name, file, base_dir);
  if (const auto problem = pairing_problem(base, model))
    fail(file, "",
         fmt::format("what-if \"{}\": cannot be compared with the baseline interval by interval: {}",
                     name, *problem));
  return model;
}

void check_comparable_what_ifs(const Json& document, const Model& base, const std::string& file,
                               const std::filesystem::path& base_dir) {
  std::vector<Diagnostic> problems;
  for (const std::string& name : what_if_names(document)) {
    try {
      compile_comparable_what_if(document, base, name, file, base_dir);
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

}  // namespace ccsim
