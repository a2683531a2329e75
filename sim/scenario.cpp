// Scenario files as text: reading them, and turning JSON syntax errors into "file:LINE:COL: ..."
// diagnostics. The document itself is checked and compiled in scenario_reader.cpp.
#include "ccsim/scenario.h"

#include <algorithm>
#include <cstdint>

#include <fmt/core.h>

#include "ccsim/detail/scenario_limits.h"
#include "ccsim/detail/text_file.h"
#include "ccsim/what_if.h"

namespace ccsim {

namespace {

using Json = nlohmann::json;

// Finds where and why a text fails to parse. nlohmann reports most syntax errors as parse_error
// (with a byte offset) but a number too large for a double as out_of_range (without one); the SAX
// interface reports both with the offset.
class SyntaxErrorFinder : public nlohmann::json_sax<Json> {
 public:
  std::size_t byte = 0;
  std::string what;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    byte = position;
    what = e.what();
    return false;
  }
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

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  std::uint32_t code = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

// nlohmann quotes the bytes it last read as they are; bytes that are not UTF-8 would garble the
// terminal, so they are shown as \xNN.
std::string printable(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i]));
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
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
  return printable(what);
}

}  // namespace

nlohmann::json parse_json_text(std::string_view text, const std::string& file) {
  if (text.size() > detail::limits::scenario_file_bytes)
    throw InputError({{file, "",
                       fmt::format("larger than the limit of {} MiB",
                                   detail::limits::scenario_file_bytes >> 20)}});
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InputError({{file, "", "file is empty, expected a JSON object"}});
  try {
    return Json::parse(text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const Json::exception& e) {
    SyntaxErrorFinder finder;
    Json::sax_parse(text, &finder, Json::input_format_t::json, /*strict=*/true,
                    /*ignore_comments=*/true);
    if (finder.what.empty()) throw InputError({{file, "", syntax_message(e.what())}});
    throw InputError({{file, line_and_column(text, finder.byte), syntax_message(finder.what)}});
  }
}

Model parse_scenario(std::string_view text, const std::string& file,
                     const std::filesystem::path& base_dir) {
  const Json document = parse_json_text(text, file);
  Model model = compile_scenario(document, file, base_dir);
  // A file is only as good as its what-ifs: a broken one is reported whenever the file is read.
  check_what_ifs(document, file, base_dir);
  return model;
}

Model load_scenario(const std::filesystem::path& file) {
  const std::string label = file.string();
  const detail::TextFile read = detail::read_text_file(file, detail::limits::scenario_file_bytes);
  if (!read.error.empty()) throw InputError({{label, "", "cannot read file: " + read.error}});
  return parse_scenario(read.text, label, file.parent_path());
}

}  // namespace ccsim
