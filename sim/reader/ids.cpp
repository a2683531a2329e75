#include "sim/reader/ids.h"

#include <algorithm>
#include <cctype>

#include <fmt/core.h>

#include "ccsim/visible_text.h"
#include "sim/reader/reading.h"

namespace ccsim::detail {

namespace {

const std::string id_expectation = R"(an id of letters, digits, "_", "-" or ".")";

bool id_character(char c) {
  const auto u = static_cast<unsigned char>(c);
  // Bytes of UTF-8 sequences are letters of other alphabets ("facturación").
  return std::isalnum(u) || c == '_' || c == '-' || c == '.' || u >= 0x80;
}

}  // namespace

std::optional<std::string> read_id(const Cursor& node) {
  if (!node.present()) return std::nullopt;
  if (!node.json().is_string()) {
    node.expected(id_expectation);
    return std::nullopt;
  }
  const auto& id = node.json().get_ref<const std::string&>();
  if (id.empty() || !std::all_of(id.begin(), id.end(), id_character)) {
    node.expected(id_expectation);
    return std::nullopt;
  }
  if (id.size() > limits::name_length) {
    node.expected(fmt::format("an id of at most {} characters", limits::name_length));
    return std::nullopt;
  }
  if (const auto c = first_invisible(id)) {
    node.fail(invisible_message("an id", *c, id));
    return std::nullopt;
  }
  // What-if paths may name an element by id or by index; an id of digits would be ambiguous.
  if (std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    node.fail(fmt::format("must not be only digits (it would read as an index), got {}",
                          show(node.json())));
    return std::nullopt;
  }
  return id;
}

bool first_use(IdPlaces& places, const std::string& id, const Cursor& node) {
  const auto [it, inserted] = places.emplace(id, node.where().to_string());
  if (!inserted)
    node.fail(fmt::format("duplicate id {}, first used at {}", show(Json(id)), it->second));
  return inserted;
}

std::optional<IdList> IdList::of(std::vector<std::string> ids) {
  if (std::any_of(ids.begin(), ids.end(), [](const std::string& id) { return id.empty(); }))
    return std::nullopt;
  IdList list;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (!seen.insert(ids[i]).second) list.repeated.insert(i);
  list.ids = std::move(ids);
  return list;
}

std::optional<std::size_t> IdList::find(const Cursor& node, const std::string& id,
                                        std::string_view what, std::string_view plural) const {
  const auto it = std::find(ids.begin(), ids.end(), id);
  if (it != ids.end()) return static_cast<std::size_t>(it - ids.begin());
  // A repeated id is reported where it repeats; the list in the message names each id once.
  std::vector<std::string> known;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (!repeated.contains(i)) known.push_back(ids[i]);
  std::string message = fmt::format("no {} with id {}", what, show(Json(id)));
  if (known.empty()) {
    node.fail(fmt::format("{} (the scenario has no {})", message, plural));
    return std::nullopt;
  }
  if (const auto near = nearest_name(id, known))
    message += fmt::format(", did you mean \"{}\"?", *near);
  node.fail(fmt::format("{} ({}: {})", message, plural, id_list(known)));
  return std::nullopt;
}

std::optional<ContactTypeIndex> find_type(const Cursor& node, const std::string& id,
                                          const std::optional<IdList>& type_ids) {
  if (!type_ids) return std::nullopt;
  const auto index = type_ids->find(node, id, "contact type", "contact types");
  if (!index) return std::nullopt;
  return static_cast<ContactTypeIndex>(*index);
}

}  // namespace ccsim::detail
