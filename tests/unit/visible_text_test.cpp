// Visible text: which characters ids may not hold, and how messages escape the user's text.
#include <string>

#include <gtest/gtest.h>

#include "ccsim/diagnostics.h"
#include "ccsim/visible_text.h"

namespace {

using ccsim::first_invisible;
using ccsim::is_invisible;
using ccsim::printable;

TEST(Invisible, ZeroWidthAndBidiCharactersAre) {
  for (const char32_t c : {U'\u200B', U'\u200C', U'\u200D', U'\u2060', U'\uFEFF', U'\u202A',
                           U'\u202E', U'\u2066', U'\u2069', U'\u200E', U'\u061C'})
    EXPECT_TRUE(is_invisible(c)) << static_cast<unsigned>(c);
}

TEST(Invisible, ControlsSeparatorsAndBlanksAre) {
  for (const char32_t c : {U'\0', U'\n', U'\x7F', U'\u0085', U'\u00A0', U'\u00AD', U'\u2028',
                           U'\u3000', U'\u3164', U'\uFE0F', U'\uE000', U'\U000E0001'})
    EXPECT_TRUE(is_invisible(c)) << static_cast<unsigned>(c);
}

TEST(Invisible, NoncharactersOfEveryPlaneAre) {
  EXPECT_TRUE(is_invisible(U'\uFFFE'));
  EXPECT_TRUE(is_invisible(U'\U0001FFFF'));
  EXPECT_TRUE(is_invisible(U'\uFDD0'));
}

TEST(Invisible, LettersOfAnyAlphabetAndThePlainSpaceAreNot) {
  for (const char32_t c : {U'a', U'Z', U'7', U'-', U' ', U'é', U'ñ', U'東', U'ب', U'ש', U'😀'})
    EXPECT_FALSE(is_invisible(c)) << static_cast<unsigned>(c);
}

TEST(Invisible, FirstInvisibleFindsTheZeroWidthSpaceInAnId) {
  EXPECT_EQ(first_invisible("calls\u200B"), U'\u200B');
  EXPECT_EQ(first_invisible("facturación"), std::nullopt);
}

TEST(Invisible, BytesThatAreNotUtf8CountAsInvisible) {
  EXPECT_EQ(first_invisible("ab\xFF"), U'\uFFFD');
}

TEST(Printable, LineBreaksCannotStartAForgedLine) {
  EXPECT_EQ(printable("x.csv\nforged.json: ok"), "x.csv\\nforged.json: ok");
  EXPECT_EQ(printable("a\r\tb"), "a\\r\\tb");
}

TEST(Printable, TerminalEscapeSequencesAreShownAsBytes) {
  EXPECT_EQ(printable("\x1B[31mred"), "\\x1B[31mred");
}

TEST(Printable, BytesThatAreNotUtf8AreShownAsBytes) {
  EXPECT_EQ(printable("\xFF\xFE"), "\\xFF\\xFE");
  EXPECT_EQ(printable("\xC3"), "\\xC3");          // cut short
  EXPECT_EQ(printable("\xC0\xAF"), "\\xC0\\xAF");  // overlong "/"
}

TEST(Printable, InvisibleCharactersAreShownByCodePoint) {
  EXPECT_EQ(printable("calls\u200B"), "calls\\u{200B}");
  EXPECT_EQ(printable("\u202Eevil"), "\\u{202E}evil");
}

TEST(Printable, VisibleTextIsUnchanged) {
  EXPECT_EQ(printable("retail.json: /agent_groups/2: \"facturación\" 東京"),
            "retail.json: /agent_groups/2: \"facturación\" 東京");
}

TEST(Printable, EveryPartOfADiagnosticIsEscaped) {
  const ccsim::Diagnostic d{"a\nb.json", "/x\u202E", "got \"\x1B\""};
  EXPECT_EQ(d.to_string(), "a\\nb.json: /x\\u{202E}: got \"\\x1B\"");
}

}  // namespace
