// Reading JSON text: the nesting limit and repeated keys, each refused at its JSON pointer.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ccsim/diagnostics.h"
#include "ccsim/json_text.h"

namespace {

using ccsim::InputError;

std::vector<std::string> messages_of(const std::string& text) {
  try {
    ccsim::parse_json_text(text, "in.json");
  } catch (const InputError& e) {
    std::vector<std::string> messages;
    for (const auto& d : e.diagnostics()) messages.push_back(d.to_string());
    return messages;
  }
  return {};
}

std::string arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

// "/0/0/.../0" with `steps` steps.
std::string zeros(std::size_t steps) {
  std::string pointer;
  for (std::size_t i = 0; i < steps; ++i) pointer += "/0";
  return pointer;
}

const std::string too_deep = ": nested deeper than 64 levels of objects and arrays, the limit";

TEST(JsonNesting, SixtyFourLevelsAreRead) {
  EXPECT_EQ(messages_of(arrays(64)), std::vector<std::string>{});
}

TEST(JsonNesting, SixtyFiveLevelsAreRefusedAtTheTooDeepValue) {
  EXPECT_EQ(messages_of(arrays(65)), std::vector<std::string>{"in.json: " + zeros(64) + too_deep});
}

TEST(JsonNesting, TwoHundredThousandLevelsAreRefusedWithoutRecursion) {
  EXPECT_EQ(messages_of(arrays(200'000)),
            std::vector<std::string>{"in.json: " + zeros(64) + too_deep});
}

TEST(JsonNesting, PointerNamesObjectKeysEscaped) {
  std::string opening, closing, pointer;
  for (int i = 0; i < 65; ++i) {
    opening += R"({"a/b": )";
    closing += '}';
  }
  for (int i = 0; i < 64; ++i) pointer += "/a~1b";
  const std::string text = opening + "1" + closing;
  EXPECT_EQ(messages_of(text), std::vector<std::string>{"in.json: " + pointer + too_deep});
}

TEST(JsonNesting, DepthCountsOnlyTheCurrentPathNotSiblings) {
  // Many shallow siblings are not deep.
  std::string text = "[";
  for (int i = 0; i < 1000; ++i) {
    if (i > 0) text += ',';
    text += arrays(60);
  }
  text += ']';
  EXPECT_EQ(messages_of(text), std::vector<std::string>{});
}

TEST(JsonDuplicateKeys, SecondKeyIsRefusedAtItsPointer) {
  EXPECT_EQ(messages_of(R"({"run": {"seed": 1, "seed": 2}})"),
            std::vector<std::string>{
                R"(in.json: /run/seed: duplicate key "seed" (JSON would keep only the last))"});
}

TEST(JsonDuplicateKeys, InsideArrayElementsThePointerHasTheIndex) {
  EXPECT_EQ(messages_of(R"({"types": [{"id": "a"}, {"id": "b", "id": "c"}]})"),
            std::vector<std::string>{
                R"(in.json: /types/1/id: duplicate key "id" (JSON would keep only the last))"});
}

TEST(JsonDuplicateKeys, EveryRepeatIsReported) {
  EXPECT_EQ(messages_of(R"({"a": 1, "b": 2, "a": 3, "b": 4})").size(), 2u);
}

TEST(JsonDuplicateKeys, EqualKeysInDifferentObjectsAreFine) {
  EXPECT_EQ(messages_of(R"({"x": {"id": 1}, "y": {"id": 1}, "id": 1})"),
            std::vector<std::string>{});
}

TEST(JsonDuplicateKeys, KeysSpelledWithEscapesAreCompared) {
  EXPECT_EQ(messages_of(R"({"seed": 1, "se\u0065d": 2})").size(), 1u);
}

TEST(JsonText, SyntaxErrorBeforeTooDeepValueIsTheOneReported) {
  EXPECT_EQ(messages_of("{\"a\": 1 \"b\": " + arrays(100) + "}"),
            std::vector<std::string>{"in.json:1:11: syntax error while parsing object - "
                                     "unexpected string literal; expected '}'"});
}

TEST(JsonText, CommentsAreAllowed) {
  EXPECT_EQ(ccsim::parse_json_text("// a comment\n{\"a\": 1}", "in.json"),
            nlohmann::json({{"a", 1}}));
}

}  // namespace
