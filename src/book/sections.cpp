#include "book/sections.h"

#include <fmt/format.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/ubidi.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include "iso8601/iso8601.h"

namespace dossier::book {
namespace {

using layout::Color;
using layout::Line;
using layout::Page;
using layout::Role;
using layout::Tag;
using layout::TextItem;

const text::Style kSerif{"serif", "", ""};
const text::Style kSerifBold{"serif-bold", "", ""};
const text::Style kSerifItalic{"serif-italic", "", ""};
const text::Style kSans{"sans", "", ""};
using layout::kAccent;
using layout::kGrey;

enum class Align { Left, Center, Right };

// The language and direction a text is set in.
struct Setting {
  std::string language;
  bool rtl = false;
};

// One line of text, wrapped into as many lines as it needs to fit `width`
// (0: the text block's), each aligned on the page as `align` says.
std::vector<Line> text_lines(const Context& ctx, const std::string& text, const text::Style& style,
                             double size, double leading, Align align = Align::Left,
                             Color color = {}, double width = 0, const Setting& setting = {}) {
  layout::ParagraphStyle ps{size, leading, false, setting.language, setting.rtl};
  if (width <= 0) width = ctx.geometry.content_width();
  auto lines = layout::break_paragraph(ctx.cache, nullptr, {{text, style}}, ps, width);
  for (auto& line : lines) {
    double shift = align == Align::Center  ? (width - line.width) / 2 - line.left
                   : align == Align::Right ? width - line.width - line.left
                                           : -line.left;
    for (auto& item : line.items) {
      item.x += shift;
      item.color = color;
    }
  }
  return lines;
}

std::vector<Line> tagged(std::vector<Line> lines, const Tag& tag) {
  layout::tag_lines(lines, tag);
  return lines;
}

// Numbers the elements of one role in a section: P 0, P 1, ...
class Elements {
 public:
  explicit Elements(Tag section) : section_(section) {}
  Tag next(Role role) { return section_.child(role, counts_[static_cast<std::size_t>(role)]++); }
  const Tag& section() const { return section_; }

 private:
  Tag section_;
  std::array<std::uint32_t, 32> counts_{};
};

// Moves a line's items sideways.
void shift(Line& line, double dx) {
  for (auto& item : line.items) item.x += dx;
  for (auto& item : line.extras) item = layout::moved(std::move(item), dx, 0);
}

// Sets a letter's blocks as a careful typesetter would: headings by
// level, justified paragraphs, lists with their markers hanging in the
// margin, block quotes indented, rules, pictures; mirrored right to left.
class LetterBody {
 public:
  LetterBody(const Context& ctx, layout::PageFlow& flow, Elements& elements, const Setting& setting,
             const layout::Hyphenator* hyphenator, std::vector<layout::ElementNote>& notes)
      : ctx_(ctx),
        flow_(flow),
        e_(elements),
        setting_(setting),
        hyphenator_(hyphenator),
        notes_(notes),
        measure_(ctx.geometry.content_width()),
        mono_(ctx.cache.fonts().has_role("mono") ? text::Style{"mono", "", ""} : kSans) {}

  void set(const ingest::LetterDocument& doc) {
    for (std::size_t k = 0; k < doc.blocks.size(); ++k) {
      const auto& b = doc.blocks[k];
      if (b.quote_depth > 0 && quote_depth_ == 0) ++quotes_;
      quote_depth_ = b.quote_depth;
      switch (b.kind) {
        case ingest::LetterBlock::Kind::Heading:
          heading(b);
          break;
        case ingest::LetterBlock::Kind::Paragraph:
          paragraph(b);
          break;
        case ingest::LetterBlock::Kind::Rule:
          rule(b);
          break;
        case ingest::LetterBlock::Kind::Image:
          image(b);
          break;
      }
      first_ = false;
      previous_ = &b;
    }
  }

