// Ids of segments, contact types, agent groups and bots: how one is written, and how a reference
// to one is resolved.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/model.h"

namespace ccsim::detail {

// The id at `node`, or nothing: absent (silently) or wrong (reported).
std::optional<std::string> read_id(const Cursor& node);

// Where each id was first written, for the "duplicate id" message.
using IdPlaces = std::map<std::string, std::string>;

// Records the id's place; false (and reported) if it was used before.
bool first_use(IdPlaces& places, const std::string& id, const Cursor& node);

// The ids of a list whose every id read, by index. A reference is checked only against such a
// list: with one id unreadable, any unknown reference might have meant it.
struct IdList {
  std::vector<std::string> ids;
  std::set<std::size_t> repeated;  // indices whose id was used before (and reported there)

  // Nothing when an id is missing (an empty string).
  static std::optional<IdList> of(std::vector<std::string> ids);

  // The index of `id`, or nothing, reported as "no <what> with id ..., did you mean ...?
  // (<plural>: ...)".
  std::optional<std::size_t> find(const Cursor& node, const std::string& id,
                                  std::string_view what, std::string_view plural) const;
};

// The contact type a reference names, or nothing: unknown (reported, with a "did you mean"), or
// the type ids are not all known (left unsaid: any id might have been meant).
std::optional<ContactTypeIndex> find_type(const Cursor& node, const std::string& id,
                                          const std::optional<IdList>& type_ids);

}  // namespace ccsim::detail
