// Microbenchmarks of the stages on the hot path of a dossier build.
// Run: build/bench/micro (see docs/BENCHMARKS.md for the figures).
#include <benchmark/benchmark.h>

#include <sstream>

#include "layout/layout.h"
#include "pdf/pdf.h"
#include "sample/sample.h"
#include "text/text.h"

namespace {

using namespace dossier;

const text::FontLibrary& fonts() {
  static const auto* library = new text::FontLibrary(
      text::FontManifest::load(std::string(DOSSIER_SOURCE_DIR) + "/fonts/fonts.toml"));
  return *library;
}

// Names as `dossier sample` writes them (the first CSV field).
std::vector<std::string> sample_names(std::uint64_t count) {
  std::ostringstream csv;
  sample::write_csv(csv, sample::Tables::load(std::string(DOSSIER_SOURCE_DIR) + "/data/sample"),
                    count, 3);
  std::istringstream in(csv.str());
  std::string line;
  std::getline(in, line);
  std::vector<std::string> names;
  while (std::getline(in, line)) {
    if (line[0] == '"') {
      names.push_back(line.substr(1, line.find("\",") - 1));
    } else {
      names.push_back(line.substr(0, line.find(',')));
    }
  }
  return names;
}

void ShapeName(benchmark::State& state) {
  auto names = sample_names(1000);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(text::shape(fonts(), names[i++ % names.size()], {"serif", ""}));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ShapeName);

// Names as a build shapes them: through the run's cache, which shapes each
// distinct word once.
void ShapeNameByWords(benchmark::State& state) {
  auto names = sample_names(100000);
  text::ShapeCache cache(fonts());
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cache.shape_once(names[i++ % names.size()], {"serif", ""}));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ShapeNameByWords);

// A signature's number, shaped as every entry's is.
void ShapeNumber(benchmark::State& state) {
  std::uint64_t number = 10000;
  for (auto _ : state) {
    benchmark::DoNotOptimize(text::shape(fonts(), std::to_string(number++), {"sans", ""}));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ShapeNumber);

// Numbers as a build shapes them: through the run's cache, which takes the
// glyphs of characters no lookup touches from the cmap.
void ShapeNumberThroughCache(benchmark::State& state) {
  text::ShapeCache cache(fonts());
  std::uint64_t number = 10000;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cache.shape_once(std::to_string(number++), {"sans", ""}));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ShapeNumberThroughCache);

void BreakLetterParagraph(benchmark::State& state) {
  text::ShapeCache cache(fonts());
  layout::Hyphenator hyphenator(layout::kEnglishHyphenation);
  std::string paragraph =
      "Mr Bialiatski’s arrest in 2021 is troubling in many ways, not least because the work of "
      "Viasna is about Belarus upholding its international commitments. Your country is signatory "
      "to the UN’s “Convention against Torture and Other Cruel Inhuman or Degrading Treatment or "
      "Punishment” and the “International Covenant on Civil and Political Rights”. It is your "
      "responsibility to ensure the rights of your citizens are upheld in your country.";
  for (auto _ : state) {
    benchmark::DoNotOptimize(layout::break_paragraph(
        cache, &hyphenator, {{paragraph, {"serif", ""}}}, {11, 15.5, true}, 470));
  }
}
BENCHMARK(BreakLetterParagraph);

std::vector<layout::SignatureEntry> entries(std::uint64_t count) {
  std::vector<layout::SignatureEntry> out;
  std::uint64_t n = 0;
  for (auto& name : sample_names(count)) out.push_back({++n, name, "Berlin · Germany", "DE"});
  return out;
}

void LayOutSignaturePages(benchmark::State& state) {
  auto list = entries(1000);  // about ten pages
  for (auto _ : state) {
    text::ShapeCache cache(fonts());
    benchmark::DoNotOptimize(layout::layout_signatures(cache, list, layout::Geometry::a4(), 3));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(list.size()));
}
BENCHMARK(LayOutSignaturePages)->Unit(benchmark::kMillisecond);

void WriteSignaturePages(benchmark::State& state) {
  text::ShapeCache cache(fonts());
  auto pages = layout::layout_signatures(cache, entries(1000), layout::Geometry::a4(), 3).pages;
  auto out = std::filesystem::temp_directory_path() / "dossier-bench.pdf";
  for (auto _ : state) {
    pdf::write_pdf(pages, {}, fonts(), out);  // encode, compress, embed fonts, save
  }
  std::filesystem::remove(out);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(pages.size()));
  state.counters["pages"] = static_cast<double>(pages.size());
}
BENCHMARK(WriteSignaturePages)->Unit(benchmark::kMillisecond);

void EmbedFonts(benchmark::State& state) {
  // One line per script: the cost is subsetting and embedding a dozen fonts.
  text::ShapeCache cache(fonts());
  layout::Page page;
  double y = 800;
  for (const char* s : {"Götze", "Алесь", "Φωτεινή", "عَلَاء", "אברהם", "क्षत्रिय", "সৌমিত্র", "பொன்னு",
                        "ใจดี", "ნინო", "Թումանյան", "王小明", "김민준", "✊"}) {
    page.items.push_back(layout::TextItem{cache.get(s, {"serif", ""}), 50, y -= 20, 12, {}});
  }
  auto out = std::filesystem::temp_directory_path() / "dossier-bench-fonts.pdf";
  for (auto _ : state) pdf::write_pdf({page}, {}, fonts(), out);
  std::filesystem::remove(out);
}
BENCHMARK(EmbedFonts)->Unit(benchmark::kMillisecond);

}  // namespace

// What the installed-font fallback costs a run: making the library (the
// declared faces, the listing of the search directories) and, in the worst
// case, reading every installed face's cmap once (a character no font has
// walks them all).
void OpenFontLibrary(benchmark::State& state) {
  const bool index_all = state.range(0) != 0;
  auto manifest = text::FontManifest::load(std::string(DOSSIER_SOURCE_DIR) + "/fonts/fonts.toml");
  for (auto _ : state) {
    text::FontLibrary library(manifest);
    if (index_all) {
      bool any = false;
      for (auto id : library.installed("serif")) any = any || library.covers(id, U'\uE000');
      benchmark::DoNotOptimize(any);
    }
  }
}
BENCHMARK(OpenFontLibrary)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