 private:
  static constexpr double kListIndent = 22;   // each level of a list
  static constexpr double kQuoteIndent = 20;  // each level of a quote, both sides
  static constexpr std::size_t kTaggedLists = 3;

  // The block's text area: its edges from the measure's, mirrored right
  // to left (a list's indent on the right).
  struct Area {
    double left = 0, right = 0;
  };
  Area area_of(const ingest::LetterBlock& b) const {
    const double lists = kListIndent * static_cast<double>(b.lists.size());
    const double quote = kQuoteIndent * b.quote_depth;
    return setting_.rtl ? Area{quote, quote + lists} : Area{quote + lists, quote};
  }

  // Where a block sits in the structure: in its quote, in its lists' items
  // (the body of each), in the letter's section.
  Tag container_of(const ingest::LetterBlock& b) const {
    Tag t = e_.section();
    if (b.quote_depth > 0) t = t.child(Role::BlockQuote, quotes_);
    for (std::size_t k = 0; k < b.lists.size() && k < kTaggedLists; ++k) {
      t = t.child(Role::L, b.lists[k].list).child(Role::LI, b.lists[k].item).child(Role::LBody);
    }
    return t;
  }

  std::uint32_t next_id(Role role) { return e_.next(role).path[1].id; }

  text::Style style_of(ingest::Inline::Style s, bool heading) const {
    if (heading) return kSerifBold;
    switch (s) {
      case ingest::Inline::Style::Bold:
      case ingest::Inline::Style::BoldItalic:
        return kSerifBold;
      case ingest::Inline::Style::Italic:
        return kSerifItalic;
      case ingest::Inline::Style::Code:
        return mono_;
      case ingest::Inline::Style::Regular:
        break;
    }
    return kSerif;
  }

  // Its inlines as spans, each link's text a Link element of `owner`.
  std::vector<layout::Span> spans_of(const ingest::LetterBlock& b, const Tag& owner, bool heading) {
    std::vector<layout::Span> spans;
    for (const auto& in : b.inlines) {
      layout::Span span{in.text, style_of(in.style, heading)};
      if (!in.link.empty()) {
        span.link = in.link;
        span.tag = owner.child(Role::Link, links_++);
      }
      spans.push_back(std::move(span));
    }
    return spans;
  }

  // The space above a block: a list's items close together when tight.
  double space_before(const ingest::LetterBlock& b, double loose) const {
    if (first_) return 22;
    if (!b.lists.empty() && previous_ && !previous_->lists.empty() &&
        previous_->lists.front().list == b.lists.front().list && b.lists.back().tight) {
      return 2;
    }
    return loose;
  }

  // The lines of a paragraph or heading, in its area, with its list
  // marker hanging on the first line when it begins an item.
  std::vector<Line> lines_of(const ingest::LetterBlock& b, const layout::ParagraphStyle& style,
                             const Tag& tag, bool heading, const layout::Hyphenator* hyphenator) {
    const auto area = area_of(b);
    auto lines = layout::break_paragraph(ctx_.cache, hyphenator, spans_of(b, tag, heading), style,
                                         measure_ - area.left - area.right);
    layout::tag_lines(lines, tag);
    for (auto& line : lines) shift(line, area.left);
    if (!lines.empty() && !b.lists.empty() && !b.lists.back().marker.empty()) {
      Tag item = e_.section();
      if (b.quote_depth > 0) item = item.child(Role::BlockQuote, quotes_);
      const std::size_t depth = std::min(b.lists.size(), kTaggedLists);
      for (std::size_t k = 0; k < depth; ++k) {
        item = item.child(Role::L, b.lists[k].list).child(Role::LI, b.lists[k].item);
        if (k + 1 < depth) item = item.child(Role::LBody);
      }
      auto marker = ctx_.cache.get(b.lists.back().marker, style_of({}, heading));
      const double w = marker->width(ctx_.cache.fonts(), style.size);
      const double x = setting_.rtl ? measure_ - area.right + 5 : area.left - 5 - w;
      TextItem lbl{marker, x, 0, style.size, {}};
      lbl.tag = item.child(Role::Lbl);
      lines.front().items.insert(lines.front().items.begin(), std::move(lbl));
    }
    return lines;
  }

