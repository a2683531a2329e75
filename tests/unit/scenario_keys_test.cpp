// The keys the scenario reader accepts in each object are the "properties" of that object in
// scenarios/ccsim.schema.json: an editor that validates against the schema and ccsim itself
// accept and refuse the same keys.
#include "ccsim/detail/scenario_keys.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;
namespace keys = ccsim::detail::scenario_keys;

json schema() {
  std::ifstream in(std::string(CCSIM_SOURCE_DIR) + "/scenarios/ccsim.schema.json");
  EXPECT_TRUE(in) << "cannot open the schema";
  return json::parse(in);
}

std::set<std::string> property_names(const json& object) {
  std::set<std::string> names;
  for (const auto& [name, value] : object.at("properties").items()) names.insert(name);
  return names;
}

TEST(ScenarioKeys, EachListIsThePropertiesOfItsSchemaObject) {
  const json document = schema();
  for (const keys::Place& place : keys::every_place()) {
    SCOPED_TRACE(std::string(place.place));
    const json::json_pointer pointer{std::string(place.schema)};
    ASSERT_TRUE(document.contains(pointer)) << "no schema object at " << place.schema;
    const std::set<std::string> listed(place.keys.begin(), place.keys.end());
    EXPECT_EQ(listed.size(), place.keys.size()) << "a key is listed twice";
    EXPECT_EQ(listed, property_names(document.at(pointer)));
  }
}

// A new object in the schema needs its key list here too, or the reader would refuse every key
// of it as unknown (or, worse, accept any).
TEST(ScenarioKeys, EverySchemaObjectOfTheScenarioHasAList) {
  const json document = schema();
  std::set<std::string> listed;
  for (const keys::Place& place : keys::every_place()) listed.insert(std::string(place.schema));
  // Distributions (and the components of a mixture) are read by distribution_reader.cpp, what-if
  // patches by what_if.cpp.
  const std::set<std::string> read_elsewhere = {"/$defs/distribution", "/$defs/mixture_component",
                                                "/$defs/patch_operation"};
  for (const auto& [name, definition] : document.at("$defs").items()) {
    const std::string pointer = "/$defs/" + name;
    if (!definition.contains("properties") || read_elsewhere.contains(pointer)) continue;
    EXPECT_TRUE(listed.contains(pointer)) << pointer << " has no key list";
  }
  EXPECT_TRUE(listed.contains("")) << "the top level has no key list";
}

}  // namespace
