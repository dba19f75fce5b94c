// The build: the steps of `dossier build`, in the order data flows through
// them. read the petition → lay out the front matter → lay out (and encode)
// the signature pages → record coverage → plan the parts → assemble the
// pieces (pieces.cpp) → encode the shared pages → write the pieces → seal →
// write the manifest (manifest_writer.cpp) → commit the set. build_into()
// calls them in that order.
#include <fmt/format.h>

#include <thread>
#include <unordered_map>

#include "book/book.h"
#include "book/coverage.h"
#include "book/edition_record.h"
#include "book/inputs.h"
#include "book/manifest_writer.h"
#include "book/output_set.h"
#include "book/petition.h"
#include "book/pieces.h"
#include "book/seal_set.h"
#include "book/sections.h"
#include "ingest/country_names.h"

namespace dossier::book {
namespace {

using layout::Page;

// Signatures shaped together (on all cores) before they are placed, and
// signature pages encoded together: large enough to keep the cores busy,
// small enough that a chunk's shaped names are a few megabytes.
constexpr std::size_t kEntriesPerChunk = 8192;
constexpr std::size_t kPagesPerBatch = 64;
// Where a build stopped by --strict leaves its reject report: beside the
// previous set, not in place of its rejects.csv.
constexpr const char* kStrictRejects = "rejects-strict.csv";

using Say = std::function<void(const std::string&)>;

// The export read, cleaned and numbered; rejects.csv and
// signatures.csv staged. Throws StrictFailure for --strict with rejects.
Petition read_signatures(OutputSet& output, Inputs& in, const BuildOptions& options,
                         BuildResult& result, const Say& say) {
  auto petition = read_petition(
      options, in.config, [&](const std::string& name) { return output.staged(name); }, say);
  auto& set = petition.set;
  result.synthetic = petition.synthetic;
  result.rejects = options.out_dir / "rejects.csv";
  result.rejected = set.stats.rejected;
  if (options.strict && !set.rejects.empty()) {
    // The report is what the user needs now, but it belongs to no complete
    // set: it goes beside the previous set (untouched) under its own name.
    std::filesystem::path report = options.out_dir / kStrictRejects;
    std::filesystem::rename(output.staged("rejects.csv"), report);
    throw StrictFailure(fmt::format("{} row(s) rejected (see {}); --strict stops here",
                                    set.rejects.size(), report.string()));
  }
  result.signatures = set.signatures.size();
  // The accepted signatures as rendered (number, name, city, country and
  // nothing else): the archive carries the list its volumes must hold.
  result.accepted = options.out_dir / "signatures.csv";
  write_accepted(output.staged("signatures.csv"), set.signatures);
  result.inputs.push_back(set.stats);
  in.figures.signatures = set.signatures.size();
  in.figures.synthetic = result.synthetic;
  return petition;
}

// The front matter, laid out before the signatures: its length decides
// where parts are cut.
std::vector<Front> lay_out_front_matter(const Context& ctx, const Inputs& in, const Section& parl) {
  std::vector<Front> fronts(in.config.recipients.size());
  for (std::size_t r = 0; r < fronts.size(); ++r) {
    const auto& recipient = in.config.recipients[r];
    auto& f = fronts[r];
    f.outline.push_back({ctx.words.text("bookmark.cover"),
                         append(f.pages, cover(ctx, recipient, in.figures, {}).pages, ctx.geometry),
                         0});
    auto let = letter(ctx, recipient, ingest::letters_for(recipient, in.letters), in.figures);
    std::size_t at = append(f.pages, std::move(let.pages), ctx.geometry);
    for (const auto& [title, page] : let.marks) f.outline.push_back({title, at + page, 0});
    at = append(f.pages, parl.pages, ctx.geometry);
    f.outline.push_back({ctx.words.text("bookmark.parliamentarians"), at, 0});
    for (const auto& [title, page] : parl.marks) f.outline.push_back({title, at + page, 1});
  }
  return fronts;
}

// Where a volume longer than part_pages (what one bound book holds) is
// cut: at the same signature pages in every volume, from the front
// matter's length and part_pages alone, so that --only knows its pages
// before the grid is laid out.
struct PartCuts {
  std::size_t limit = 0;      // pages per part
  std::size_t first_cut = 0;  // the first grid page of part 2

  PartCuts(const ingest::Config& config, std::size_t front_pages)
      : limit(static_cast<std::size_t>(std::max(config.part_pages, 10))),
        first_cut(limit > front_pages + 1 ? limit - front_pages : 1) {}
  // The grid pages [begin, end) of part k (0-based) when the volume is cut.
  std::size_t begin(std::size_t k) const { return k == 0 ? 0 : first_cut + (k - 1) * (limit - 1); }
  std::size_t end(std::size_t k) const { return first_cut + k * (limit - 1); }
};

std::size_t longest(const std::vector<Front>& fronts) {
  std::size_t n = 0;
  for (const auto& f : fronts) n = std::max(n, f.pages.size());
  return n;
}

// Receives the signature pages as the grid fills them, and encodes them a
// batch at a time so that memory holds compressed pages, not every shaped
// name of the petition.
class GridPages {
 public:
  GridPages(pdf::Writer& writer, const PartCuts& cuts, const BuildOptions& options,
            unsigned threads)
      : writer_(writer), cuts_(cuts), options_(options), threads_(threads) {}