  void heading(const ingest::LetterBlock& b) {
    // Sizes and space above fall with the level.
    static constexpr double kSize[] = {14, 12.5, 11.5, 11, 11, 11};
    static constexpr double kSpace[] = {16, 12, 10, 8, 8, 8};
    const auto level = static_cast<std::size_t>(std::clamp(b.heading_level, 1, 6)) - 1;
    const double size = kSize[level];
    layout::ParagraphStyle style{size, std::round(size * 1.36), false, setting_.language,
                                 setting_.rtl};
    const auto role = static_cast<Role>(static_cast<int>(Role::H1) + static_cast<int>(level));
    const auto tag = container_of(b).child(role, next_id(role));
    flow_.add(lines_of(b, style, tag, true, nullptr), first_ ? 26 : kSpace[level], true);
  }

  void paragraph(const ingest::LetterBlock& b) {
    if (b.inlines.empty()) return;
    // Code is set ragged and whole, line for line.
    const bool code = std::all_of(b.inlines.begin(), b.inlines.end(), [](const auto& in) {
      return in.style == ingest::Inline::Style::Code;
    });
    layout::ParagraphStyle style{11, 15.5, !code, setting_.language, setting_.rtl};
    const auto tag = container_of(b).child(Role::P, next_id(Role::P));
    flow_.add(lines_of(b, style, tag, false, code ? nullptr : hyphenator_), space_before(b, 8));
  }

  // A short rule in the middle of the text area: page furniture.
  void rule(const ingest::LetterBlock& b) {
    const auto area = area_of(b);
    const double w = measure_ - area.left - area.right;
    Line line;
    line.leading = 14;
    line.extras.push_back(
        layout::RuleItem{area.left + w / 3, 4, area.left + 2 * w / 3, 4, 0.5, kGrey});
    flow_.add({line}, space_before(b, 8));
  }

  // A picture at its natural size, smaller where the text area or the
  // page is smaller; at the start of the line (right, right to left).
  void image(const ingest::LetterBlock& b) {
    if (!b.picture) return;
    const auto area = area_of(b);
    const double room = measure_ - area.left - area.right;
    const auto& g = ctx_.geometry;
    const double tallest = g.height - g.margin_top - g.margin_bottom - 12;
    double w = b.picture->natural_width(), h = b.picture->natural_height();
    const double scale = std::min({1.0, room / w, tallest / h});
    w *= scale;
    h *= scale;
    const auto tag = container_of(b).child(Role::Figure, next_id(Role::Figure));
    Line line;
    line.leading = h + 6;
    layout::ImageItem item{
        b.picture, setting_.rtl ? area.left + room - w : area.left, -0.25 * h + 1.5, w, h, tag};
    line.extras.push_back(std::move(item));
    notes_.push_back({tag, b.alt, ""});
    flow_.add({line}, space_before(b, 8));
  }

