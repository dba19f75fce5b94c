// The layout stage: turns shaped text into pages of positioned items.
// Paragraphs (the letter: justified, hyphenated, total-fit line breaking),
// a vertical page flow with widow and orphan control, and the column grid
// of numbered signatures. This header is the stage's whole public surface.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "errors/error.h"
#include "picture/picture.h"
#include "text/text.h"

namespace dossier::layout {

// ---------------------------------------------------------------------------
// What the layout stage hands to the PDF stage: pages of positioned items.
// Plain values; shaped text is shared so that one name shaped once can be
// placed on many pages of many volumes.

struct Color {
  double r = 0, g = 0, b = 0;
};

// The house colours: grey for secondary text and rules, the accent for
// what marks a page (the specimen notice, headings, bars).
inline constexpr Color kGrey{0.4, 0.4, 0.4};
inline constexpr Color kAccent{0.55, 0.08, 0.1};

// Paper sizes in points: ISO 216 A4 (210 x 297 mm) and US Letter
// (8.5 x 11 in).
inline constexpr double kA4Width = 595.276;
inline constexpr double kA4Height = 841.89;
inline constexpr double kLetterWidth = 612;
inline constexpr double kLetterHeight = 792;

// What an item is in the document's logical structure, for tagged PDF
// (ISO 32000-1 14.7-14.8, PDF/UA-1): a part of a structure element, within
// its parents, or page furniture (an artifact) that a screen reader skips.
// The layout says what each item is; the PDF stage says how that is
// written (marked content, the structure tree, the parent tree).
enum class Role : std::uint8_t {
  None,  // not said: a tagged document refuses to be written with it
  Sect,
  H1,
  H2,
  H3,
  H4,
  H5,
  H6,
  P,
  L,
  LI,
  Lbl,
  LBody,
  Table,
  TR,
  TH,  // a column header (/Scope /Column)
  TD,
  Figure,
  Link,  // a link's text, and its annotation
  BlockQuote,
};

// Why an item is no content: page numbers, running heads and a table
// header repeated on a later page (Pagination), or rules and marks that
// only arrange the page (Layout).
enum class Artifact : std::uint8_t { No, Pagination, Layout };

// One element of a tag's path: its role, and a number telling it apart
// from its siblings of that role.
struct TagNode {
  Role role = Role::None;
  std::uint32_t id = 0;
  bool operator==(const TagNode&) const = default;
};

// Items with the same path belong to one element; two tags with the same
// path prefix share those elements, on any page of the document (a list
// that runs over a page break is one list).
struct Tag {
  // Deep enough for a list item's body in a list in a list in a quote
  // (Sect > BlockQuote > L > LI > LBody > L > LI > LBody > L > LI > LBody).
  static constexpr std::size_t kDepth = 12;
  std::array<TagNode, kDepth> path{};
  std::uint8_t depth = 0;
  Artifact artifact = Artifact::No;

