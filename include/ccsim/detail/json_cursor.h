// Walking a parsed JSON document with the JSON pointer of every value in hand, collecting problems
// instead of stopping at the first one.
//
// A `Cursor` is a value (or the absence of one) plus its pointer and the `Problems` of its file.
// Readers ask it for what they expect ("a whole number >= 0", "an object with these keys") and get
// the value or nothing; when the value is wrong, the cursor has already written the diagnostic,
// "must be a whole number >= 0, got -3", at the right pointer. Used by the scenario reader
// (scenario.h); nothing here knows about contact centres.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ccsim/diagnostics.h"

namespace ccsim::detail {

using Json = nlohmann::json;
using JsonPointer = nlohmann::json::json_pointer;

// The problems found in one file. Keeps the first `kept_at_most` and counts the rest, so that a
// huge array of bad values gives a readable list rather than a million lines.
class Problems {
 public:
  static constexpr std::size_t kept_at_most = 50;

  explicit Problems(std::string file) : file_(std::move(file)) {}

  void add(std::string where, std::string message);
  bool any() const { return count_ > 0; }
  std::size_t count() const { return count_; }
  const std::string& file() const { return file_; }

  // Throws InputError with every kept problem (and a last line counting the others), if any.
  void throw_if_any() const;

 private:
  std::string file_;
  std::vector<Diagnostic> kept_;
  std::size_t count_ = 0;
};

// The compact JSON of a value for the "got ..." part of a message, cut to about 40 characters.
// Never recurses deeper than the text it prints, so deeply nested input is safe.
std::string show(const Json& value);

// A number as a planner writes it: 10000000 rather than 1e+07 or 10000000.0, 0.8 as 0.8.
std::string number_text(double x);

// `"a", "b" and "c"` (or `"a", "b" or "c"`): quoted names for messages.
std::string quoted_list(const std::vector<std::string>& names, std::string_view last_joint = "and");

// The known name nearest to a misspelt one (edit distance, ignoring case), when it is close enough
// to be a plausible typo.
std::optional<std::string> nearest_name(std::string_view name,
                                        const std::vector<std::string>& known);

// What a number must be. `min`/`max` are the range that makes sense (a probability is in [0, 1]);
// `limit` is ccsim's guard against input that would exhaust memory or never finish, reported as
// "must be at most ...". Built by chaining:
// NumberRule::at_least(0).whole_numbers().limited_to(1e6).
struct NumberRule {
  bool whole = false;
  std::optional<double> min;
  bool min_open = false;  // min itself is not allowed
  std::optional<double> max;
  bool max_open = false;
  double limit = std::numeric_limits<double>::infinity();
  std::string text;  // overrides the description built from the fields above

  static NumberRule any() { return {}; }
  static NumberRule at_least(double min);  // >= min
  static NumberRule above(double min);     // > min
  NumberRule up_to(double max) const;      // <= max
  NumberRule below(double max) const;      // < max
  NumberRule whole_numbers() const;
  NumberRule limited_to(double limit) const;
  NumberRule described_as(std::string text) const;

  // "a whole number >= 0", "a number in [0, 1)", ...
  std::string expectation() const;
  // The message if `value` breaks the rule ("must be a number > 0, got -1"), else nothing.
  std::optional<std::string> problem(const Json& value) const;
};

class Cursor {
 public:
  // A present value.
  Cursor(const Json& value, JsonPointer where, Problems& problems)
      : value_(&value), where_(std::move(where)), problems_(&problems) {}
  // A value that is not there (an optional key left out); every read of it gives nothing.
  static Cursor absent(JsonPointer where, Problems& problems) {
    return Cursor(std::move(where), problems);
  }

  bool present() const { return value_ != nullptr; }
  const Json& json() const { return *value_; }  // only when present()
  const JsonPointer& where() const { return where_; }
  Problems& problems() const { return *problems_; }

  // Records a problem at this value's pointer.
  void fail(std::string message) const;
  // Records "must be <expectation>, got <this value>".
  void expected(std::string_view expectation) const;

  // --- objects
  // True for a present object; a present non-object is reported ("must be an object, got 3").
  bool object() const;
  // The member, or an absent cursor when it is missing (or this is not an object).
  Cursor get(std::string_view key) const;
  // As get(), but a missing key is reported here: "missing key "handle_time"".
  Cursor require(std::string_view key) const;
  bool has(std::string_view key) const;
  // Reports every key not in `known`, with a "did you mean" for near misses.
  void allow_only(const std::vector<std::string>& known) const;

  // --- arrays
  // True for a present array; a present non-array is reported ("must be an array, got ...").
  bool array() const;
  std::size_t size() const;
  Cursor operator[](std::size_t index) const;

  // --- scalars: nothing when absent (silently) or wrong (reported)
  std::optional<double> number(const NumberRule& rule) const;
  std::optional<std::string> string() const;
  std::optional<bool> boolean() const;
  // One of `names` (an enumeration such as "offered" | "answered"); `what` names it in messages.
  std::optional<std::size_t> choice(const std::vector<std::string>& names,
                                    std::string_view what) const;

 private:
  Cursor(JsonPointer where, Problems& problems)
      : value_(nullptr), where_(std::move(where)), problems_(&problems) {}

  const Json* value_;
  JsonPointer where_;
  Problems* problems_;
};

}  // namespace ccsim::detail