  const Context& ctx_;
  layout::PageFlow& flow_;
  Elements& e_;
  Setting setting_;
  const layout::Hyphenator* hyphenator_;
  std::vector<layout::ElementNote>& notes_;
  double measure_;
  text::Style mono_;
  bool first_ = true;
  const ingest::LetterBlock* previous_ = nullptr;
  int quote_depth_ = 0;
  std::uint32_t quotes_ = 0;
  std::uint32_t links_ = 0;
};

// A picture at the top of the letter, at the start of the line: page
// furniture, not a figure of the letter.
void add_logo(const Context& ctx, layout::PageFlow& flow, const Setting& setting) {
  const auto& logo = ctx.config.letter.logo;
  if (!logo) return;
  const double w = std::min(ctx.config.letter.logo_width, ctx.geometry.content_width());
  const double h = w * logo->natural_height() / logo->natural_width();
  Line line;
  line.leading = h + 10;
  line.extras.push_back(layout::ImageItem{logo, setting.rtl ? ctx.geometry.content_width() - w : 0,
                                          -0.25 * (h + 10) + 4, w, h});
  flow.add({line}, 0);
}

}  // namespace

const layout::Hyphenator* Hyphenators::for_language(const std::string& language) {
  if (auto it = loaded_.find(language); it != loaded_.end()) return it->second.get();
  std::unique_ptr<layout::Hyphenator> h;
  if (auto patterns = layout::hyphenation_patterns(language)) {
    h = std::make_unique<layout::Hyphenator>(*patterns);
  } else {
    missing_.push_back(language);
  }
  return loaded_.emplace(language, std::move(h)).first->second.get();
}

void warn_about_letters(const std::vector<ingest::LetterTemplate>& letters,
                        const std::function<void(const std::string&)>& warn) {
  if (!warn) return;
  for (const auto& letter : letters) {
    for (const auto& w : letter.document.warnings) {
      warn(fmt::format("{}, line {}: {}", letter.file.string(), w.line, w.what));
    }
  }
}

bool right_to_left(const std::string& language, const std::string& text) {
  const std::string lang = language.substr(0, language.find_first_of("-_"));
  for (const char* rtl :
       {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr", "nqo", "arc"}) {
    if (lang == rtl) return true;
  }
  // The first strong character of the text decides (UAX #9 P2-P3).
  const auto u = icu::UnicodeString::fromUTF8(text);
  return ubidi_getBaseDirection(u.getBuffer(), u.length()) == UBIDI_RTL;
}

layout::Tag section_tag(SectionId id, std::size_t offset) {
  return Tag{}.child(Role::Sect,
                     static_cast<std::uint32_t>(id) + static_cast<std::uint32_t>(offset));
}

namespace {

// A right-to-left dossier's tables, charts and lists in columns read from
// the right: laid out left to right, then mirrored.
void mirror_if_right_to_left(const Context& ctx, std::vector<layout::Page>& pages) {
  if (!ctx.geometry.mirrored) return;
  for (auto& page : pages) layout::mirror_items(page, ctx.cache.fonts(), ctx.geometry);
}

// The handover's date and time: `display` as dossier.toml words it in its
// language; in another (build --language), as that language writes it.
std::string handover_moment(const Context& ctx) {
  const auto& h = ctx.config.handover;
  if (ctx.words.language() == ctx.config.language) return h.display;
  auto moment = iso8601::parse(h.datetime);
  if (!moment) return h.display;
  const auto local = moment->utc + moment->offset;
  return ctx.words.date_and_time(
      std::chrono::duration_cast<std::chrono::milliseconds>(local.time_since_epoch()).count());
}

}  // namespace

Section cover(const Context& ctx, const ingest::Recipient& recipient, const Figures& figures,
              const std::string& part_line) {
  const auto& c = ctx.config;
  layout::PageFlow flow(ctx.geometry);
  // The title is the heading; every other line is a paragraph of its own.
  Elements e(section_tag(SectionId::Cover));
  auto line = [&](const std::string& text, const text::Style& style, double size, double leading,
                  Color color, Role role, double space_before) {
    auto tag = e.next(role);
    flow.add(tagged(text_lines(ctx, text, style, size, leading, Align::Center, color), tag),
             space_before);
    return tag;
  };
  flow.skip(70);
  if (figures.synthetic) {
    line(ctx.words.text("cover.specimen"), kSans, 11, 16, kAccent, Role::P, 0);
    flow.skip(20);
  }
  line(c.title, kSerifBold, 26, 33, {}, Role::H1, 0);
  if (!part_line.empty()) line(part_line, kSans, 12, 18, kAccent, Role::P, 10);
  if (!c.subtitle.empty()) line(c.subtitle, kSerif, 14, 20, {}, Role::P, 12);
  flow.skip(60);
  line(ctx.words.text("cover.addressed_to"), kSans, 10, 14, kGrey, Role::P, 0);
  line(recipient.name, kSerifBold, 20, 26, {}, Role::P, 6);
  std::optional<Tag> cyrillic;
  if (!recipient.name_cyrillic.empty()) {
    cyrillic = line(recipient.name_cyrillic, kSerif, 17, 23, {}, Role::P, 0);
  }
  if (!recipient.title.empty()) line(recipient.title, kSerifItalic, 12, 17, {}, Role::P, 4);
  flow.skip(60);
  line(ctx.words.text("cover.handed_over_at"), kSans, 10, 14, kGrey, Role::P, 0);
  line(c.handover.place, kSerif, 13, 18, {}, Role::P, 4);
  line(handover_moment(ctx), kSerif, 13, 18, {}, Role::P, 0);
  flow.skip(50);
  auto figures_line = ctx.words.text(
      "cover.figures", {{"parliamentarians", static_cast<std::int64_t>(figures.parliamentarians)},
                        {"countries", static_cast<std::int64_t>(figures.parliament_countries)},
                        {"signatures", static_cast<std::int64_t>(figures.signatures)}});
  line(figures_line, kSerif, 13, 18, {}, Role::P, 0);
  if (!c.campaign.empty()) {
    flow.skip(40);
    line(c.campaign, kSans, 10, 14, kGrey, Role::P, 0);
  }
  auto pages = flow.take();
  for (auto& page : pages) page.block = layout::Block::Centred;
  // The name as written in Russian, read as Russian by a screen reader.
  if (cyrillic && !pages.empty()) pages.front().notes.push_back({*cyrillic, "", "ru"});
  return {std::move(pages), {}};
}

namespace {

// Letterhead: the logo, the sender, then place and date on the other
// side; then the recipient's address.
void add_letterhead(const Context& ctx, layout::PageFlow& flow, Elements& e, const Setting& setting,
                    const ingest::Recipient& recipient) {
  const auto letterhead = ingest::letterhead(ctx.config, setting.language);
  const Align start = setting.rtl ? Align::Right : Align::Left;
  const Align end = setting.rtl ? Align::Left : Align::Right;
  add_logo(ctx, flow, setting);
  if (!letterhead.sender.empty()) {
    flow.add(tagged(text_lines(ctx, letterhead.sender, kSerifBold, 12, 16, start, {}, 0, setting),
                    e.next(Role::P)),
             0);
  }
  auto dateline =
      letterhead.place.empty() ? letterhead.date : letterhead.place + ", " + letterhead.date;
  if (!dateline.empty()) {
    flow.add(
        tagged(text_lines(ctx, dateline, kSerif, 11, 15, end, {}, 0, setting), e.next(Role::P)), 6);
  }
  std::vector<Line> address;
  for (const auto& part : {recipient.name, recipient.name_cyrillic, recipient.title}) {
    if (part.empty()) continue;
    auto lines = text_lines(ctx, part, kSerif, 11, 15, start, {}, 0, setting);
    address.insert(address.end(), lines.begin(), lines.end());
  }
  flow.add(tagged(std::move(address), e.next(Role::P)), 14);
}

// The closing line is the dossier's own words, in the letter's language
// (English where it has no catalogue). The letters sent ahead (dossier
// letters) go before the petition is counted: they name only the
// parliamentarians.
void add_closing(const Context& ctx, layout::PageFlow& flow, Elements& e,
                 const std::string& language, const Figures& figures) {
  const auto& words = ctx.catalogs.of(language);
  auto closing =
      words.text(figures.signatures > 0 ? "letter.closing" : "letter.closing_without_petition",
                 {{"parliamentarians", static_cast<std::int64_t>(figures.parliamentarians)},
                  {"countries", static_cast<std::int64_t>(figures.parliament_countries)},
                  {"signatures", static_cast<std::int64_t>(figures.signatures)}});
  const std::string closing_language = words.found() ? language : "en";
  layout::ParagraphStyle closing_style{11, 15.5, true, closing_language,
                                       right_to_left(closing_language, closing)};
  flow.add(tagged(layout::break_paragraph(ctx.cache, ctx.hyphenators.for_language(closing_language),
                                          {{closing, kSerifItalic}}, closing_style,
                                          ctx.geometry.content_width()),
                  e.next(Role::P)),
           14);
}

}  // namespace

Section letter(const Context& ctx, const ingest::Recipient& recipient,
               const std::vector<ingest::LetterTemplate>& letters, const Figures& figures) {
  layout::PageFlow flow(ctx.geometry);
  Section section;
  std::vector<layout::ElementNote> notes;
  for (std::size_t li = 0; li < letters.size(); ++li) {
    if (li > 0) flow.new_page();
    section.marks.emplace_back(
        li == 0 ? ctx.words.text("bookmark.letter")
                : ctx.words.text("bookmark.letter_in", {{"language", letters[li].language}}),
        flow.page_count() - 1);
    // Each letter a section in its own language, set in its direction:
    // a right-to-left letter has its lines flush right and its letterhead
    // mirrored.
    const auto& language = letters[li].language;
    const auto markdown = ingest::fill_letter(letters[li], recipient, ctx.config);
    const Setting setting{language, right_to_left(language, markdown)};
    const auto* hyphenator = ctx.hyphenators.for_language(language);
    Elements e(section_tag(SectionId::FirstLetter, li));
    notes.push_back({e.section(), "", language});
    add_letterhead(ctx, flow, e, setting, recipient);
    LetterBody(ctx, flow, e, setting, hyphenator, notes)
        .set(ingest::letter_document(markdown, letters[li]));
    add_closing(ctx, flow, e, language, figures);
  }
  section.pages = flow.take();
  if (!section.pages.empty()) section.pages.front().notes = std::move(notes);
  return section;
}

namespace {

// The parliamentarians of one parliament, in the order they signed.
struct Group {
  std::string country, parliament;
  std::vector<const ingest::Signatory*> people;
};

// Country, then parliament, both in the dossier language's collation
// order.
std::map<std::string, Group> group_by_parliament(
    const Context& ctx, const std::vector<ingest::Signatory>& signatories) {
  std::map<std::string, Group> groups;
  for (const auto& s : signatories) {
    auto country = ctx.words.country(s.country);
    auto key = ctx.words.sort_key(country) + '\x00' + ctx.words.sort_key(s.parliament);
    auto& g = groups[key];
    g.country = country;
    g.parliament = s.parliament;
    g.people.push_back(&s);
  }
  return groups;
}

// The rows of the two columns: each line a row; all but the last keep
// with the next, and the last too when `keep` (a heading stays with what
// it heads).
class ColumnRows {
 public:
  void add(std::vector<Line> lines, double space_before, bool keep) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      rows_.push_back(
          {std::move(lines[i]), i == 0 ? space_before : 0, keep || i + 1 < lines.size()});
    }
  }
  std::size_t size() const { return rows_.size(); }
  const std::vector<layout::ColumnRow>& rows() const { return rows_; }

 private:
  std::vector<layout::ColumnRow> rows_;
};

// A parliament's heading (H3) and its people, a list.
void add_parliament(const Context& ctx, const Group& g, Elements& e, double width,
                    ColumnRows& rows) {
  rows.add(tagged(text_lines(ctx, g.parliament, kSerifItalic, 11, 15, Align::Left, kGrey, width),
                  e.next(Role::H3)),
           5, true);
  const Tag list = e.next(Role::L);
  std::uint32_t item = 0;
  bool first = true;
  for (const auto* p : g.people) {
    auto text = p->role.empty() ? p->name : p->name + " — " + p->role;
    rows.add(tagged(text_lines(ctx, text, kSerif, 10.5, 14, Align::Left, {}, width),
                    list.child(Role::LI, item++)),
             first ? 2 : 0, false);
    first = false;
  }
}

}  // namespace

