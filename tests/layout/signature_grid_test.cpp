// Golden signature-grid cases, one per line of signature_grid.tests:
//   columns;page;first number;entries => entries as placed
// page: `a4`, `letter`, or WIDTHxHEIGHT in points (A4's margins); entries
// are separated by " | ", each "name ~ place ~ country" (place and country
// may be left out). Each entry comes back as
//   #number pPAGE cCOLUMN rROW [name line / name line] [place line]
// with the row counted from the top of its column, so a case shows how
// entries fill columns and pages and where long names wrap. See
// support/golden_lines.h for DOSSIER_UPDATE_FIXTURES.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "layout/layout.h"
#include "support/golden_lines.h"
#include "support/raw_font.h"

namespace dossier::test {
namespace {

const std::string kFixtures =
    std::string(DOSSIER_SOURCE_DIR) + "/tests/layout/signature_grid.tests";

std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (auto at = s.find(sep); at != std::string::npos; at = s.find(sep, from)) {
    out.push_back(s.substr(from, at - from));
    from = at + sep.size();
  }
  out.push_back(s.substr(from));
  return out;
}

layout::Geometry page(const std::string& spec) {
  if (spec == "a4") return layout::Geometry::a4();
  if (spec == "letter") return layout::Geometry::us_letter();
  layout::Geometry g;
  const auto x = spec.find('x');
  g.width = std::stod(spec.substr(0, x));
  g.height = std::stod(spec.substr(x + 1));
  return g;
}

class GridCases {
 public:
  GridCases() : fonts_(project_fonts()), cache_(fonts_) {}

  std::string run(const std::string& input) {
    const auto f = split(input, ";");
    if (f.size() != 4) return "? columns;page;first number;entries expected";
    const int columns = std::stoi(f[0]);
    const auto geometry = page(f[1]);
    std::vector<layout::SignatureEntry> entries;
    auto number = std::stoull(f[2]);
    for (const auto& e : split(f[3], " | ")) {
      auto parts = split(e, " ~ ");
      parts.resize(3);
      entries.push_back({number++, unescape(parts[0]), unescape(parts[1]), parts[2]});
    }
    try {
      return describe(layout::layout_signatures(cache_, entries, geometry, columns), geometry,
                      columns);
    } catch (const layout::LayoutError& e) {
      return std::string("error: ") + e.what();
    }
  }

 private:
  // Items come entry by entry: its number (the smallest type), then its
  // name lines, then its place lines (a size of their own).
  static std::string describe(const layout::SignaturePages& grid, const layout::Geometry& g,
                              int columns) {
    std::string out;
    for (std::size_t p = 0; p < grid.pages.size(); ++p) {
      const auto& items = grid.pages[p].items;
      if (items.empty()) continue;
      const double number_size = std::get<layout::TextItem>(items.front()).size;
      std::map<int, int> rows;  // per column
      std::string name, place;
      int column = 0;
      double name_size = 0;
      auto flush = [&] {
        if (!name.empty()) out += " [" + name + "]";
        if (!place.empty()) out += " [" + place + "]";
        name.clear();
        place.clear();
        name_size = 0;
      };
      for (const auto& item : items) {
        const auto& t = std::get<layout::TextItem>(item);
        if (t.size == number_size) {
          flush();
          column = static_cast<int>((t.x - g.margin_left) / (g.content_width() / columns));
          // The number is drawn with the space that parts it from the name.
          auto number = t.text->text;
          if (!number.empty() && number.back() == ' ') number.pop_back();
          out += fmt::format("{}#{} p{} c{} r{}", out.empty() ? "" : " | ", number, p + 1,
                             column + 1, ++rows[column]);
          continue;
        }
        if (name_size == 0) name_size = t.size;
        auto& lines = t.size == name_size ? name : place;
        // A line broken at a space keeps it, drawn after its last word.
        auto shown = t.text->text;
        while (!shown.empty() && shown.back() == ' ') shown.pop_back();
        lines += (lines.empty() ? "" : " / ") + shown;
      }
      flush();
    }
    return out;
  }

  text::FontLibrary fonts_;
  text::ShapeCache cache_;
};

TEST(SignatureGridFixtures, EveryGridIsLaidOutAsRecorded) {
  GridCases cases;
  check_golden_lines(
      kFixtures, [&](const std::string& input) { return cases.run(input); }, 8);
}

}  // namespace
}  // namespace dossier::test
