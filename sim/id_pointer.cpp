// JSON pointers whose array steps may be ids: "/contact_types/billing/arrivals/scale" resolved to
// "/contact_types/0/arrivals/scale", with a located message when a step matches nothing.
#include "ccsim/what_if.h"

#include <string>
#include <vector>

#include <fmt/core.h>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/diagnostics.h"
#include "sim/json_pointer_steps.h"

namespace ccsim {

namespace {

using Json = nlohmann::json;
using Pointer = Json::json_pointer;
using detail::all_digits;
using detail::place;
using detail::show;
using detail::steps_of;

[[noreturn]] void fail(const std::string& file, std::string where, std::string message) {
  throw InputError({{file, std::move(where), std::move(message)}});
}

// The index of the array element whose "id" is `id`, or a located error listing the ids there.
std::size_t element_with_id(const Json& array, const std::string& id, const Pointer& at,
                            const std::string& file, const std::string& where) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const Json& element = array[i];
    if (!element.is_object()) continue;
    const auto it = element.find("id");
    if (it == element.end() || !it->is_string()) continue;
    if (it->get_ref<const std::string&>() == id) return i;
    ids.push_back(it->get<std::string>());
  }
  if (ids.empty())
    fail(file, where,
         fmt::format("no element with id {} in {} (its elements have no ids)", show(Json(id)),
                     place(at)));
  constexpr std::size_t listed = 20;
  std::string list;
  for (std::size_t i = 0; i < ids.size() && i < listed; ++i) list += (i > 0 ? ", " : "") + ids[i];
  if (ids.size() > listed) list += ", ...";
  fail(file, where,
       fmt::format("no element with id {} in {} (ids: {})", show(Json(id)), place(at), list));
}

}  // namespace

Pointer resolve_id_pointer(const Json& document, const std::string& pointer,
                           const std::string& file) {
  Pointer parsed;
  try {
    parsed = Pointer(pointer);
  } catch (const Json::exception&) {
    fail(file, "",
         fmt::format("must be a JSON pointer such as \"/contact_types/billing/arrivals/scale\", "
                     "got {}",
                     show(Json(pointer))));
  }
  const std::vector<std::string> steps = steps_of(parsed);
  Pointer resolved;
  const Json* node = &document;  // nothing once a step names a key that is not there
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string& step = steps[i];
    const bool last = i + 1 == steps.size();
    if (!node) {
      // Past a missing key: leave the rest as written; applying the patch says what is missing.
      resolved /= step;
      continue;
    }
    if (node->is_object()) {
      const auto it = node->find(step);
      node = it == node->end() ? nullptr : &*it;
      resolved /= step;
    } else if (node->is_array()) {
      if (step == "-") {
        if (!last)
          fail(file, pointer,
               fmt::format("\"-\" (past the end of {}) can only be the last step", place(resolved)));
        resolved /= step;
        node = nullptr;
      } else if (all_digits(step)) {
        if (step.size() > 1 && step.front() == '0')
          fail(file, pointer, fmt::format("index \"{}\" must not have leading zeros", step));
        const std::size_t index = step.size() < 10 ? std::stoul(step) : node->size() + 1;
        if (index > node->size() || (index == node->size() && !last))
          fail(file, pointer,
               fmt::format("no element {} in {} (it has {})", step, place(resolved), node->size()));
        node = index < node->size() ? &(*node)[index] : nullptr;
        resolved /= index;
      } else {
        const std::size_t index = element_with_id(*node, step, resolved, file, pointer);
        node = &(*node)[index];
        resolved /= index;
      }
    } else {
      fail(file, pointer,
           fmt::format("{} is a {}, so it has no {}", place(resolved), node->type_name(),
                       show(Json(step))));
    }
  }
  return resolved;
}

}  // namespace ccsim
