#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "csv/csv.h"
#include "book/coverage.h"
#include "book/book.h"
#include "book/edition_record.h"
#include "book/output_set.h"
#include "book/petition.h"
#include "book/seal_set.h"
#include "book/sections.h"
#include "iso8601/iso8601.h"
#include "manifest/manifest.h"
#include "parallel/parallel_for.h"
#include "pdf/pdf.h"
#include "sample/sample.h"

namespace dossier::book {
namespace {

using layout::Page;
using layout::TextItem;

const text::Style kSans{"sans", "", ""};
using layout::kAccent;
using layout::kGrey;

constexpr std::uint64_t kSignaturesPerBookmark = 5000;
// Signatures shaped together (on all cores) before they are placed, and
// signature pages encoded together: large enough to keep the cores busy,
// small enough that a chunk's shaped names are a few megabytes.
constexpr std::size_t kEntriesPerChunk = 8192;
constexpr std::size_t kPagesPerBatch = 64;
// Where a build stopped by --strict leaves its reject report: beside the
// previous set, not in place of its rejects.csv.
constexpr const char* kStrictRejects = "rejects-strict.csv";

// Appends a section, starting it on a right-hand (odd) page in duplex mode.
std::size_t append(std::vector<Page>& pages, std::vector<Page> section, bool duplex,
                   const layout::Geometry& g) {
  if (duplex && pages.size() % 2 == 1) {
    Page blank;
    blank.width = g.width;
    blank.height = g.height;
    blank.blank = true;
    pages.push_back(std::move(blank));
  }
  std::size_t first = pages.size();
  for (auto& p : section) pages.push_back(std::move(p));
  return first;
}

// Running header (title · recipient) and footer (Page X of Y), Y being the
// volume's true total and X counted from `first_number` (a part of a
// volume continues its numbering). Both span the page's text block; a
// blank page keeps its number but shows nothing.
void add_running_heads(std::vector<Page>& pages, text::ShapeCache& cache,
                       const messages::Catalog& words, const layout::Geometry& g, double correction,
                       const std::string& header, std::size_t first_number, std::size_t total) {
  const auto& fonts = cache.fonts();
  auto head = cache.get(header, kSans);
  const double head_y = g.height - g.margin_top + 26;
  // Page furniture: a screen reader skips it between two names.
  const auto furniture = layout::Tag::artifact_of(layout::Artifact::Pagination);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].blank) continue;
    const auto block = layout::text_block(pages[i], g, correction);
    auto& items = pages[i].items;
    const double head_x = g.mirrored ? block.right - head->width(fonts, 7.5) : block.left;
    items.push_back(TextItem{head, head_x, head_y, 7.5, kGrey, {}, {}, furniture});
    items.push_back(
        layout::RuleItem{block.left, head_y - 5, block.right, head_y - 5, 0.4, kGrey, furniture});
    // Through the cache: every volume has the same page numbers, so the
    // four volumes of a million signatures share 39,000 footers instead of
    // holding 156,000 until they are written.
    auto foot =
        cache.get(words.text("footer.page", {{"page", static_cast<std::int64_t>(first_number + i)},
                                             {"total", static_cast<std::int64_t>(total)}}),
                  kSans);
    items.push_back(TextItem{foot,
                             (block.left + block.right - foot->width(fonts, 8)) / 2,
                             g.margin_bottom - 30,
                             8,
                             kGrey,
                             {},
                             {},
                             furniture});
  }
}

// The signature grid is set one binding correction narrower than the text
// block, so that it keeps its outer margin on both sides of a sheet.
layout::Geometry grid_geometry(const layout::Geometry& g, double correction) {
  auto narrow = g;
  narrow.margin_right += correction;
  return narrow;
}

std::string iso_now_free_date(const ingest::Config& c) {
  // Reproducible: the configured date, or SOURCE_DATE_EPOCH, never the clock.
  if (!c.date.empty()) return c.date;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    const std::chrono::sys_seconds t{std::chrono::seconds{std::strtoll(epoch, nullptr, 10)}};
    return iso8601::format(iso8601::Moment{t});
  }
  return {};
}

struct Inputs {
  ingest::Config config;
  std::vector<ingest::LetterTemplate> letters;
  std::vector<ingest::Signatory> signatories;
  Figures figures;
  // The dossier's own words: --language, else dossier.toml's `language`.
  std::string language;
};

