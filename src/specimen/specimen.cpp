#include "specimen/specimen.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "errors/error.h"

namespace dossier::specimen {
namespace {

constexpr double kPageWidth = layout::kA4Width;
constexpr double kPageHeight = layout::kA4Height;
constexpr double kMargin = 56.0;
constexpr double kLabelSize = 7.5;
constexpr double kTextSize = 15.0;
constexpr double kMinTextSize = 6.0;
constexpr double kLineStep = 34.0;
using layout::kGrey;

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto tab = line.find('\t', start);
    parts.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return parts;
}

// "Arab: Noto Sans Arabic; Latn: Noto Serif", in order of first use.
std::string describe_fonts(const text::FontLibrary& fonts, const text::ShapedText& shaped) {
  std::vector<std::string> seen;
  for (const auto& run : shaped.runs) {
    auto entry = fmt::format("{}: {}", run.script, fonts.info(run.font).family);
    if (std::find(seen.begin(), seen.end(), entry) == seen.end()) seen.push_back(entry);
  }
  std::string out;
  for (const auto& s : seen) out += (out.empty() ? "" : "; ") + s;
  return out;
}

}  // namespace

std::vector<SpecimenLine> load_lines(const std::filesystem::path& tsv) {
  std::ifstream in(tsv, std::ios::binary);
  if (!in)
    throw Error(ErrorKind::bad_input,
                fmt::format("cannot read specimen lines from {}", tsv.string()));
  std::vector<SpecimenLine> lines;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto parts = split_tabs(line);
    if (parts.size() != 3 || parts[2].empty()) {
      throw Error(ErrorKind::bad_input,
                  fmt::format("{}:{}: expected label, language and text separated by tabs",
                              tsv.string(), number));
    }
    lines.push_back({parts[0], parts[1], parts[2]});
  }
  return lines;
}

Specimen build(const text::FontLibrary& fonts, const std::vector<SpecimenLine>& lines) {
  Specimen out;
  const double text_width = kPageWidth - 2 * kMargin;
  auto label_style = text::Style{"sans", "", ""};

  // The first page's title is the heading, a continued page's title page
  // furniture; each line's label and text are paragraphs, the text in its
  // own language.
  const auto section = layout::Tag{}.child(layout::Role::Sect);
  auto new_page = [&](const std::string& heading, const layout::Tag& tag) {
    layout::Page page;
    page.width = kPageWidth;
    page.height = kPageHeight;
    auto title = std::make_shared<text::ShapedText>(text::shape(fonts, heading, label_style));
    page.items.push_back(
        layout::TextItem{title, kMargin, kPageHeight - kMargin, 11, {}, {}, {}, tag});
    page.items.push_back(layout::RuleItem{kMargin, kPageHeight - kMargin - 6, kPageWidth - kMargin,
                                          kPageHeight - kMargin - 6, 0.5, kGrey});
    out.pages.push_back(std::move(page));
  };
  new_page("dossier · type specimen: one line per script, with the fonts chosen",
           section.child(layout::Role::H1));
  double y = kPageHeight - kMargin - 30;

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    auto shaped = std::make_shared<text::ShapedText>(
        text::shape(fonts, line.text, text::Style{"serif", line.language, ""}));
    for (const auto& m : shaped->missing) out.warnings.push_back({i, shaped->text, m});
    auto chosen = describe_fonts(fonts, *shaped);
    out.fonts_chosen.push_back(chosen);

    if (y < kMargin + kLineStep) {
      new_page("dossier · type specimen (continued)",
               layout::Tag::artifact_of(layout::Artifact::Pagination));
      y = kPageHeight - kMargin - 30;
    }
    auto& page = out.pages.back();
    auto label = std::make_shared<text::ShapedText>(
        text::shape(fonts, fmt::format("{} · {}", line.label, chosen), label_style));
    const auto id = static_cast<std::uint32_t>(2 * i);
    page.items.push_back(layout::TextItem{
        label, kMargin, y, kLabelSize, kGrey, {}, {}, section.child(layout::Role::P, id)});

    // A line wider than the page is set smaller rather than clipped.
    double size = kTextSize;
    double width = shaped->width(fonts, size);
    if (width > text_width) {
      size = std::max(kMinTextSize, size * text_width / width);
      width = shaped->width(fonts, size);
    }
    double x = shaped->rtl ? kPageWidth - kMargin - width : kMargin;
    const auto tag = section.child(layout::Role::P, id + 1);
    page.items.push_back(layout::TextItem{shaped, x, y - 16, size, {}, {}, {}, tag});
    if (!line.language.empty()) page.notes.push_back({tag, "", line.language});
    y -= kLineStep;
  }
  return out;
}

}  // namespace dossier::specimen
