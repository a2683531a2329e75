// Which characters a reader can see. Two uses: ids (contact types, agent groups, what-ifs) may
// not hold characters that show nothing, so that "calls" and "calls" followed by a zero-width
// space cannot both exist and look alike; and every message ccsim prints passes user text (file
// names, CSV headers, ids) through `printable`, so that a line break in a file name cannot start
// a forged message line and raw bytes cannot reach the terminal as control sequences.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ccsim {

// The code point of the UTF-8 sequence at s[at] and its length in bytes; length 0 when the bytes
// there are not UTF-8 (overlong, surrogate, cut short, past U+10FFFF).
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;
};
CodePoint decode_utf8(std::string_view s, std::size_t at);

// Controls (Unicode category Cc), format characters (Cf: zero-width spaces and joiners, bidi
// marks, overrides and isolates, the byte-order mark), separators other than the plain space
// (Zs, Zl, Zp), variation selectors, the Hangul fillers, private-use characters, surrogates and
// noncharacters: everything that prints nothing, prints as blank, or rearranges its neighbours.
bool is_invisible(char32_t c);

// The first invisible character of `s`, if any; bytes that are not UTF-8 count as one too
// (reported as U+FFFD).
std::optional<char32_t> first_invisible(std::string_view s);

// "U+200B".
std::string code_point_text(char32_t c);

// `s` as it can safely be printed: "\n", "\r" and "\t" for those, "\xNN" for other control
// bytes and for bytes that are not UTF-8, "\u{200B}" for other invisible characters; everything
// else as it is.
std::string printable(std::string_view s);

}  // namespace ccsim
