// Internal to the PDF stage: numbers and strings in PDF syntax.
#pragma once

#include <fmt/format.h>
#include <unicode/utf8.h>

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace dossier::pdf {

// A real in PDF syntax: at most three decimals, no exponent, no trailing
// zeros, never "-0". fmt is locale-independent, so the bytes never depend on
// the user's locale.
inline void append_number(std::string& out, double v) {
  // Integers in thousandths: exact, locale-free and much faster than
  // formatting a double (this runs for every glyph adjustment).
  auto milli = static_cast<long long>(std::llround(v * 1000.0));
  if (milli < 0) {
    out += '-';
    milli = -milli;
  }
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, milli / 1000);
  out.append(buf, end);
  if (auto frac = static_cast<int>(milli % 1000)) {
    char f[4] = {'.', static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                 static_cast<char>('0' + frac % 10)};
    int len = 4;
    while (f[len - 1] == '0') --len;
    out.append(f, static_cast<std::size_t>(len));
  }
}

// Four upper-case hex digits, as in a CID string.
inline void append_hex4(std::string& out, unsigned v) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  char buf[4] = {kHex[(v >> 12) & 15], kHex[(v >> 8) & 15], kHex[(v >> 4) & 15], kHex[v & 15]};
  out.append(buf, 4);
}

inline void append_hex2(std::string& out, unsigned char v) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += kHex[v >> 4];
  out += kHex[v & 15];
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

// A PDF text string (PDF 32000-1 7.9.2.2) for `utf8`: UTF-16BE with its
// byte order mark, in hexadecimal. (A PDFDocEncoding literal for Latin
// names was measured: libdeflate made the 100,000 build 22 KB larger.)
inline void append_text_string(std::string& out, const std::string& utf8) {
  out += "<FEFF";
  for (unsigned char b : utf16be(utf8)) append_hex2(out, b);
  out += '>';
}

// A name operand of a content-stream operator (a resource: a font, a
// picture).
struct Name {
  std::string_view name;
};

// Operators appended to a content stream (PDF 32000-1 7.8.2), one a line,
// each after its operands: numbers as append_number writes them, names
// with their slash. `ops.op("Td", x, y)` is "x y Td\n".
class Operators {
 public:
  explicit Operators(std::string& out) : out_(out) {}

  template <typename... Operands>
  void op(std::string_view name, const Operands&... operands) {
    (operand(operands), ...);
    out_ += name;
    out_ += '\n';
  }

 private:
  void operand(double v) {
    append_number(out_, v);
    out_ += ' ';
  }
  void operand(Name n) {
    out_ += '/';
    out_ += n.name;
    out_ += ' ';
  }

  std::string& out_;
};

inline std::string number(double v) {
  std::string s;
  append_number(s, v);
  return s;
}

}  // namespace dossier::pdf