  static Tag artifact_of(Artifact kind) {
    Tag t;
    t.artifact = kind;
    return t;
  }
  // The element `role` (told apart by `id`) inside this one.
  Tag child(Role role, std::uint32_t id = 0) const {
    Tag t = *this;
    if (t.depth >= kDepth) throw std::logic_error("a structure path deeper than Tag::kDepth");
    t.path[t.depth++] = {role, id};
    return t;
  }
  bool said() const { return depth > 0 || artifact != Artifact::No; }
  bool operator==(const Tag&) const = default;
};

// What an element says beyond its role: the alternative text of a figure,
// the language of text in another language than the document's.
struct ElementNote {
  Tag element;
  std::string alt;
  std::string lang;  // BCP 47
};

// What readers that take a line's /ActualText (poppler, PDFium) get for a
// text item: its own text, or, for the lines of a name wrapped over
// several, the whole name at the first line and nothing at the others, so
// that a search for the name finds it on one line (poppler's reading order
// files an indented continuation line in another block).
enum class Reads : std::uint8_t { Itself, Whole, Nothing };

// Shaped text placed with its left end at x and its baseline at y (points,
// origin bottom left, as in PDF).
struct TextItem {
  std::shared_ptr<const text::ShapedText> text;
  double x = 0;
  double y = 0;
  double size = 10;
  Color color;
  Reads reads = Reads::Itself;
  std::shared_ptr<const text::ShapedText> whole = nullptr;  // Reads::Whole: the whole name
  Tag tag = {};  // what it is; every item of a tagged document must say
};

struct RuleItem {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width = 0.5;
  Color color;
  Tag tag = Tag::artifact_of(Artifact::Layout);
};

struct RectItem {
  double x = 0, y = 0, w = 0, h = 0;
  Color fill;
  Tag tag = Tag::artifact_of(Artifact::Layout);
};

// A picture drawn with its lower left corner at x, y, w by h points.
struct ImageItem {
  std::shared_ptr<const picture::Picture> picture;
  double x = 0, y = 0, w = 0, h = 0;
  Tag tag = Tag::artifact_of(Artifact::Layout);
};

// A link: the rectangle a click on its text opens `uri` from (a link
// annotation; nothing is drawn). Its tag is its text's.
struct LinkItem {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string uri;
  Tag tag = {};
};

using Item = std::variant<TextItem, RuleItem, RectItem, ImageItem, LinkItem>;

// The item moved by dx, dy.
Item moved(Item item, double dx, double dy);

// How a page's content meets the binding correction (layout/binding.cpp):
// a text block keeps its width and moves away from the spine; a narrow
// block (the signature grid, laid out that much narrower) keeps its outer
// margin; a centred page (a cover) is centred on what binding leaves.
enum class Block { Text, Narrow, Centred };

struct Page {
  double width = kA4Width;  // points
  double height = kA4Height;
  Block block = Block::Text;
  // Everything on the page (body and items) is drawn this many points to
  // the right: the page's side of the binding correction, set once the
  // page's place in the bound book is known.
  double shift_x = 0;
  // Left empty so that a section starts on a right-hand page in duplex:
  // counted in the numbering, but nothing is printed on it, not even the
  // running head and footer.
  bool blank = false;
  // Items shared by the same page of several documents (the signature
  // pages of every volume), drawn first; the PDF stage encodes and
  // compresses a shared body once.
  std::shared_ptr<const std::vector<Item>> body;
  std::vector<Item> items;         // this page's own items, drawn over the body
  std::vector<ElementNote> notes;  // of elements whose items are on this page
};

// The tag of an item, whichever kind it is.
const Tag& tag_of(const Item& item);

// ---------------------------------------------------------------------------
// Making pages

// A layout that cannot be made: an entry that fits no column, a line no
// page can hold. The message names what could not be placed. Nothing is
// ever drawn outside the page instead.
using LayoutError = StageError<ErrorKind::bad_input, struct LayoutErrorTag>;

struct Geometry {
  double width = kA4Width;
  double height = kA4Height;
  double margin_left = 62, margin_right = 62, margin_top = 64, margin_bottom = 62;
  // A right-to-left dossier's pages: signature columns run from the right,
  // tables and charts are mirrored (the text in them is not).
  bool mirrored = false;
  // The bound book: the inner margin its spine hides (layout/binding.cpp),
  // and whether its sheets are printed on both sides.
  double binding_correction = 0;
  bool duplex = false;

  double content_width() const { return width - margin_left - margin_right; }
  double content_top() const { return height - margin_top; }
  static Geometry a4();
  static Geometry us_letter();
};

// The page's items (not their text) mirrored about the middle of its text
// area, `geometry`'s: what stood at the left edge stands at the right,
// left-aligned text ends where it began, columns and table cells change
// sides. For the sections of a right-to-left dossier that are laid out
// left to right.
void mirror_items(Page& page, const text::FontLibrary& fonts, const Geometry& geometry);

// Debian's US English hyphenation patterns (package hyphen-en-us).
inline constexpr const char* kEnglishHyphenation = "/usr/share/hyphen/hyph_en_US.dic";
// Where Debian's hyphen-* packages put their patterns.
inline constexpr const char* kHyphenationDir = "/usr/share/hyphen";

// The pattern file for a language (BCP 47 or ll_CC) among Debian's: its
// region's, its home country's (de_DE, ru_RU, be_BY), then any; nullopt
// when none is installed (the language is then set without hyphenation).
std::optional<std::filesystem::path> hyphenation_patterns(
    std::string_view language, const std::filesystem::path& dir = kHyphenationDir);

// libhyphen with one of Debian's pattern files (UTF-8).
class Hyphenator {
 public:
  // Throws LayoutError naming the file if it cannot be loaded.
  explicit Hyphenator(const std::filesystem::path& dictionary);
  ~Hyphenator();
  Hyphenator(const Hyphenator&) = delete;
  Hyphenator& operator=(const Hyphenator&) = delete;
  // Byte offsets inside `word` where a hyphen may go. Only plain words of
  // letters are hyphenated; anything else gets no points.
  std::vector<std::size_t> points(std::string_view word) const;

