// Internal to the PDF stage: numbers and strings in PDF syntax.
#pragma once

#include <fmt/format.h>
#include <unicode/utf8.h>

#include <cmath>
#include <string>

namespace dossier::pdf {

// A real in PDF syntax: at most three decimals, no exponent, no trailing
// zeros, never "-0". fmt is locale-independent, so the bytes never depend on
// the user's locale.
inline void append_number(std::string& out, double v) {
  double r = std::round(v * 1000.0) / 1000.0;
  if (r == 0) r = 0;  // folds -0
  auto s = fmt::format("{:.3f}", r);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  out += s;
}

// UTF-8 to UTF-16BE code units; invalid bytes become U+FFFD.
inline std::string utf16be(const std::string& utf8) {
  std::string out;
  int32_t i = 0, n = static_cast<int32_t>(utf8.size());
  auto put = [&](unsigned v) {
    out += static_cast<char>((v >> 8) & 0xff);
    out += static_cast<char>(v & 0xff);
  };
  while (i < n) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    if (c >= 0x10000) {
      put(0xD800u + ((static_cast<unsigned>(c) - 0x10000u) >> 10));
      put(0xDC00u + ((static_cast<unsigned>(c) - 0x10000u) & 0x3FFu));
    } else {
      put(static_cast<unsigned>(c));
    }
  }
  return out;
}

inline std::string number(double v) {
  std::string s;
  append_number(s, v);
  return s;
}

}  // namespace dossier::pdf
