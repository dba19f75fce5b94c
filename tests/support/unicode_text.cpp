#include "support/unicode_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace dossier::test {

bool has_rtl(const std::string& utf8) {
  int32_t i = 0, n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    auto d = u_charDirection(c);
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC) return true;
  }
  return false;
}

bool is_bidi_control(char32_t c) {
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_BIDI_CONTROL);
}

}  // namespace dossier::test
