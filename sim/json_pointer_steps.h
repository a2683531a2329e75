// Walking JSON pointers step by step, shared by the id paths (id_pointer.cpp) and the what-ifs
// that use them (what_if.cpp).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ccsim::detail {

// "/contact_types" in messages, or "the document" for the root.
inline std::string place(const nlohmann::json::json_pointer& pointer) {
  return pointer.empty() ? std::string("the document") : pointer.to_string();
}

// The steps of a pointer, unescaped ("~1" is "/", "~0" is "~").
inline std::vector<std::string> steps_of(nlohmann::json::json_pointer pointer) {
  std::vector<std::string> steps;
  while (!pointer.empty()) {
    steps.push_back(pointer.back());
    pointer.pop_back();
  }
  std::reverse(steps.begin(), steps.end());
  return steps;
}

inline bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The value at `pointer`, or nothing.
inline const nlohmann::json* find(const nlohmann::json& document, const nlohmann::json::json_pointer& pointer) {
  const nlohmann::json* node = &document;
  for (const std::string& step : steps_of(pointer)) {
    if (node->is_object()) {
      const auto it = node->find(step);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (node->is_array() && all_digits(step) && step.size() < 10 &&
               std::stoul(step) < node->size()) {
      node = &(*node)[std::stoul(step)];
    } else {
      return nullptr;
    }
  }
  return node;
}

}  // namespace ccsim::detail