// Once per build: a language without a catalogue is printed in English.
void warn_about_language(const messages::Catalog& words, const BuildOptions& options) {
  if (words.found() || !options.warn) return;
  options.warn(fmt::format(
      "language \"{}\": no message catalogue ({}), so the dossier's own words are in English",
      words.language(), (options.messages / (words.language() + ".toml")).string()));
}

Inputs load_inputs(const BuildOptions& options) {
  Inputs in;
  in.config = ingest::load_config(options.templates / "dossier.toml");
  // --language changes the dossier's own words only: the letters and the
  // texts dossier.toml gives in its language stay as they are.
  in.letters = ingest::load_letters(options.templates, in.config.language);
  in.language = options.language.value_or(in.config.language);
  // The withheld line is the catalogue's, unless dossier.toml words it.
  auto& label = in.config.privacy.withheld_label;
  if (label == ingest::withheld_label_for(in.config.language)) {
    label = messages::Catalog(options.messages, in.language).text("privacy.withheld");
  }
  in.signatories = ingest::load_signatories(options.templates / "signatories.csv");
  // A letter without its recipient's salutation stops the run here,
  // before anything is written.
  ingest::check_letters(in.config, in.letters);
  warn_about_letters(in.letters, options.warn);
  std::set<std::string> countries;
  for (const auto& s : in.signatories) countries.insert(s.country);
  in.figures.parliamentarians = in.signatories.size();
  in.figures.parliament_countries = countries.size();
  return in;
}

// The languages set without hyphenation, named once: staff can install
// their patterns, or know why a German letter has ragged word gaps.
void report_hyphenation(const Hyphenators& hyphenators, const BuildOptions& options) {
  if (hyphenators.without_patterns().empty() || !options.progress) return;
  std::string languages;
  for (const auto& l : hyphenators.without_patterns()) {
    languages += (languages.empty() ? "" : ", ") + l;
  }
  options.progress(fmt::format(
      "set without hyphenation (no Debian hyphenation patterns installed for: {})", languages));
}

layout::Geometry geometry_of(const ingest::Config& c) {
  return c.page_size == ingest::PageSize::Letter ? layout::Geometry::us_letter()
                                                 : layout::Geometry::a4();
}

void write_accepted(const std::filesystem::path& file,
                    const std::vector<ingest::Signature>& signatures) {
  // Rows go through one buffer, written out a block at a time: a string
  // per field and per row was most of the cost of writing a million rows.
  constexpr std::size_t kBlock = 1 << 16;
  std::ofstream out(file, std::ios::binary);
  std::string block;
  block.reserve(2 * kBlock);
  csv::append_row(block, {"number", "name", "city", "country", "privacy"});
  for (const auto& s : signatures) {
    csv::append_row(block, {std::to_string(s.number), s.name, s.city, s.country,
                            ingest::level_name(s.privacy)});
    if (block.size() >= kBlock) {
      out << block;
      block.clear();
    }
  }
  out << block;
  out.flush();
  if (!out) throw OutputError(fmt::format("cannot write {}", file.string()));
}

// The steps of a build, in the order data flows through them: read the
// petition → lay out the front matter → lay out (and encode) the signature
// pages → record coverage → plan the parts → assemble the pieces → encode
// the shared pages → write the pieces → write the manifest → commit the set.
// build_into() below calls them in that order.

// The export read, cleaned and numbered; rejects.csv and
// signatures.csv staged. Throws StrictFailure for --strict with rejects.
Petition read_signatures(OutputSet& output, Inputs& in, const BuildOptions& options,
                         BuildResult& result, const std::function<void(const std::string&)>& say) {
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
  in.figures.signatures = set.signatures.size();
  in.figures.synthetic = result.synthetic;
  return petition;
}

// The front matter of each volume: cover, letter, parliamentarians.
struct Front {
  std::vector<Page> pages;
  std::vector<pdf::OutlineItem> outline;
};