Section parliamentarians(const Context& ctx, const std::vector<ingest::Signatory>& signatories) {
  const auto groups = group_by_parliament(ctx, signatories);
  Section section;
  layout::PageFlow flow(ctx.geometry);
  // A heading per country (H2) and parliament (H3), the people of each
  // parliament a list, wherever its columns and pages break it.
  Elements e(section_tag(SectionId::Parliamentarians));
  flow.add(tagged(text_lines(ctx, ctx.words.text("parliamentarians.heading"), kSerifBold, 16, 22),
                  e.next(Role::H1)),
           0);
  flow.skip(10);
  // Two columns: a short list of short lines reads better, and takes half
  // the pages, side by side.
  constexpr int kColumns = 2;
  constexpr double kGap = 20;
  const double width = flow.column_width(kColumns, kGap);
  ColumnRows rows;
  std::string last_country;
  for (const auto& [key, g] : groups) {
    if (g.country != last_country) {
      // Its page is where the flow places the heading's first row (below).
      section.marks.emplace_back(g.country, rows.size());
      rows.add(tagged(text_lines(ctx, g.country, kSerifBold, 13, 18, Align::Left, {}, width),
                      e.next(Role::H2)),
               14, true);
      last_country = g.country;
    }
    add_parliament(ctx, g, e, width, rows);
  }
  const auto landed = flow.add_columns(rows.rows(), kColumns, kGap);
  section.pages = flow.take();
  mirror_if_right_to_left(ctx, section.pages);
  for (auto& [title, at] : section.marks) at = landed[at];
  return section;
}

