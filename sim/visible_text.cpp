#include "ccsim/visible_text.h"

#include <algorithm>
#include <iterator>
#include <cstdint>
#include <utility>

#include <fmt/core.h>

namespace ccsim {

CodePoint decode_utf8(std::string_view s, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  std::uint32_t code = 0;
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
    return {};
  }
  if (at + length > s.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(at + k) & 0xC0) != 0x80) return {};
    code = (code << 6) | (byte(at + k) & 0x3F);
  }
  static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return {};
  return {static_cast<char32_t>(code), length};
}

namespace {

// Inclusive ranges, sorted, from the Unicode 15 character database: Cc, Cf, Zs (but U+0020),
// Zl, Zp, Co, Cs, the variation selectors, and the letters and symbols that print as blank
// (U+115F, U+1160, U+3164, U+FFA0 Hangul fillers; U+2800 the blank Braille pattern; U+034F the
// combining grapheme joiner; U+17B4, U+17B5 Khmer inherent vowels).
constexpr std::pair<char32_t, char32_t> invisible_ranges[] = {
    {0x0000, 0x001F},   {0x007F, 0x00A0},   {0x00AD, 0x00AD},   {0x034F, 0x034F},
    {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},   {0x070F, 0x070F},
    {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x115F, 0x1160},   {0x1680, 0x1680},
    {0x17B4, 0x17B5},   {0x180B, 0x180F},   {0x2000, 0x200F},   {0x2028, 0x202F},
    {0x205F, 0x206F},   {0x2800, 0x2800},   {0x3000, 0x3000},   {0x3164, 0x3164},
    {0xD800, 0xDFFF},   {0xE000, 0xF8FF},   {0xFDD0, 0xFDEF},   {0xFE00, 0xFE0F},
    {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},   {0xFFF0, 0xFFFB},   {0x110BD, 0x110BD},
    {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
    {0xE0000, 0xE0FFF}, {0xF0000, 0x10FFFF},
};

}  // namespace

bool is_invisible(char32_t c) {
  // The last two code points of every plane are noncharacters.
  if ((c & 0xFFFE) == 0xFFFE) return true;
  return std::any_of(std::begin(invisible_ranges), std::end(invisible_ranges),
                     [c](const auto& range) { return c >= range.first && c <= range.second; });
}

std::optional<char32_t> first_invisible(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const CodePoint cp = decode_utf8(s, i);
    if (cp.length == 0) return U'\uFFFD';
    if (is_invisible(cp.value)) return cp.value;
    i += cp.length;
  }
  return std::nullopt;
}

std::string code_point_text(char32_t c) {
  return fmt::format("U+{:04X}", static_cast<std::uint32_t>(c));
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const CodePoint cp = decode_utf8(s, i);
    if (cp.length == 0 || cp.value < 0x20 || cp.value == 0x7F) {
      const auto byte = static_cast<unsigned char>(s[i]);
      if (byte == '\n') out += "\\n";
      else if (byte == '\r') out += "\\r";
      else if (byte == '\t') out += "\\t";
      else out += fmt::format("\\x{:02X}", byte);
      ++i;
      continue;
    }
    if (is_invisible(cp.value))
      out += fmt::format("\\u{{{:04X}}}", static_cast<std::uint32_t>(cp.value));
    else
      out.append(s.substr(i, cp.length));
    i += cp.length;
  }
  return out;
}

}  // namespace ccsim
