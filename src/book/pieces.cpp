#include "book/pieces.h"

#include <fmt/format.h>

#include <atomic>
#include <set>

#include "csv/csv.h"
#include "digest/sha256.h"
#include "parallel/parallel_for.h"

namespace dossier::book {
namespace {

using layout::Page;
using layout::TextItem;

const text::Style kSans{"sans", "", ""};
constexpr std::uint64_t kSignaturesPerBookmark = 5000;

std::int64_t n(std::size_t value) { return static_cast<std::int64_t>(value); }

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
    outline.push_back({words.text("bookmark.numbers", {{"first", n(starts[i].second)},
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

// Where one piece sits in the dossier: volume r (0-based), part k of
// `parts`, its grid pages [begin, end) and the last number on them.
struct Span {
  std::size_t r = 0, k = 0, parts = 1;
  std::size_t begin = 0, end = 0;
  std::uint64_t last = 0;
  std::string part_line;  // "Volume 2 · Part 1 of 3"; empty when not cut
};

Span span_of(const Assembly& a, std::size_t r, std::size_t k) {
  const auto& grid = a.grid;
  const std::size_t parts = a.part_start.size();
  Span s;
  s.r = r;
  s.k = k;
  s.parts = parts;
  s.begin = a.part_start[k];
  s.end = k + 1 < parts ? a.part_start[k + 1] : grid.pages.size();
  s.last = s.end < grid.pages.size() ? grid.first_number[s.end] - 1 : a.signatures.size();
  if (parts > 1) {
    s.part_line = a.ctx.words.text("cover.part",
                                   {{"volume", n(r + 1)}, {"part", n(k + 1)}, {"parts", n(parts)}});
  }
  return s;
}

// Part 1 opens with the front matter, its cover naming the part; any other
// part with a cover of its own.
void open_piece(const Assembly& a, Front& front, const Span& s, Piece& piece) {
  const auto& ctx = a.ctx;
  const auto& recipient = a.in.config.recipients[s.r];
  if (s.k == 0) {
    if (s.parts > 1) {
      auto covered = cover(ctx, recipient, a.in.figures, s.part_line).pages;
      front.pages.front() = std::move(covered.front());
    }
    piece.pages = std::move(front.pages);
    piece.info.outline = front.outline;
  } else {
    piece.info.outline.push_back(
        {ctx.words.text("bookmark.cover_of_part", {{"part", n(s.k + 1)}}),
         append(piece.pages, cover(ctx, recipient, a.in.figures, s.part_line).pages, ctx.geometry),
         0});
  }
}

// The part's signature pages with their bookmarks, and the summary after
// the last part's.
void add_signature_pages(const Assembly& a, const Span& s, Piece& piece) {
  const auto& ctx = a.ctx;
  auto& outline = piece.info.outline;
  std::size_t at = piece.pages.size();
  for (std::size_t p = s.begin; p < s.end; ++p) piece.pages.push_back(a.grid.pages[p]);
  outline.push_back({ctx.words.text("bookmark.signatures"), at, 0});
  add_number_bookmarks(ctx.words, a.grid, s.begin, s.end, s.last, at, outline);
  if (a.in.config.sort == ingest::SortOrder::Country) {
    add_country_bookmarks(ctx.words, a.grid, a.signatures, s.begin, s.end, at, outline);
  }
  if (s.k + 1 == s.parts) {
    at = append(piece.pages, a.summary.pages, ctx.geometry);
    outline.push_back({ctx.words.text("bookmark.summary"), at, 0});
  }
}

// Title, author, subject, keywords, date and language of the document.
void describe(const Assembly& a, const Span& s, pdf::DocumentInfo& info) {
  const auto& words = a.ctx.words;
  const auto& config = a.in.config;
  const auto& recipient = config.recipients[s.r];
  info.title = fmt::format("{} — {}{}", config.title, recipient.name,
                           s.parts > 1 ? " — " + s.part_line : "");
  info.author = config.author;
  info.subject = a.synthetic
                     ? words.text("properties.specimen")
                     : words.text("properties.subject", {{"signatures", n(a.signatures.size())},
                                                         {"recipient", recipient.name}});
  for (const auto& kw : config.keywords) {
    info.keywords += (info.keywords.empty() ? "" : ", ") + kw;
  }
  if (a.synthetic) {
    info.keywords += ", ";
    info.keywords += words.text("properties.specimen_keywords");
  }
  info.date = a.date;
  info.tagged = config.tagged;
  info.language = a.in.language;
}

// --attach-source: the piece's accepted signatures as a CSV file inside it.
void attach_source(const Assembly& a, Piece& piece) {
  const auto& r = piece.record;
  std::string csv = csv::row({"name", "city", "country"});
  for (auto number = r.first_number; number > 0 && number <= r.last_number; ++number) {
    const auto& sig = a.signatures[number - 1];
    csv += csv::row({sig.name, sig.city, sig.country});
  }
  piece.info.attachments.push_back(
      {"signatures.csv", "text/csv",
       a.ctx.words.text("properties.attachment",
                        {{"first", static_cast<std::int64_t>(r.first_number)},
                         {"last", static_cast<std::int64_t>(r.last_number)}}),
       std::move(csv)});
}

manifest::Volume record_of(const Assembly& a, const Span& s) {
  const auto& recipient = a.in.config.recipients[s.r];
  manifest::Volume v;
  v.file = s.parts > 1 ? fmt::format("{:02}-{}-part-{}-of-{}.pdf", s.r + 1, recipient.slug, s.k + 1,
                                     s.parts)
                       : fmt::format("{:02}-{}.pdf", s.r + 1, recipient.slug);
  v.recipient = recipient.name;
  v.volume = s.r + 1;
  v.part = s.k + 1;
  v.parts = s.parts;
  if (s.begin < s.end) {
    v.first_number = a.grid.first_number[s.begin];
    v.last_number = s.last;
  }
  v.signatures = v.last_number >= v.first_number && v.first_number > 0
                     ? v.last_number - v.first_number + 1
                     : 0;
  return v;
}

Piece assemble_piece(const Assembly& a, Front& front, const Span& s) {
  Piece piece;
  open_piece(a, front, s, piece);
  add_signature_pages(a, s, piece);
  piece.record = record_of(a, s);
  describe(a, s, piece.info);
  if (a.options.attach_source) attach_source(a, piece);
  return piece;
}

// Numbers run across the volume, and the total counts every page the
// parts really have (duplex blanks included).
void number_volume(const Assembly& a, text::ShapeCache& cache, std::size_t r, Piece* first,
                   Piece* end) {
  const auto& config = a.in.config;
  std::size_t volume_pages = 0;
  for (auto* p = first; p != end; ++p) volume_pages += p->pages.size();
  std::size_t first_page = 1;
  for (auto* p = first; p != end; ++p) {
    add_running_heads(p->pages, cache, a.ctx.words, a.ctx.geometry,
                      config.title + " · " + config.recipients[r].name, first_page, volume_pages);
    // Each part is bound on its own: its first page is a right-hand one.
    layout::bind_pages(p->pages, a.ctx.geometry);
    p->info.duplex = a.ctx.geometry.duplex;
    // Page labels number the part's pages as the volume does.
    p->info.labels.push_back({0, pdf::PageLabel::Style::Decimal, "", static_cast<int>(first_page)});
    p->record.first_page = first_page;
    p->record.volume_pages = volume_pages;
    first_page += p->pages.size();
  }
}

}  // namespace

std::size_t append(std::vector<Page>& pages, std::vector<Page> section, const layout::Geometry& g) {
  if (g.duplex && pages.size() % 2 == 1) {
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

void add_running_heads(std::vector<Page>& pages, text::ShapeCache& cache,
                       const messages::Catalog& words, const layout::Geometry& g,
                       const std::string& header, std::size_t first_number, std::size_t total) {
  const auto& fonts = cache.fonts();
  auto head = cache.get(header, kSans);
  const double head_y = g.height - g.margin_top + 26;
  // Page furniture: a screen reader skips it between two names.
  const auto furniture = layout::Tag::artifact_of(layout::Artifact::Pagination);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].blank) continue;
    const auto block = layout::text_block(pages[i], g);
    auto& items = pages[i].items;
    const double head_x = g.mirrored ? block.right - head->width(fonts, 7.5) : block.left;
    items.push_back(TextItem{head, head_x, head_y, 7.5, layout::kGrey, {}, {}, furniture});
    items.push_back(layout::RuleItem{block.left, head_y - 5, block.right, head_y - 5, 0.4,
                                     layout::kGrey, furniture});
    // Through the cache: every volume has the same page numbers, so the
    // four volumes of a million signatures share 39,000 footers instead of
    // holding 156,000 until they are written.
    auto foot = cache.get(
        words.text("footer.page", {{"page", n(first_number + i)}, {"total", n(total)}}), kSans);
    items.push_back(TextItem{foot,
                             (block.left + block.right - foot->width(fonts, 8)) / 2,
                             g.margin_bottom - 30,
                             8,
                             layout::kGrey,
                             {},
                             {},
                             furniture});
  }
}

std::vector<Piece> assemble_pieces(const Assembly& a, std::vector<Front> fronts,
                                   text::ShapeCache& cache) {
  std::vector<Piece> pieces;
  for (std::size_t r = 0; r < a.in.config.recipients.size(); ++r) {
    const std::size_t volume_first_piece = pieces.size();
    for (std::size_t k = 0; k < a.part_start.size(); ++k) {
      pieces.push_back(assemble_piece(a, fronts[r], span_of(a, r, k)));
    }
    number_volume(a, cache, r, pieces.data() + volume_first_piece, pieces.data() + pieces.size());
  }
  return pieces;
}

std::vector<Piece> only_the_pieces_asked_for(std::vector<Piece> pieces, const BuildOptions& options,
                                             std::size_t volumes, std::size_t parts) {
  if (!options.only_volume) return pieces;
  std::vector<Piece> kept;
  for (auto& p : pieces) {
    if (p.record.volume == *options.only_volume &&
        (!options.only_part || p.record.part == *options.only_part)) {
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

std::vector<manifest::Volume> write_pieces(pdf::Writer& writer, std::vector<Piece>& pieces,
                                           std::size_t volumes, OutputSet& output, unsigned threads,
                                           const std::function<void(const std::string&)>& say,
                                           const std::function<void(double)>& advance) {
  std::vector<manifest::Volume> written(pieces.size());
  std::atomic<std::size_t> done{0};
  parallel::parallel_for(pieces.size(), threads, [&](std::size_t i) {
    auto& piece = pieces[i];
    say(fmt::format("[{}/{}] writing {} ({} pages)", *piece.record.volume, volumes,
                    piece.record.file, piece.pages.size()));
    writer.write(piece.pages, piece.info, output.staged(piece.record.file));
    written[i] = std::move(piece.record);
    written[i].pages = piece.pages.size();
    written[i].sha256 = digest::sha256_file(output.staged(written[i].file));
    if (advance) advance(static_cast<double>(++done) / static_cast<double>(pieces.size()));
    // A written piece's pages are no longer needed.
    std::vector<Page>().swap(piece.pages);
  });
  return written;
}

}  // namespace dossier::book