  void add(Page page, std::uint64_t first_number) {
    // The same in every volume: encoded and compressed once.
    page.body = std::make_shared<const std::vector<layout::Item>>(std::move(page.items));
    page.items.clear();
    grid_.first_number.push_back(first_number);
    full_.push_back(std::move(page));
    if (full_.size() >= kPagesPerBatch) encode();
  }

  layout::SignaturePages finish() {
    encode();
    return std::move(grid_);
  }

 private:
  // --only VOLUME/PART encodes only the signature pages of that part
  // (the others are numbered, then dropped). A dossier short enough not
  // to be cut has all its pages in part 1's range.
  bool wanted(std::size_t page) const {
    if (!options_.only_part || *options_.only_part == 0) return true;
    const std::size_t k = *options_.only_part - 1;
    return page >= cuts_.begin(k) && page < cuts_.end(k);
  }

  void encode() {
    std::vector<bool> keep(full_.size());
    for (std::size_t i = 0; i < full_.size(); ++i) keep[i] = wanted(grid_.pages.size() + i);
    writer_.seal(full_, threads_, keep);
    for (auto& p : full_) grid_.pages.push_back(std::move(p));
    full_.clear();
  }

  pdf::Writer& writer_;
  const PartCuts& cuts_;
  const BuildOptions& options_;
  unsigned threads_;
  layout::SignaturePages grid_;
  std::vector<Page> full_;  // laid out, not yet encoded
};

// The SPECIMEN line at the foot of every signature page of sample data.
layout::TextItem specimen_mark(const Context& ctx) {
  return {ctx.cache.get("SPECIMEN — synthetic sample data, not real signatures",
                        text::Style{"sans", "", ""}),
          ctx.geometry.margin_left,
          ctx.geometry.margin_bottom - 18,
          7.5,
          layout::kAccent,
          {},
          {},
          layout::Tag::artifact_of(layout::Artifact::Pagination)};
}

// The signatures fed to the grid a chunk at a time (shaped on all cores),
// each with its place line in the dossier's words.
void feed_the_grid(layout::SignatureGrid& grid, const std::vector<ingest::Signature>& signatures,
                   const BuildOptions& options) {
  std::unordered_map<std::string, std::string> country_names;  // code -> name
  auto country_name = [&](const std::string& code) -> const std::string& {
    auto it = country_names.find(code);
    if (it == country_names.end())
      it = country_names.emplace(code, ingest::country_name(code)).first;
    return it->second;
  };
  std::vector<layout::SignatureEntry> chunk;
  for (std::size_t i = 0; i < signatures.size(); i += kEntriesPerChunk) {
    chunk.clear();
    for (std::size_t k = i; k < std::min(signatures.size(), i + kEntriesPerChunk); ++k) {
      const auto& s = signatures[k];
      chunk.push_back({s.number, s.name, place_line(s, country_name(s.country)), s.country});
    }
    grid.add(chunk);
    if (options.advance) {
      options.advance(static_cast<double>(i + chunk.size()) /
                      static_cast<double>(signatures.size()));
    }
  }
  grid.finish();
}

// The signature pages, the same in every volume: laid out once, a chunk
// of signatures at a time. Glyphs are numbered in one fixed order
// (signature pages, then every piece in dossier order) before anything
// runs in parallel, whether or not --only writes everything: the bytes
// never depend on thread timing or on which pieces a machine renders.
layout::SignaturePages lay_out_signature_pages(const Context& ctx,
                                               const std::vector<ingest::Signature>& signatures,
                                               const PartCuts& cuts, const BuildOptions& options,
                                               bool synthetic, pdf::Writer& writer,
                                               unsigned threads) {
  GridPages pages(writer, cuts, options, threads);
  const auto mark = specimen_mark(ctx);
  std::uint64_t largest = 1;
  for (const auto& s : signatures) largest = std::max(largest, s.number);
  // The grid is set one binding correction narrower than the text block,
  // so that it keeps its outer margin on both sides of a sheet.
  auto narrow = ctx.geometry;
  narrow.margin_right += narrow.binding_correction;
  layout::SignatureGrid grid(
      ctx.cache, narrow, ctx.config.columns, largest, threads,
      [&](Page page, std::uint64_t first_number) {
        page.block = layout::Block::Narrow;
        if (synthetic) page.items.push_back(mark);
        pages.add(std::move(page), first_number);
      },
      section_tag(SectionId::Signatures));
  feed_the_grid(grid, signatures, options);
  return pages.finish();
}

// The first grid page of each part. A volume is cut only when it
// is longer than one part; part 1 has the front matter, the last the
// summary, each other part a cover.
std::vector<std::size_t> plan_parts(const PartCuts& cuts, std::size_t front_pages,
                                    std::size_t grid_pages, std::size_t summary_pages) {
  std::vector<std::size_t> part_start{0};
  if (front_pages + grid_pages + summary_pages > cuts.limit && grid_pages > 0) {
    for (std::size_t p = cuts.first_cut; p < grid_pages; p += cuts.limit - 1) {
      part_start.push_back(p);
    }
  }
  return part_start;
}

// Texts a font could not draw, in coverage.csv. The grid's names are
// shaped again for it, only when some text had a character no font
// covers (the shaped names were not kept).
void record_coverage(OutputSet& output, const text::ShapeCache& cache,
                     const std::vector<ingest::Signature>& signatures,
                     const std::vector<Front>& fronts, const Section& sum,
                     const BuildOptions& options, BuildResult& result) {
  if (cache.saw_missing()) {
    result.uncovered =
        signature_coverage(signatures, [&](const std::string& t, const text::Style& style) {
          return itemisation_of(text::shape(cache.fonts(), t, style));
        });
  }
  for (const auto& f : fronts) add_page_coverage(f.pages, "front matter", result.uncovered);
  add_page_coverage(sum.pages, "summary", result.uncovered);
  result.names_with_missing_glyphs = signatures_affected(result.uncovered);
  result.coverage = options.out_dir / "coverage.csv";
  write_coverage(output.staged("coverage.csv"), result.uncovered);
}

// The summary's table: signatures by country, counted in a hash map (a
// look-up per signature), then ordered once.
std::map<std::string, std::uint64_t> count_by_country(
    const std::vector<ingest::Signature>& signatures) {
  std::unordered_map<std::string, std::uint64_t> counts;
  for (const auto& s : signatures) ++counts[s.country];
  return {counts.begin(), counts.end()};
}

// The new set replaces the previous one: PDFs first, the manifest last.
void commit(OutputSet& output, const BuildResult& result, const BuildOptions& options,
            const Say& say) {
  std::vector<std::string> files;
  for (const auto& v : result.volumes) files.push_back(v.file);
  for (const char* f : {"signatures.csv", "rejects.csv", "coverage.csv", "manifest.json"}) {
    files.emplace_back(f);
  }
  auto previous = previous_build(options.out_dir);
  previous.emplace_back(kStrictRejects);
  say("replacing the previous set");
  output.commit(files, previous);
}

// build(), writing every file into `output`'s staging folder and
// committing them at the end.
BuildResult build_into(OutputSet& output, Typesetting& typesetting, Inputs in,
                       const BuildOptions& options) {
  const Say say = [&](const std::string& s) {
    if (options.progress) options.progress(s);
  };
  BuildResult result;
  auto petition = read_signatures(output, in, options, result, say);
  const auto& signatures = petition.set.signatures;
  result.privacy = privacy_report(petition, options.read.consent_column);

  const auto ctx = context_for(typesetting, in, options);
  const auto parl = parliamentarians(ctx, in.signatories);
  const auto sum = summary(ctx, count_by_country(signatures), signatures.size());
  auto fronts = lay_out_front_matter(ctx, in, parl);
  report_hyphenation(typesetting.hyphenators, options);
  const std::size_t front_max = longest(fronts);
  const PartCuts cuts(in.config, front_max);

  say(fmt::format("laying out {} signatures", grouped(signatures.size())));
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  pdf::Writer writer(typesetting.cache.fonts(), in.config.tagged);
  const auto grid =
      lay_out_signature_pages(ctx, signatures, cuts, options, result.synthetic, writer, threads);
  record_coverage(output, typesetting.cache, signatures, fronts, sum, options, result);

  const auto part_start = plan_parts(cuts, front_max, grid.pages.size(), sum.pages.size());
  const std::size_t volumes = in.config.recipients.size();
  auto pieces = assemble_pieces(Assembly{ctx, in, options, signatures, grid, sum, part_start,
                                         result.synthetic, iso_now_free_date(in.config)},
                                std::move(fronts), typesetting.cache);
  for (const auto& p : pieces) writer.reserve(p.pages);
  pieces = only_the_pieces_asked_for(std::move(pieces), options, volumes, part_start.size());
  encode_shared_pages(writer, pieces, threads, say);
  result.volumes = write_pieces(writer, pieces, volumes, output, threads, say, options.advance);
  if (options.sealer) seal_staged(output, result.volumes, *options.sealer, say);

  result.manifest = options.out_dir / "manifest.json";
  write_manifest(output, result, in.config.title, in.figures.parliamentarians, petition);
  commit(output, result, options, say);
  return result;
}

}  // namespace

BuildResult build(const BuildOptions& options, const text::FontLibrary& fonts) {
  Typesetting typesetting(fonts, options);
  Inputs in = load_inputs(options, typesetting.catalogs);
  // Before any thread starts: it takes SIGINT and SIGTERM for all of them.
  OutputSet output(options.out_dir);
  try {
    return build_into(output, typesetting, std::move(in), options);
  } catch (const OutputError& e) {
    throw WriteFailure(output.shown(e.what()));
  }
}

}  // namespace dossier::book