 private:
  struct Dict;
  std::unique_ptr<Dict> dict_;
};

// A piece of a paragraph in one style.
struct Span {
  std::string text;  // "\n": a line break here
  text::Style style;
  std::string link = {};  // the URI its text links to
  Tag tag = {};           // what its text is, when not its paragraph's (a link)
};

struct ParagraphStyle {
  double size = 11;
  double leading = 15;
  bool justify = true;
  // BCP 47: where lines may break (ICU's rules and dictionaries for it).
  std::string language = {};
  // Right to left: lines are laid out from the right edge, the last (and
  // every line of a ragged paragraph) flush right.
  bool rtl = false;
};

// One line of a paragraph; items are placed relative to the line's left
// edge (x) and baseline (y = 0).
struct Line {
  std::vector<TextItem> items;
  // Other items (links' rectangles, a list's rule, a picture), placed like
  // the text: x from the line's left edge, y from its baseline.
  std::vector<Item> extras;
  double leading = 0;
  // Where its text begins (from the measure's left edge) and how wide it
  // is set, from its first to its last word (a space glyph drawn after a
  // word does not count): a right-to-left line is set flush right.
  double left = 0;
  double width = 0;
};

// Gives every item of `lines` this tag.
void tag_lines(std::vector<Line>& lines, const Tag& tag);

// Breaks a paragraph into lines of at most `width` points with total-fit
// line breaking (Knuth and Plass: minimum total demerits over the whole
// paragraph, hyphenation as flagged penalties). Justified lines stretch the
// word spaces; the last line is set ragged.
std::vector<Line> break_paragraph(text::ShapeCache& cache, const Hyphenator* hyphenator,
                                  const std::vector<Span>& spans, const ParagraphStyle& style,
                                  double width);

// One line of a column set (PageFlow::add_columns): the space above it is
// dropped at the top of a column, and a row that keeps with the next is
// never the last of its column (a heading stays with what it heads, a
// wrapped entry stays whole).
struct ColumnRow {
  Line line;
  double space_before = 0;
  bool keep_with_next = false;
};

// Places blocks of lines down the content area of successive pages.
class PageFlow {
 public:
  explicit PageFlow(Geometry geometry);
  // Adds a paragraph's lines after `space_before` points. No paragraph
  // leaves one line alone at the foot of a page (orphan) or at the head of
  // the next (widow); `keep_with_next` moves a heading to the next page
  // rather than leave it at a page's foot.
  void add(const std::vector<Line>& lines, double space_before, bool keep_with_next = false);
  // Adds one item at the current position without advancing.
  void add_item(Item item);
  void skip(double points);
  void new_page();
  double y() const { return y_; }
  std::size_t page_count() const { return pages_.size(); }
  // A table: its header line, then the rows; the header is repeated at the
  // top of every page the rows continue on, and never left at a page's
  // foot without two rows under it.
  void add_table(const Line& header, const std::vector<Line>& rows, double space_before);
  // Rows set in `columns` columns `gap` points apart, starting below what
  // is on the current page and running over as many pages as they need,
  // each column filled top to bottom; the columns of the last page are
  // balanced (as short as the rows allow). Line items are placed relative
  // to their column's left edge. Returns the page (an index into take()'s
  // pages) each row landed on, so a heading's bookmark points where the
  // heading is.
  std::vector<std::size_t> add_columns(const std::vector<ColumnRow>& rows, int columns, double gap);
  double column_width(int columns, double gap) const {
    return (g_.content_width() - gap * (columns - 1)) / columns;
  }
  std::vector<Page> take();

