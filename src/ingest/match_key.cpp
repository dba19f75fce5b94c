#include "ingest/match_key.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace dossier::ingest {

std::string match_key(std::string_view utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  if (U_FAILURE(err)) return std::string(utf8);
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  text.foldCase();
  auto decomposed = nfd->normalize(text, err);
  if (U_FAILURE(err)) return std::string(utf8);
  icu::UnicodeString kept;
  bool space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (U_GET_GC_MASK(c) & U_GC_M_MASK) continue;
    if (u_isalnum(c)) {
      if (space && !kept.isEmpty()) kept.append(UChar(' '));
      space = false;
      kept.append(c);
    } else {
      space = true;
    }
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

std::string fold_case(std::string_view utf8) {
  // Full case folding changes nothing in ASCII but A-Z (CaseFolding.txt
  // maps nothing else below U+0080), and most names and addresses are
  // ASCII: they need no trip through UTF-16.
  if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return (c & 0x80) == 0; })) {
    std::string out(utf8);
    for (auto& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  text.foldCase();
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace dossier::ingest
