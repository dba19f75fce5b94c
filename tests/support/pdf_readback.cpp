#include "support/pdf_readback.h"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <sstream>

#include "support/process.h"

namespace dossier::test {
namespace {

std::string attr(const std::string& tag, const std::string& name) {
  auto key = " " + name + "=\"";
  auto p = tag.find(key);
  if (p == std::string::npos) return {};
  p += key.size();
  auto e = tag.find('"', p);
  return tag.substr(p, e - p);
}

// mutool escapes XML specials and writes non-ASCII as is.
std::string unescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (auto [from, to] : entities) {
    std::size_t p = 0;
    while ((p = s.find(from, p)) != std::string::npos) {
      s.replace(p, std::string(from).size(), to);
      p += std::string(to).size();
    }
  }
  return s;
}

}  // namespace

std::string pdftotext(const std::filesystem::path& pdf, int first, int last, bool raw) {
  std::vector<std::string> argv{"pdftotext", "-enc", "UTF-8"};
  if (raw) argv.push_back("-raw");
  if (first > 0) argv.insert(argv.end(), {"-f", std::to_string(first)});
  if (last > 0) argv.insert(argv.end(), {"-l", std::to_string(last)});
  argv.insert(argv.end(), {pdf.string(), "-"});
  return output_of(argv);
}

std::string pdftotext_band(const std::filesystem::path& pdf, int page, double page_height,
                           double top, double bottom) {
  auto px = [](double v) { return std::to_string(static_cast<int>(std::lround(v))); };
  return output_of({"pdftotext", "-enc", "UTF-8", "-f", std::to_string(page), "-l",
                    std::to_string(page), "-x", "0", "-y", px(page_height - top), "-W", "100000",
                    "-H", px(top - bottom), pdf.string(), "-"});
}

std::string pdfjs_text(const std::filesystem::path& pdf) {
  return output_of({"node", PDFJS_EXTRACT, pdf.string()});
}

std::vector<FontRow> pdffonts(const std::filesystem::path& pdf) {
  auto out = output_of({"pdffonts", pdf.string()});
  std::vector<FontRow> rows;
  auto lines = split_lines(out);
  // Long names overflow pdffonts' columns, so rows are read as words: the
  // name, the type (one or more words), then encoding, emb, sub, uni,
  // object number and generation.
  for (std::size_t i = 2; i < lines.size(); ++i) {
    std::istringstream words(lines[i]);
    std::vector<std::string> w;
    for (std::string x; words >> x;) w.push_back(x);
    if (w.size() < 8) continue;
    FontRow r;
    auto n = w.size();
    r.name = w[0];
    for (std::size_t k = 1; k + 6 < n; ++k) r.type += (r.type.empty() ? "" : " ") + w[k];
    r.encoding = w[n - 6];
    r.embedded = w[n - 5] == "yes";
    r.subset = w[n - 4] == "yes";
    r.to_unicode = w[n - 3] == "yes";
    rows.push_back(r);
  }
  return rows;
}

std::vector<DrawnSpan> drawn_spans(const std::filesystem::path& pdf) {
  auto out = output_of({"mutool", "trace", pdf.string()});
  std::vector<DrawnSpan> spans;
  int page = 0;
  double page_height = 0;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    auto p = line.find_first_not_of(' ');
    if (p == std::string::npos) continue;
    if (line.compare(p, 6, "<span ") == 0) {
      DrawnSpan s;
      s.page = page;
      s.page_height = page_height;
      s.font = attr(line, "font");
      auto trm = attr(line, "trm");
      s.size = trm.empty() ? 0 : std::stod(trm);
      spans.push_back(s);
    } else if (line.compare(p, 6, "<page ") == 0) {
      page = std::stoi(attr(line, "number"));
      std::istringstream box(attr(line, "mediabox"));
      double x0 = 0, y0 = 0, x1 = 0;
      box >> x0 >> y0 >> x1 >> page_height;
    } else if (line.compare(p, 3, "<g ") == 0 && !spans.empty()) {
      // A glyph that reads as several characters is followed by one <g>
      // without a glyph id per further character.
      if (attr(line, "glyph").empty()) {
        if (!spans.back().glyphs.empty())
          spans.back().glyphs.back().unicode += unescape(attr(line, "unicode"));
        continue;
      }
      DrawnGlyph g;
      g.unicode = unescape(attr(line, "unicode"));
      g.glyph = static_cast<unsigned>(std::stoul(attr(line, "glyph")));
      g.x = std::stod(attr(line, "x"));
      g.y = std::stod(attr(line, "y"));
      auto adv = attr(line, "adv");
      g.advance = adv.empty() ? 0 : std::stod(adv);
      spans.back().glyphs.push_back(g);
    }
  }
  return spans;
}

int page_count(const std::filesystem::path& pdf) {
  auto out = output_of({"pdfinfo", pdf.string()});
  std::smatch m;
  static const std::regex pages(R"(Pages:\s+(\d+))");
  if (!std::regex_search(out, m, pages)) return -1;
  return std::stoi(m[1]);
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\f')) line.pop_back();
    while (!line.empty() && line.front() == '\f') line.erase(0, 1);
    lines.push_back(line);
  }
  return lines;
}

}  // namespace dossier::test
