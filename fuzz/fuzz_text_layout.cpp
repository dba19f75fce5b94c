// Any valid UTF-8 a signer types ends up shaped, laid out and embedded in a
// PDF, so the text, layout and PDF stages must take any string. Invalid
// UTF-8 is the one input they may refuse (EncodingError); anything else
// they throw here is a bug.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "layout/layout.h"
#include "pdf/pdf.h"
#include "text/text.h"

namespace {

using namespace dossier;

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_text_layout: invariant broken: %s\n", what);
  std::abort();
}

void check(bool ok, const char* what) {
  if (!ok) fail(what);
}

// Loading every face of the manifest takes seconds and hundreds of
// megabytes; it is done once, as the CLI does once per run.
struct World {
  text::FontLibrary fonts{
      text::FontManifest::load(std::filesystem::path(DOSSIER_SOURCE_DIR) / "fonts/fonts.toml")};
  std::unique_ptr<layout::Hyphenator> hyphenator;
  std::filesystem::path dir;

  World() {
    // The same patterns the dossier build uses; without them the paragraph
    // breaker still runs, just without hyphenation points.
    std::filesystem::path patterns = "/usr/share/hyphen/hyph_en_US.dic";
    if (std::filesystem::exists(patterns)) {
      hyphenator = std::make_unique<layout::Hyphenator>(patterns);
    }
    std::string tmpl = (std::filesystem::temp_directory_path() / "fuzz-text-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) fail("cannot create a temp directory");
    dir = tmpl;
  }
  ~World() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

World& world() {
  static World w;
  return w;
}

void check_shaped(const text::ShapedText& shaped) {
  for (const auto& run : shaped.runs) {
    for (const auto& g : run.glyphs) check(!g.text.empty(), "a glyph reads as no text");
  }
  for (const auto& m : shaped.missing) check(m.offset < shaped.text.size(), "missing offset");
}

void check_items(const std::vector<layout::Item>& items) {
  for (const auto& item : items) {
    if (const auto* t = std::get_if<layout::TextItem>(&item)) {
      check(t->text != nullptr, "text item without text");
      check(std::isfinite(t->x) && std::isfinite(t->y), "text placed at a non-finite position");
    }
  }
}

// The signature grid never draws outside the page: an entry it cannot
// place is a LayoutError, not text past the margin.
void check_on_page(const layout::Page& page, const text::FontLibrary& fonts) {
  constexpr double kSlack = 0.01;
  for (const auto& item : page.items) {
    if (const auto* t = std::get_if<layout::TextItem>(&item)) {
      check(t->x >= -kSlack && t->x + t->text->width(fonts, t->size) <= page.width + kSlack,
            "text runs off the side of the page");
      check(t->y >= -kSlack && t->y <= page.height + kSlack, "text runs off the page");
    }
  }
}

const char* const kLanguages[] = {"", "fa", "hi", "ja", "ar", "ru"};
const char* const kRoles[] = {"serif", "sans", "serif-bold", "serif-italic"};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  world();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& w = world();
  std::string_view input(reinterpret_cast<const char*>(data), size);

  // A fresh cache per input: a shared one would keep every string the
  // fuzzer ever tried and grow without bound. The whole input is shaped
  // through it in the names' style, so the grid below finds it there.
  text::ShapeCache cache(w.fonts);
  try {
    check_shaped(*cache.get(input, {"serif", ""}));
  } catch (const text::EncodingError&) {
    return 0;  // not UTF-8: the one input the text stage may refuse
  }
  // Inputs go up to a megabyte (scripts/fuzz -max_len), to find work that
  // grows faster than the input. A megabyte is a junk name: it goes where
  // names go, the signature grid. The second style and the letter's
  // paragraph breaker (template text, never a signer's field) get the
  // inputs up to kParagraphBytes, which keeps one input within the
  // per-input timeout under the sanitizers.
  constexpr std::size_t kParagraphBytes = 64 * 1024;
  const bool small = size <= kParagraphBytes;
  if (small) {
    check_shaped(text::shape(w.fonts, input, {"sans", kLanguages[size % std::size(kLanguages)]}));
  }

  // Lines become signature entries ("name<TAB>place") and the spans of a
  // paragraph, as names and letter text would.
  std::vector<layout::SignatureEntry> entries;
  std::vector<layout::Span> spans;
  std::size_t start = 0;
  while (start <= input.size() && entries.size() < 8) {
    auto end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    std::string piece(input.substr(start, end - start));
    start = end + 1;
    if (piece.empty()) continue;
    layout::SignatureEntry e;
    e.number = entries.size() + 1;
    auto tab = piece.find('\t');
    e.name = piece.substr(0, tab);
    if (tab != std::string::npos) e.place = piece.substr(tab + 1);
    if (e.name.empty()) continue;
    entries.push_back(e);
    spans.push_back({piece, {kRoles[spans.size() % std::size(kRoles)], ""}});
  }

  auto geometry = size % 2 ? layout::Geometry::us_letter() : layout::Geometry::a4();
  int columns = 1 + static_cast<int>(size % 4);
  layout::SignaturePages grid;
  try {
    grid = layout::layout_signatures(cache, entries, geometry, columns);
  } catch (const layout::LayoutError&) {
    // An entry no column can hold (a huge name, a glyph wider than a
    // column) is refused by name: an expected outcome.
  }
  check(grid.pages.size() == grid.first_number.size(), "pages and first numbers differ");
  for (const auto& page : grid.pages) {
    check_items(page.items);
    check_on_page(page, w.fonts);
  }

  std::vector<layout::Line> lines;
  if (!spans.empty() && small) {
    layout::ParagraphStyle style;
    style.justify = size % 3 != 0;
    // Narrow measures force overfull lines and breaks inside words.
    double width = 40 + static_cast<double>(size % 400);
    lines = layout::break_paragraph(cache, w.hyphenator.get(), spans, style, width);
    for (const auto& line : lines) {
      std::vector<layout::Item> items(line.items.begin(), line.items.end());
      check_items(items);
    }
  }

  // Writing a PDF embeds font subsets and is far slower than shaping, so
  // only every 50th input goes all the way to a file.
  static unsigned counter = 0;
  if (++counter % 50 == 0) {
    layout::PageFlow flow(geometry);
    flow.add(lines, 0);
    auto pages = flow.take();
    for (auto& p : grid.pages) pages.push_back(std::move(p));
    pdf::DocumentInfo info;
    // Recipients' names reach the metadata too; cut on a character boundary.
    std::size_t cut = std::min<std::size_t>(input.size(), 200);
    while (cut > 0 && cut < input.size() &&
           (static_cast<unsigned char>(input[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    info.title = std::string(input.substr(0, cut));
    info.author = "fuzz";
    pdf::write_pdf(pages, info, w.fonts, w.dir / "out.pdf");
  }
  return 0;
}