 private:
  void place(const Line& line);
  Geometry g_;
  std::vector<Page> pages_;
  double y_ = 0;
  std::vector<Line> held_;  // keep-with-next lines waiting for the next block
  double held_space_ = 0;
};

struct SignatureEntry {
  std::uint64_t number = 0;
  std::string name;
  std::string place;    // "Berlin · Germany", may be empty
  std::string country;  // the signer's, ISO 3166 alpha-2: picks the face of a Han name
};

// The styles a signature's name and place line are set in; the coverage
// check itemises with the same ones.
text::Style signature_name_style(const std::string& country);
text::Style signature_place_style(const std::string& country);

struct SignaturePages {
  std::vector<Page> pages;
  std::vector<std::uint64_t> first_number;  // per page
};

// The same grid, a chunk of entries at a time: each page is handed to
// `done` (with the number of its first entry) as soon as it is full, so a
// caller can write it and let go of its shaped names; peak memory is then
// one chunk and one page, whatever the number of signatures. The pages
// come out exactly as layout_signatures() cuts them.
class SignatureGrid {
 public:
  using PageDone = std::function<void(Page page, std::uint64_t first_number)>;
  // `largest_number` sizes the number gutter.
  // Each column of each page is a list (L) inside `section`, each entry
  // a list item (LI) holding its number, name and place.
  SignatureGrid(text::ShapeCache& cache, const Geometry& geometry, int columns,
                std::uint64_t largest_number, unsigned threads, PageDone done,
                Tag section = Tag{}.child(Role::Sect));
  ~SignatureGrid();
  SignatureGrid(const SignatureGrid&) = delete;
  SignatureGrid& operator=(const SignatureGrid&) = delete;
  // Shapes the entries (on `threads` threads) and places them after the
  // previous ones.
  void add(const std::vector<SignatureEntry>& entries);
  // Hands over the last, partly filled page.
  void finish();

 private:
  struct Shaped;
  void place(const SignatureEntry& e, Shaped shaped);

  text::ShapeCache& cache_;
  std::unique_ptr<struct LineBreaks> breaks_;  // ICU's break iterators, for place() alone
  Geometry g_;
  int columns_;
  unsigned threads_;
  PageDone done_;
  double column_width_ = 0;
  double gutter_ = 0;
  double number_space_ = 0;  // the space drawn after each number
  int column_;               // == columns_: the next entry starts a page
  Tag section_;
  std::uint32_t lists_ = 0;  // columns begun: the id of the current one's L
  double y_ = 0;
  std::optional<Page> page_;
  std::uint64_t first_number_ = 0;
};

// Numbered entries in columns, filled top to bottom then left to right.
// Long names wrap within their column (at line-break opportunities, ICU;
// a long word is cut between grapheme clusters), in time linear in their
// length; right-to-left names are right-aligned. An entry never splits.
// Names are shaped on `threads` threads. Throws LayoutError naming the
// entry when one cannot be placed inside its column and the page (a
// single character wider than a column, an entry taller than a column).
SignaturePages layout_signatures(text::ShapeCache& cache,
                                 const std::vector<SignatureEntry>& entries,
                                 const Geometry& geometry, int columns, unsigned threads = 1,
                                 Tag section = Tag{}.child(Role::Sect));

// The binding correction: sets each page's shift_x from its block and its
// side in the bound book (index 0 the first right-hand page; in simplex
// every page is printed on its own sheet, bound on the left).
void bind_pages(std::vector<Page>& pages, const Geometry& geometry);
// The horizontal extent of a page's text block before its shift: for
// running heads that span exactly what is printed below them.
struct Extent {
  double left = 0, right = 0;
};
Extent text_block(const Page& page, const Geometry& geometry);

// Text placed so that it ends at `right` (for right-aligned text).
double right_aligned_x(const text::ShapedText& shaped, const text::FontLibrary& fonts, double size,
                       double right);

}  // namespace dossier::layout