// The front matter, laid out before the signatures: its length decides
// where parts are cut.
std::vector<Front> lay_out_front_matter(const Context& ctx, const Inputs& in, const Section& parl) {
  std::vector<Front> fronts(in.config.recipients.size());
  for (std::size_t r = 0; r < fronts.size(); ++r) {
    const auto& recipient = in.config.recipients[r];
    auto& f = fronts[r];
    f.outline.push_back(
        {ctx.words.text("bookmark.cover"),
         append(f.pages, cover(ctx, recipient, in.figures, {}).pages, false, ctx.geometry), 0});
    auto let = letter(ctx, recipient, ingest::letters_for(recipient, in.letters), in.figures);
    std::size_t at = append(f.pages, std::move(let.pages), in.config.duplex, ctx.geometry);
    for (const auto& [title, page] : let.marks) f.outline.push_back({title, at + page, 0});
    at = append(f.pages, parl.pages, in.config.duplex, ctx.geometry);
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

// The signature pages, the same in every volume: laid out once, a
// chunk of signatures at a time, each page encoded and compressed as soon
// as it is full and its shaped names let go, so that memory holds the
// compressed pages and not every shaped name of the petition.
layout::SignaturePages lay_out_signature_pages(const Context& ctx, text::ShapeCache& cache,
                                               const std::vector<ingest::Signature>& signatures,
                                               const PartCuts& cuts, const BuildOptions& options,
                                               bool synthetic, pdf::Writer& writer,
                                               unsigned threads) {
  layout::SignaturePages grid;
  auto mark = cache.get("SPECIMEN — synthetic sample data, not real signatures", kSans);
  std::vector<Page> full;  // pages laid out, not yet encoded
  // Glyphs are numbered in one fixed order (signature pages, then every
  // piece in dossier order) before anything runs in parallel, whether or
  // not --only writes everything: the bytes never depend on thread
  // timing or on which pieces a machine renders.
  // --only VOLUME/PART encodes only the signature pages of that part
  // (the others are numbered, then dropped). A dossier short enough not
  // to be cut has all its pages in part 1's range.
  auto wanted = [&](std::size_t page) {
    if (!options.only_part || *options.only_part == 0) return true;
    const std::size_t k = *options.only_part - 1;
    return page >= cuts.begin(k) && page < cuts.end(k);
  };
  auto seal = [&] {
    std::vector<bool> keep(full.size());
    for (std::size_t i = 0; i < full.size(); ++i) keep[i] = wanted(grid.pages.size() + i);
    writer.seal(full, threads, keep);
    for (auto& p : full) grid.pages.push_back(std::move(p));
    full.clear();
  };
  std::uint64_t largest = 1;
  for (const auto& s : signatures) largest = std::max(largest, s.number);
  const auto& config = ctx.config;
  layout::SignatureGrid layout_grid(
      cache, grid_geometry(ctx.geometry, config.binding_correction), config.columns, largest,
      threads,
      [&](Page page, std::uint64_t first_number) {
        page.block = layout::Block::Narrow;
        if (synthetic) {
          page.items.push_back(TextItem{mark,
                                        ctx.geometry.margin_left,
                                        ctx.geometry.margin_bottom - 18,
                                        7.5,
                                        kAccent,
                                        {},
                                        {},
                                        layout::Tag::artifact_of(layout::Artifact::Pagination)});
        }
        // The same in every volume: encoded and compressed once.
        page.body = std::make_shared<const std::vector<layout::Item>>(std::move(page.items));
        page.items.clear();
        grid.first_number.push_back(first_number);
        full.push_back(std::move(page));
        if (full.size() >= kPagesPerBatch) seal();
      },
      section_tag(SectionId::Signatures));
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
    layout_grid.add(chunk);
    if (options.advance) {
      options.advance(static_cast<double>(i + chunk.size()) /
                      static_cast<double>(signatures.size()));
    }
  }
  layout_grid.finish();
  seal();
  return grid;
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

// One PDF to write: a volume, or one part of it.
struct Piece {
  std::size_t volume = 0, part = 0;
  std::vector<Page> pages;
  pdf::DocumentInfo info;
  std::uint64_t first_number = 0, last_number = 0;
  std::string file;
  std::size_t first_page = 1, volume_pages = 0;
};

// Bookmarks by ranges of numbers, about every kSignaturesPerBookmark: each
// points at the page where its range begins and runs to the number before
// the next, so no number falls between two ranges. `at` is the piece page
// of grid page `begin`.
void add_number_bookmarks(const messages::Catalog& words, const layout::SignaturePages& grid,
                          std::size_t begin, std::size_t end, std::uint64_t part_last,
                          std::size_t at, std::vector<pdf::OutlineItem>& outline) {
  std::vector<std::pair<std::size_t, std::uint64_t>> starts;  // grid page, first number
  for (std::size_t p = begin; p < end; ++p) {
    auto first = grid.first_number[p];
    if (p == begin || (first - 1) / kSignaturesPerBookmark !=
                          (grid.first_number[p - 1] - 1) / kSignaturesPerBookmark) {
      starts.emplace_back(p, first);
    }
  }
  for (std::size_t i = 0; i < starts.size(); ++i) {
    auto hi = i + 1 < starts.size() ? starts[i + 1].second - 1 : part_last;
    outline.push_back(
        {words.text("bookmark.numbers", {{"first", static_cast<std::int64_t>(starts[i].second)},
                                         {"last", static_cast<std::int64_t>(hi)}}),
         at + starts[i].first - begin, 1});
  }
}

// In country order, a bookmark where each country's signatures begin.
void add_country_bookmarks(const messages::Catalog& words, const layout::SignaturePages& grid,
                           const std::vector<ingest::Signature>& signatures, std::size_t begin,
                           std::size_t end, std::size_t at,
                           std::vector<pdf::OutlineItem>& outline) {
  const std::size_t grid_pages = grid.pages.size();
  std::string last = "\x01";
  std::size_t page = begin;
  for (const auto& s : signatures) {
    while (page + 1 < end && grid.first_number[page + 1] <= s.number) ++page;
    if (s.number < grid.first_number[begin]) continue;
    if (end < grid_pages && s.number >= grid.first_number[end]) break;
    if (s.country != last) {
      auto name =
          s.country.empty() ? words.text("summary.country_not_given") : words.country(s.country);
      outline.push_back({name, at + page - begin, 1});
      last = s.country;
    }
  }
}

// What assembling the pieces needs beside the laid-out pages.
struct Assembly {
  const Context& ctx;
  const Inputs& in;
  const BuildOptions& options;
  const std::vector<ingest::Signature>& signatures;
  bool synthetic = false;
  std::string date;
};

// Every piece of every volume, in dossier order: its pages (front
// matter or a part's cover, its grid pages, the summary), bookmarks,
// document information, attachment, running heads and binding.
std::vector<Piece> assemble_pieces(const Assembly& a, std::vector<Front> fronts,
                                   const layout::SignaturePages& grid, const Section& sum,
                                   const std::vector<std::size_t>& part_start,
                                   text::ShapeCache& cache) {
  const auto& ctx = a.ctx;
  const auto& in = a.in;
  const auto& signatures = a.signatures;
  const std::size_t grid_pages = grid.pages.size();
  const std::size_t parts = part_start.size();
  auto grid_end = [&](std::size_t k) { return k + 1 < parts ? part_start[k + 1] : grid_pages; };
  std::vector<Piece> pieces;
  for (std::size_t r = 0; r < in.config.recipients.size(); ++r) {
    const auto& recipient = in.config.recipients[r];
    const std::size_t volume_first_piece = pieces.size();
    for (std::size_t k = 0; k < parts; ++k) {
      Piece piece;
      piece.volume = r;
      piece.part = k;
      auto& pages = piece.pages;
      auto& info = piece.info;
      std::string part_line =
          parts > 1 ? ctx.words.text("cover.part", {{"volume", static_cast<std::int64_t>(r + 1)},
                                                    {"part", static_cast<std::int64_t>(k + 1)},
                                                    {"parts", static_cast<std::int64_t>(parts)}})
                    : "";
      if (k == 0) {
        // The front matter, its cover naming the part.
        if (parts > 1) {
          auto covered = cover(ctx, recipient, in.figures, part_line).pages;
          fronts[r].pages.front() = std::move(covered.front());
        }
        pages = std::move(fronts[r].pages);
        info.outline = fronts[r].outline;
      } else {
        info.outline.push_back(
            {ctx.words.text("bookmark.cover_of_part", {{"part", static_cast<std::int64_t>(k + 1)}}),
             append(pages, cover(ctx, recipient, in.figures, part_line).pages, false, ctx.geometry),
             0});
      }
      std::size_t at = pages.size();
      for (std::size_t p = part_start[k]; p < grid_end(k); ++p) pages.push_back(grid.pages[p]);
      info.outline.push_back({ctx.words.text("bookmark.signatures"), at, 0});
      const std::uint64_t part_last =
          grid_end(k) < grid_pages ? grid.first_number[grid_end(k)] - 1 : signatures.size();
      add_number_bookmarks(ctx.words, grid, part_start[k], grid_end(k), part_last, at,
                           info.outline);
      if (in.config.sort == ingest::SortOrder::Country) {
        add_country_bookmarks(ctx.words, grid, signatures, part_start[k], grid_end(k), at,
                              info.outline);
      }
      if (k + 1 == parts) {
        at = append(pages, sum.pages, in.config.duplex, ctx.geometry);
        info.outline.push_back({ctx.words.text("bookmark.summary"), at, 0});
      }
      if (part_start[k] < grid_end(k)) {
        piece.first_number = grid.first_number[part_start[k]];
        piece.last_number = part_last;
      }
      info.title = fmt::format("{} — {}{}", in.config.title, recipient.name,
                               parts > 1 ? " — " + part_line : "");
      info.author = in.config.author;
      info.subject =
          a.synthetic
              ? ctx.words.text("properties.specimen")
              : ctx.words.text("properties.subject",
                               {{"signatures", static_cast<std::int64_t>(signatures.size())},
                                {"recipient", recipient.name}});
      for (const auto& kw : in.config.keywords) {
        info.keywords += (info.keywords.empty() ? "" : ", ") + kw;
      }
      if (a.synthetic) {
        info.keywords += ", ";
        info.keywords += ctx.words.text("properties.specimen_keywords");
      }
      info.date = a.date;
      info.tagged = in.config.tagged;
      info.language = in.language;
      if (a.options.attach_source) {
        std::string csv = csv::row({"name", "city", "country"});
        for (auto n = piece.first_number; n > 0 && n <= piece.last_number; ++n) {
          const auto& sig = signatures[n - 1];
          csv += csv::row({sig.name, sig.city, sig.country});
        }
        info.attachments.push_back(
            {"signatures.csv", "text/csv",
             ctx.words.text("properties.attachment",
                            {{"first", static_cast<std::int64_t>(piece.first_number)},
                             {"last", static_cast<std::int64_t>(piece.last_number)}}),
             std::move(csv)});
      }
      piece.file =
          parts > 1 ? fmt::format("{:02}-{}-part-{}-of-{}.pdf", r + 1, recipient.slug, k + 1, parts)
                    : fmt::format("{:02}-{}.pdf", r + 1, recipient.slug);
      pieces.push_back(std::move(piece));
    }
    // Numbers run across the volume, and the total counts every page the
    // parts really have (duplex blanks included).
    std::size_t volume_pages = 0;
    for (std::size_t i = volume_first_piece; i < pieces.size(); ++i) {
      volume_pages += pieces[i].pages.size();
    }
    std::size_t first_page = 1;
    for (std::size_t i = volume_first_piece; i < pieces.size(); ++i) {
      auto& piece = pieces[i];
      add_running_heads(piece.pages, cache, ctx.words, ctx.geometry, in.config.binding_correction,
                        in.config.title + " · " + recipient.name, first_page, volume_pages);
      // Each part is bound on its own: its first page is a right-hand one.
      layout::bind_pages(piece.pages, in.config.duplex, in.config.binding_correction);
      piece.info.duplex = in.config.duplex;
      // Page labels number the part's pages as the volume does.
      piece.info.labels.push_back(
          {0, pdf::PageLabel::Style::Decimal, "", static_cast<int>(first_page)});
      piece.first_page = first_page;
      piece.volume_pages = volume_pages;
      first_page += piece.pages.size();
    }
  }
  return pieces;
}

// --only: just the pieces asked for, numbered as in the whole dossier.
std::vector<Piece> only_the_pieces_asked_for(std::vector<Piece> pieces, const BuildOptions& options,
                                             std::size_t volumes, std::size_t parts) {
  if (!options.only_volume) return pieces;
  std::vector<Piece> kept;
  for (auto& p : pieces) {
    if (p.volume + 1 == *options.only_volume &&
        (!options.only_part || p.part + 1 == *options.only_part)) {
      kept.push_back(std::move(p));
    }
  }
  if (kept.empty()) {
    throw RequestError(fmt::format(
        "--only {}{}: there is no such volume or part (this dossier has {} volume(s) of {} "
        "part(s))",
        *options.only_volume,
        options.only_part ? fmt::format("/{}", *options.only_part) : std::string(), volumes,
        parts));
  }
  return kept;
}

// Each shared body once, in page order, encoded on all cores.
void encode_shared_pages(pdf::Writer& writer, const std::vector<Piece>& pieces, unsigned threads,
                         const std::function<void(const std::string&)>& say) {
  std::vector<Page> shared;
  std::set<const void*> seen;
  for (const auto& p : pieces) {
    for (const auto& page : p.pages) {
      if (page.body && seen.insert(page.body.get()).second) shared.push_back(page);
    }
  }
  say(fmt::format("encoding {} signature pages", shared.size()));
  writer.prepare(shared, threads);
}

// Every piece written into the staging folder, on all cores; each
// piece's pages let go once it is written.
std::vector<VolumeResult> write_pieces(pdf::Writer& writer, std::vector<Piece>& pieces,
                                       const ingest::Config& config, std::size_t parts,
                                       OutputSet& output, unsigned threads,
                                       const std::function<void(const std::string&)>& say,
                                       const std::function<void(double)>& advance) {
  const std::size_t volumes = config.recipients.size();
  auto make_piece = [&](const Piece& piece) {
    say(fmt::format("[{}/{}] writing {} ({} pages)", piece.volume + 1, volumes, piece.file,
                    piece.pages.size()));
    writer.write(piece.pages, piece.info, output.staged(piece.file));
    VolumeResult v;
    v.file = piece.file;
    v.recipient = config.recipients[piece.volume].name;
    v.volume = piece.volume + 1;
    v.part = piece.part + 1;
    v.parts = parts;
    v.pages = piece.pages.size();
    v.first_page = piece.first_page;
    v.volume_pages = piece.volume_pages;
    v.first_number = piece.first_number;
    v.last_number = piece.last_number;
    v.signatures = piece.last_number >= piece.first_number && piece.first_number > 0
                       ? piece.last_number - piece.first_number + 1
                       : 0;
    v.sha256 = ingest::sha256_file(output.staged(piece.file));
    return v;
  };
  std::vector<VolumeResult> written(pieces.size());
  std::atomic<std::size_t> done{0};
  parallel::parallel_for(pieces.size(), threads, [&](std::size_t i) {
    written[i] = make_piece(pieces[i]);
    if (advance) advance(static_cast<double>(++done) / static_cast<double>(pieces.size()));
    // A written piece's pages are no longer needed.
    std::vector<Page>().swap(pieces[i].pages);
  });
  return written;
}

// Texts a font could not draw, in coverage.csv. The grid's names are
// shaped again for it, only when some text had a character no font
// covers (the shaped names were not kept).
void record_coverage(OutputSet& output, const text::FontLibrary& fonts,
                     const text::ShapeCache& cache,
                     const std::vector<ingest::Signature>& signatures,
                     const std::vector<Front>& fronts, const Section& sum,
                     const BuildOptions& options, BuildResult& result) {
  if (cache.saw_missing()) {
    result.uncovered =
        signature_coverage(signatures, [&](const std::string& t, const text::Style& style) {
          return itemisation_of(text::shape(fonts, t, style));
        });
  }
  for (const auto& f : fronts) add_page_coverage(f.pages, "front matter", result.uncovered);
  add_page_coverage(sum.pages, "summary", result.uncovered);
  result.names_with_missing_glyphs = signatures_affected(result.uncovered);
  result.coverage = options.out_dir / "coverage.csv";
  write_coverage(output.staged("coverage.csv"), result.uncovered);
}

// The manifest: what was written and how the input rows add up.
void write_manifest(OutputSet& output, BuildResult& result, const Inputs& in,
                    const Petition& petition) {
  const auto& set = petition.set;
  result.inputs.push_back(set.stats);
  manifest::Manifest m;
  m.title = in.config.title;
  m.synthetic = result.synthetic;
  m.edition = edition_record(petition.edition, set.signatures);
  std::uint64_t pages_total = 0;
  for (const auto& v : result.volumes) {
    m.volumes.push_back({.file = v.file,
                         .recipient = v.recipient,
                         .volume = v.volume,
                         .part = v.part,
                         .parts = v.parts,
                         .pages = v.pages,
                         .first_page = v.first_page,
                         .volume_pages = v.volume_pages,
                         .signatures = v.signatures,
                         .first_number = v.first_number,
                         .last_number = v.last_number,
                         .sha256 = v.sha256,
                         .seal = v.seal ? std::optional(to_manifest(*v.seal)) : std::nullopt});
    pages_total += v.pages;
  }
  m.inputs.emplace();
  for (const auto& i : result.inputs) {
    m.inputs->push_back({.file = i.file,
                         .sha256 = i.sha256,
                         .rows_read = i.rows_read,
                         .accepted = i.accepted,
                         .duplicates = i.duplicates,
                         .rejected = i.rejected,
                         .names_with_missing_glyphs = result.names_with_missing_glyphs,
                         .format = i.format,
                         .encoding = i.encoding,
                         .delimiter = i.delimiter,
                         .sheet = i.sheet,
                         .duplicate_rule = i.duplicate_rule,
                         .unknown_country_rows = i.unknown_country_rows});
  }
  m.signatures = {.file = result.accepted.filename().string(),
                  .sha256 = ingest::sha256_file(output.staged("signatures.csv")),
                  .count = result.signatures};
  m.coverage = manifest::Coverage{.file = "coverage.csv", .texts = result.uncovered.size()};
  m.totals = manifest::Totals{.volumes = result.volumes.size(),
                              .pages = pages_total,
                              .signatures = result.signatures,
                              .parliamentarians = in.figures.parliamentarians,
                              .rows_read = set.stats.rows_read,
                              .duplicates = set.stats.duplicates,
                              .rejected = set.stats.rejected,
                              .names_with_missing_glyphs = result.names_with_missing_glyphs,
                              .texts_with_missing_glyphs = result.uncovered.size()};
  {
    std::ofstream out(output.staged("manifest.json"), std::ios::binary);
    out << manifest::to_json(m);
    out.flush();
    if (!out) throw OutputError(fmt::format("cannot write {}", result.manifest.string()));
  }
}

// build(), writing every file into `output`'s staging folder and
// committing them at the end.
BuildResult build_into(OutputSet& output, Inputs in, const BuildOptions& options,
                       const text::FontLibrary& fonts) {
  std::function<void(const std::string&)> say = [&](const std::string& s) {
    if (options.progress) options.progress(s);
  };
  BuildResult result;

  auto petition = read_signatures(output, in, options, result, say);
  auto& set = petition.set;
  result.privacy = privacy_report(petition, options.read.consent_column);

  text::ShapeCache cache(fonts);
  Hyphenators hyphenators;
  messages::Catalogs catalogs(options.messages);
  Context ctx{
      in.config, cache, hyphenators, geometry_of(in.config), catalogs, catalogs.of(in.language)};
  ctx.geometry.mirrored = ctx.words.right_to_left();
  warn_about_language(ctx.words, options);

  // Counted in a hash map (a look-up per signature), then ordered once.
  std::unordered_map<std::string, std::uint64_t> counts;
  for (const auto& s : set.signatures) ++counts[s.country];
  const std::map<std::string, std::uint64_t> by_country(counts.begin(), counts.end());
  auto parl = parliamentarians(ctx, in.signatories);
  auto sum = summary(ctx, by_country, set.signatures.size());

  auto fronts = lay_out_front_matter(ctx, in, parl);
  report_hyphenation(hyphenators, options);
  const std::size_t front_max = longest(fronts);
  const PartCuts cuts(in.config, front_max);

  say(fmt::format("laying out {} signatures", grouped(set.signatures.size())));
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  pdf::Writer writer(fonts, in.config.tagged);
  const auto grid = lay_out_signature_pages(ctx, cache, set.signatures, cuts, options,
                                            result.synthetic, writer, threads);

  record_coverage(output, fonts, cache, set.signatures, fronts, sum, options, result);

  const auto part_start = plan_parts(cuts, front_max, grid.pages.size(), sum.pages.size());
  const std::size_t volumes = in.config.recipients.size();
  const std::size_t parts = part_start.size();
  auto pieces = assemble_pieces(
      Assembly{ctx, in, options, set.signatures, result.synthetic, iso_now_free_date(in.config)},
      std::move(fronts), grid, sum, part_start, cache);
  for (const auto& p : pieces) writer.reserve(p.pages);
  pieces = only_the_pieces_asked_for(std::move(pieces), options, volumes, parts);
  encode_shared_pages(writer, pieces, threads, say);
  result.volumes =
      write_pieces(writer, pieces, in.config, parts, output, threads, say, options.advance);
  if (options.sealer) seal_staged(output, result.volumes, *options.sealer, say);

  result.manifest = options.out_dir / "manifest.json";
  write_manifest(output, result, in, petition);
  // The new set replaces the previous one: PDFs first, the manifest last.
  std::vector<std::string> files;
  for (const auto& v : result.volumes) files.push_back(v.file);
  for (const char* f : {"signatures.csv", "rejects.csv", "coverage.csv", "manifest.json"}) {
    files.emplace_back(f);
  }
  auto previous = previous_build(options.out_dir);
  previous.emplace_back(kStrictRejects);
  say("replacing the previous set");
  output.commit(files, previous);
  return result;
}

}  // namespace

BuildResult build(const BuildOptions& options, const text::FontLibrary& fonts) {
  Inputs in = load_inputs(options);
  // Before any thread starts: it takes SIGINT and SIGTERM for all of them.
  OutputSet output(options.out_dir);
  try {
    return build_into(output, std::move(in), options, fonts);
  } catch (const pdf::OutputError& e) {
    throw WriteFailure(output.shown(e.what()));
  } catch (const OutputError& e) {
    throw WriteFailure(output.shown(e.what()));
  }
}

std::vector<std::filesystem::path> build_letters(const BuildOptions& options,
                                                 const text::FontLibrary& fonts) {
  Inputs in = load_inputs(options);
  OutputSet output(options.out_dir);
  text::ShapeCache cache(fonts);
  Hyphenators hyphenators;
  messages::Catalogs catalogs(options.messages);
  Context ctx{
      in.config, cache, hyphenators, geometry_of(in.config), catalogs, catalogs.of(in.language)};
  ctx.geometry.mirrored = ctx.words.right_to_left();
  warn_about_language(ctx.words, options);
  auto parl = parliamentarians(ctx, in.signatories);
  std::vector<std::string> names;
  for (std::size_t r = 0; r < in.config.recipients.size(); ++r) {
    const auto& recipient = in.config.recipients[r];
    // One file per language: the dossier's is letter-01-name.pdf, any
    // other letter-01-name.<language>.pdf.
    for (const auto& one : ingest::letters_for(recipient, in.letters)) {
      std::vector<Page> pages;
      pdf::DocumentInfo info;
      auto let = letter(ctx, recipient, {one}, in.figures);
      append(pages, std::move(let.pages), false, ctx.geometry);
      for (const auto& [title, page] : let.marks) info.outline.push_back({title, page, 0});
      std::size_t at = append(pages, parl.pages, in.config.duplex, ctx.geometry);
      info.outline.push_back({ctx.words.text("bookmark.parliamentarians"), at, 0});
      for (const auto& [title, page] : parl.marks) info.outline.push_back({title, at + page, 1});
      add_running_heads(pages, cache, ctx.words, ctx.geometry, in.config.binding_correction,
                        in.config.title + " · " + recipient.name, 1, pages.size());
      layout::bind_pages(pages, in.config.duplex, in.config.binding_correction);
      info.duplex = in.config.duplex;
      info.title = ctx.words.text("properties.letter_title", {{"recipient", recipient.name}});
      info.author = in.config.author;
      info.subject = in.config.title;
      info.date = iso_now_free_date(in.config);
      info.tagged = in.config.tagged;
      info.language = one.language;
      const bool own = one.language == in.config.language;
      auto name = own ? fmt::format("letter-{:02}-{}.pdf", r + 1, recipient.slug)
                      : fmt::format("letter-{:02}-{}.{}.pdf", r + 1, recipient.slug, one.language);
      try {
        pdf::write_pdf(pages, info, fonts, output.staged(name));
      } catch (const pdf::OutputError& e) {
        throw WriteFailure(output.shown(e.what()));
      }
      if (options.progress) options.progress(fmt::format("wrote {}", name));
      names.push_back(name);
    }
  }
  report_hyphenation(hyphenators, options);
  // The letters are a set of their own: every letter-*.pdf of an earlier
  // run goes (a recipient removed from dossier.toml loses its letter).
  std::vector<std::string> previous;
  for (const auto& e : std::filesystem::directory_iterator(options.out_dir)) {
    auto f = e.path().filename().string();
    if (e.is_regular_file() && f.starts_with("letter-") && f.ends_with(".pdf")) {
      previous.push_back(f);
    }
  }
  output.commit(names, previous);
  std::vector<std::filesystem::path> written;
  for (const auto& n : names) written.push_back(options.out_dir / n);
  return written;
}

}  // namespace dossier::book
