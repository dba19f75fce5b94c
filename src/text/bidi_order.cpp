#include "text/bidi_order.h"

#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>

namespace dossier::text {
namespace {

struct UBiDiCloser {
  void operator()(UBiDi* b) const { ubidi_close(b); }
};

std::optional<std::string> reordered(const std::string& in, UBiDiLevel level, bool inverse,
                                     uint16_t options) {
  auto u = icu::UnicodeString::fromUTF8(in);
  std::unique_ptr<UBiDi, UBiDiCloser> bidi(ubidi_open());
  if (!bidi) return std::nullopt;
  UErrorCode err = U_ZERO_ERROR;
  if (inverse) ubidi_setReorderingMode(bidi.get(), UBIDI_REORDER_INVERSE_LIKE_DIRECT);
  ubidi_setPara(bidi.get(), u.getBuffer(), u.length(), level, nullptr, &err);
  if (U_FAILURE(err)) return std::nullopt;
  // Mirroring and reordering keep the length: no controls are inserted.
  icu::UnicodeString out;
  UChar* buf = out.getBuffer(u.length() + 1);
  int32_t n = ubidi_writeReordered(bidi.get(), buf, u.length() + 1, options, &err);
  out.releaseBuffer(U_SUCCESS(err) ? n : 0);
  if (U_FAILURE(err)) return std::nullopt;
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace

std::string visual_order(const std::string& logical) {
  return reordered(logical, UBIDI_DEFAULT_LTR, false, UBIDI_DO_MIRRORING).value_or(logical);
}

std::optional<std::string> logical_order(const std::string& visual) {
  for (UBiDiLevel level : {UBiDiLevel{1}, UBiDiLevel{0}}) {
    auto candidate = reordered(visual, level, true, UBIDI_DO_MIRRORING);
    if (candidate && visual_order(*candidate) == visual) return candidate;
  }
  return std::nullopt;
}

bool has_rtl_letter(const std::string& utf8) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;
    auto d = u_charDirection(c);
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC) return true;
  }
  return false;
}

}  // namespace dossier::text
