#include "verify/footer_check.h"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string>

namespace dossier::verify {
namespace {

std::string utf8(std::u32string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(s.data()),
                                                       static_cast<int32_t>(s.size()));
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Any script's decimal digits: an Arabic dossier numbers its pages ٣ من ٩٧٤.
bool digit(char32_t c) { return u_isdigit(static_cast<UChar32>(c)); }

// The footer's words around its two numbers, from the footer the
// catalogue makes for two numbers no footer has.
struct FooterShape {
  std::u32string before, between, after;
};

FooterShape shape_of(const FooterText& footer) {
  auto sample = squeezed(footer(1234567, 7654321));
  FooterShape shape;
  std::size_t x = 0;
  while (x < sample.size() && !digit(sample[x])) ++x;
  std::size_t p = x;
  while (p < sample.size() && digit(sample[p])) ++p;
  std::size_t y = p;
  while (y < sample.size() && !digit(sample[y])) ++y;
  std::size_t q = y;
  while (q < sample.size() && digit(sample[q])) ++q;
  shape.before = sample.substr(0, x);
  shape.between = sample.substr(p, y - p);
  shape.after = sample.substr(q);
  return shape;
}

std::size_t digits_from(std::u32string_view s, std::size_t p) {
  while (p < s.size() && digit(s[p])) ++p;
  return p;
}

std::size_t value_of(std::u32string_view digits) {
  std::size_t n = 0;
  for (char32_t c : digits)
    n = n * 10 + static_cast<std::size_t>(u_charDigitValue(static_cast<UChar32>(c)));
  return n;
}

// What a page's footer says instead: the last "<before>N<between>M<after>"
// on the page (squeezed, as the page's text is), or that it has none.
std::string footer_said(std::u32string_view page, const FooterText& footer) {
  const auto f = shape_of(footer);
  const std::u32string_view before = f.before, between = f.between, after = f.after;
  for (auto at = page.rfind(before); at != std::u32string_view::npos;
       at = at ? page.rfind(before, at - 1) : std::u32string_view::npos) {
    std::size_t x = at + before.size(), p = digits_from(page, x);
    if (p == x || page.compare(p, between.size(), between) != 0) continue;
    std::size_t y = p + between.size(), q = digits_from(page, y);
    if (q == y || page.compare(q, after.size(), after) != 0) continue;
    // Said again with its spaces, which the squeezed page text has lost.
    return fmt::format("\"{}\"",
                       footer(value_of(page.substr(x, p - x)), value_of(page.substr(y, q - y))));
  }
  return fmt::format("no \"{}X{}Y{}\"", utf8(before), utf8(between), utf8(after));
}

}  // namespace

void check_footers(const VolumeText& vt, std::size_t first_page, std::size_t expected_total,
                   const FooterText& footer, Findings& findings) {
  std::size_t wrong = 0, first_wrong = 0, first_number_said = 0;
  std::string first_said;
  for (std::size_t i = 0; i < vt.page_start.size(); ++i) {
    const auto page = vt.page(i);
    // A duplex blank page (a left-hand page, before a section that starts
    // on the right) is counted but shows nothing, not even its footer.
    if (page.empty() && i % 2 == 1) continue;
    auto want = squeezed(footer(first_page + i, expected_total));
    if (page.find(want) != std::u32string_view::npos) continue;
    ++wrong;
    if (first_wrong) continue;
    first_wrong = i + 1;
    first_number_said = first_page + i;
    first_said = footer_said(page, footer);
  }
  if (wrong) {
    findings.add(first_wrong, 0,
                 fmt::format("footer says {}, expected \"{}\" ({} page(s) with a wrong footer)",
                             first_said, footer(first_number_said, expected_total), wrong));
  }
}

}  // namespace dossier::verify
