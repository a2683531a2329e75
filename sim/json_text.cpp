// JSON text to a document. nlohmann/json's parser is not recursive, but much of what follows it
// is (copying a document, applying a patch, printing one), and nlohmann keeps the last of two
// equal keys without a word; so a first pass over the text with the SAX interface checks depth and
// keys, with the JSON pointer of every value in hand, before the document is built.
#include "ccsim/json_text.h"

#include <algorithm>
#include <set>
#include <vector>

#include <fmt/core.h>

#include "ccsim/detail/json_cursor.h"
#include "ccsim/diagnostics.h"
#include "ccsim/visible_text.h"

namespace ccsim {

namespace {

using Json = nlohmann::json;
using Pointer = Json::json_pointer;

// Walks the text once: the first syntax error (with its byte offset), the first value nested too
// deep, and every repeated key.
class TextChecker : public nlohmann::json_sax<Json> {
 public:
  explicit TextChecker(const std::string& file) : problems(file) {}

  detail::Problems problems;  // repeated keys, or the one value nested too deep
  bool too_deep = false;
  std::size_t syntax_byte = 0;
  std::string syntax_what;  // empty when the text is valid JSON

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& key) override {
    Level& level = levels_.back();
    level.key = key;
    if (!level.keys.insert(key).second)
      problems.add(here().to_string(),
                   fmt::format("duplicate key {} (JSON would keep only the last)",
                               detail::show(Json(key))));
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    syntax_byte = position;
    syntax_what = e.what();
    return false;
  }

 private:
  struct Level {
    bool array = false;
    std::size_t index = 0;     // of the next element, in an array
    std::string key;           // of the current member, in an object
    std::set<std::string> keys;
  };

  // The pointer of the value being read.
  Pointer here() const {
    Pointer pointer;
    for (const Level& level : levels_) {
      if (level.array)
        pointer /= level.index;
      else
        pointer /= level.key;
    }
    return pointer;
  }

  bool value() {
    if (!levels_.empty() && levels_.back().array) ++levels_.back().index;
    return true;
  }

  bool open(bool array) {
    if (levels_.size() == max_json_depth) {
      const Pointer pointer = here();
      problems.add(pointer.to_string(),
                   fmt::format("nested deeper than {} levels of objects and arrays, the limit",
                               max_json_depth));
      too_deep = true;
      return false;
    }
    levels_.push_back({array, 0, {}, {}});
    return true;
  }

  bool close() {
    levels_.pop_back();
    return value();
  }

  std::vector<Level> levels_;
};

// nlohmann counts a line feed as ending a line and the column as the characters read on the
// current line, the failing one included; this gives the same numbers from the byte offset.
std::string line_and_column(std::string_view text, std::size_t byte) {
  const std::string_view read = text.substr(0, std::min(byte, text.size()));
  const auto lines = static_cast<std::size_t>(std::count(read.begin(), read.end(), '\n'));
  const std::size_t last_newline = read.rfind('\n');
  const std::size_t column =
      last_newline == std::string_view::npos ? byte : byte - (last_newline + 1);
  return fmt::format("{}:{}", lines + 1, column);
}

// "[json.exception.parse_error.101] parse error at line 12, column 5: syntax error ... last read:
// '...'" -> "syntax error ... last read: '...'", with an overlong last-read token cut short.
std::string syntax_message(std::string what) {
  if (what.starts_with("[json.exception.")) {
    const std::size_t end = what.find("] ");
    if (end != std::string::npos) what.erase(0, end + 2);
  }
  if (what.starts_with("parse error")) {
    const std::size_t colon = what.find(": ");
    if (colon != std::string::npos) what.erase(0, colon + 2);
  }
  const std::string marker = "last read: '";
  const std::size_t start = what.find(marker);
  if (start != std::string::npos) {
    const std::size_t token = start + marker.size();
    std::size_t token_end = what.rfind("'; expected");
    if (token_end == std::string::npos || token_end < token) token_end = what.rfind('\'');
    constexpr std::size_t shown = 40;
    if (token_end != std::string::npos && token_end > token + shown)
      what.replace(token + shown, token_end - token - shown, "...");
  }
  // nlohmann quotes the bytes it last read as they are.
  return printable(what);
}

}  // namespace

Json parse_json_text(std::string_view text, const std::string& file, std::size_t max_bytes) {
  if (text.size() > max_bytes)
    throw InputError({{file, "", fmt::format("larger than the limit of {} MiB", max_bytes >> 20)}});
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InputError({{file, "", "file is empty, expected a JSON object"}});
  TextChecker checker(file);
  Json::sax_parse(text, &checker, Json::input_format_t::json, /*strict=*/true,
                  /*ignore_comments=*/true);
  if (!checker.syntax_what.empty())
    throw InputError(
        {{file, line_and_column(text, checker.syntax_byte), syntax_message(checker.syntax_what)}});
  checker.problems.throw_if_any();
  try {
    return Json::parse(text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const Json::exception& e) {
    // The checker read the same text; this is only reached if the two parsers ever disagree.
    throw InputError({{file, "", syntax_message(e.what())}});
  }
}

}  // namespace ccsim