namespace {

using CountryRows = std::vector<std::pair<std::string, std::uint64_t>>;

// Each country in the dossier's words with its count, most signatures first.
CountryRows rows_by_count(const Context& ctx,
                          const std::map<std::string, std::uint64_t>& by_country) {
  CountryRows rows;
  for (const auto& [code, n] : by_country) {
    rows.emplace_back(
        code.empty() ? ctx.words.text("summary.country_not_given") : ctx.words.country(code), n);
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return rows;
}

// Bar chart of the largest countries, drawn as vector rectangles: one
// figure, labels and bars alike. Returns its alternative text, which says
// what it shows (the table below lists every country again, row by row).
std::string add_chart(const Context& ctx, layout::PageFlow& flow, const Tag& figure,
                      const CountryRows& rows) {
  const auto& g = ctx.geometry;
  const std::size_t bars = std::min<std::size_t>(rows.size(), 12);
  const double label_w = 150, bar_h = 11, step = 15;
  const double chart_w = g.content_width() - label_w - 60;
  const std::uint64_t max = rows.empty() ? 1 : std::max<std::uint64_t>(rows.front().second, 1);
  flow.skip(18);
  double y = flow.y();
  std::string alt = ctx.words.text("summary.chart", {{"bars", static_cast<std::int64_t>(bars)}});
  for (std::size_t i = 0; i < bars; ++i) {
    double top = y - static_cast<double>(i) * step;
    auto label = ctx.cache.get(rows[i].first, kSans);
    flow.add_item(TextItem{label, g.margin_left, top - 9, 8.5, {}, {}, {}, figure});
    double w = chart_w * static_cast<double>(rows[i].second) / static_cast<double>(max);
    flow.add_item(layout::RectItem{g.margin_left + label_w, top - bar_h, std::max(w, 0.5), bar_h,
                                   kAccent, figure});
    auto count = ctx.cache.get(ctx.words.number(rows[i].second), kSans);
    flow.add_item(
        TextItem{count, g.margin_left + label_w + w + 4, top - 9, 8.5, kGrey, {}, {}, figure});
    alt +=
        fmt::format("{} {} {}", i == 0 ? "" : ";", rows[i].first, ctx.words.number(rows[i].second));
  }
  alt += ".";
  flow.skip(static_cast<double>(bars) * step + 16);
  return alt;
}

// A table cell: `text` with its right edge at `right` (0: flush left).
TextItem cell(const Context& ctx, const std::string& text, const text::Style& style, double right,
              Color color, const Tag& tag) {
  auto shaped = ctx.cache.get(text, style);
  const double x = right > 0 ? layout::right_aligned_x(*shaped, ctx.cache.fonts(), 10, right) : 0;
  return TextItem{shaped, x, 0, 10, color, {}, {}, tag};
}

// The columns' right edges: country (flush left), signatures, share.
constexpr double kCountsRight = 300, kShareRight = 380;

// The table's header, which each page of the table repeats: header cells
// (TH) name the columns of the data cells (TD) below them.
Line table_header(const Context& ctx, const Tag& row) {
  Line header;
  header.leading = 16;
  header.items.push_back(
      cell(ctx, ctx.words.text("summary.country"), kSerifBold, 0, {}, row.child(Role::TH, 0)));
  header.items.push_back(cell(ctx, ctx.words.text("summary.signatures"), kSerifBold, kCountsRight,
                              {}, row.child(Role::TH, 1)));
  header.items.push_back(cell(ctx, ctx.words.text("summary.share_column"), kSerifBold, kShareRight,
                              {}, row.child(Role::TH, 2)));
  return header;
}

// Every country with its count and share, a row (TR) each.
std::vector<Line> table_rows(const Context& ctx, const CountryRows& rows, std::uint64_t total,
                             const Tag& grid, std::uint32_t first_row) {
  std::vector<Line> table;
  std::uint32_t row_id = first_row;
  for (const auto& [name, n] : rows) {
    Line line;
    line.leading = 13;
    const Tag row = grid.child(Role::TR, row_id++);
    line.items.push_back(cell(ctx, name, kSerif, 0, {}, row.child(Role::TD, 0)));
    line.items.push_back(
        cell(ctx, ctx.words.number(n), kSerif, kCountsRight, {}, row.child(Role::TD, 1)));
    line.items.push_back(
        cell(ctx, ctx.words.share(n, total), kSerif, kShareRight, kGrey, row.child(Role::TD, 2)));
    table.push_back(std::move(line));
  }
  return table;
}

}  // namespace

Section summary(const Context& ctx, const std::map<std::string, std::uint64_t>& by_country,
                std::uint64_t total) {
  const auto rows = rows_by_count(ctx, by_country);
  layout::PageFlow flow(ctx.geometry);
  Elements e(section_tag(SectionId::Summary));
  flow.add(tagged(text_lines(ctx, ctx.words.text("summary.heading"), kSerifBold, 16, 22),
                  e.next(Role::H1)),
           0);
  const auto countries = static_cast<std::int64_t>(by_country.size() - by_country.count(""));
  flow.add(tagged(text_lines(ctx,
                             ctx.words.text("summary.figures",
                                            {{"signatures", static_cast<std::int64_t>(total)},
                                             {"countries", countries}}),
                             kSerif, 11, 15),
                  e.next(Role::P)),
           4);
  const Tag figure = e.next(Role::Figure);
  const auto alt = add_chart(ctx, flow, figure, rows);
  const Tag grid = e.next(Role::Table);
  const auto header = table_header(ctx, grid.child(Role::TR, 0));
  flow.add_table(header, table_rows(ctx, rows, total, grid, 1), 0);
  auto pages = flow.take();
  mirror_if_right_to_left(ctx, pages);
  if (!pages.empty()) pages.front().notes.push_back({figure, alt, ""});
  return {std::move(pages), {}};
}

}  // namespace dossier::book
