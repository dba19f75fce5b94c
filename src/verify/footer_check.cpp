#include "verify/footer_check.h"

#include <fmt/format.h>

#include <string>

#include "layout/layout.h"

namespace dossier::verify {
namespace {

using layout::PageFooter;

bool digit(char32_t c) { return c >= U'0' && c <= U'9'; }

std::size_t digits_from(std::u32string_view s, std::size_t p) {
  while (p < s.size() && digit(s[p])) ++p;
  return p;
}

std::string ascii(std::u32string_view s) { return std::string(s.begin(), s.end()); }

// What a page's footer says instead: the last "<before>N<between>M<after>"
// on the page (squeezed, as the page's text is), or that it has none.
std::string footer_said(std::u32string_view page) {
  const auto before = squeezed(PageFooter::kBefore), between = squeezed(PageFooter::kBetween),
             after = squeezed(PageFooter::kAfter);
  for (auto at = page.rfind(before); at != std::u32string_view::npos;
       at = at ? page.rfind(before, at - 1) : std::u32string_view::npos) {
    std::size_t x = at + before.size(), p = digits_from(page, x);
    if (p == x || page.compare(p, between.size(), between) != 0) continue;
    std::size_t y = p + between.size(), q = digits_from(page, y);
    if (q == y || page.compare(q, after.size(), after) != 0) continue;
    return fmt::format("\"{}{}{}{}{}\"", PageFooter::kBefore, ascii(page.substr(x, p - x)),
                       PageFooter::kBetween, ascii(page.substr(y, q - y)), PageFooter::kAfter);
  }
  return fmt::format("no \"{}X{}Y{}\"", PageFooter::kBefore, PageFooter::kBetween,
                     PageFooter::kAfter);
}

}  // namespace

void check_footers(const VolumeText& vt, std::size_t first_page, std::size_t expected_total,
                   Findings& findings) {
  std::size_t wrong = 0, first_wrong = 0, first_number_said = 0;
  std::string first_said;
  for (std::size_t i = 0; i < vt.page_start.size(); ++i) {
    const auto page = vt.page(i);
    // A duplex blank page (a left-hand page, before a section that starts
    // on the right) is counted but shows nothing, not even its footer.
    if (page.empty() && i % 2 == 1) continue;
    auto want = squeezed(PageFooter::text(first_page + i, expected_total));
    if (page.find(want) != std::u32string_view::npos) continue;
    ++wrong;
    if (first_wrong) continue;
    first_wrong = i + 1;
    first_number_said = first_page + i;
    first_said = footer_said(page);
  }
  if (wrong) {
    findings.add(
        first_wrong, 0,
        fmt::format("footer says {}, expected \"{}\" ({} page(s) with a wrong footer)", first_said,
                    PageFooter::text(first_number_said, expected_total), wrong));
  }
}

}  // namespace dossier::verify
