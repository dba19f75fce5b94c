#include "dossier/sections.h"

#include <cmark.h>
#include <fmt/format.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/ubidi.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

#include "ingest/collation.h"

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

// The letter's Markdown as paragraphs of styled spans (cmark; smart
// punctuation gives real quotation marks and dashes).
struct Block {
  bool heading = false;
  std::vector<layout::Span> spans;
};

std::vector<Block> parse_markdown(const std::string& markdown) {
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_SMART), cmark_node_free);
  std::vector<Block> blocks;
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(doc.get()),
                                                             cmark_iter_free);
  int emphasis = 0, strong = 0;
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(it.get());
    auto type = cmark_node_get_type(node);
    bool enter = ev == CMARK_EVENT_ENTER;
    switch (type) {
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
        if (enter) blocks.push_back({type == CMARK_NODE_HEADING, {}});
        break;
      case CMARK_NODE_EMPH:
        emphasis += enter ? 1 : -1;
        break;
      case CMARK_NODE_STRONG:
        strong += enter ? 1 : -1;
        break;
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: {
        if (blocks.empty()) break;
        std::string text =
            type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE ? cmark_node_get_literal(node) : " ";
        auto style = strong > 0 || blocks.back().heading ? kSerifBold
                     : emphasis > 0                      ? kSerifItalic
                                                         : kSerif;
        auto& spans = blocks.back().spans;
        if (!spans.empty() && spans.back().style.role == style.role) {
          spans.back().text += text;
        } else {
          spans.push_back({text, style});
        }
        break;
      }
      default:
        break;
    }
  }
  return blocks;
}

// A country's share with one decimal; a share that would print as 0.0 %
// is not nothing, and says so.
std::string share_text(std::uint64_t n, std::uint64_t total) {
  auto share = fmt::format("{:.1f}", 100.0 * static_cast<double>(n) /
                                         static_cast<double>(std::max<std::uint64_t>(total, 1)));
  return share == "0.0" && n > 0 ? "< 0.1 %" : share + " %";
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
    line("SPECIMEN — synthetic sample data", kSans, 11, 16, kAccent, Role::P, 0);
    flow.skip(20);
  }
  line(c.title, kSerifBold, 26, 33, {}, Role::H1, 0);
  if (!part_line.empty()) line(part_line, kSans, 12, 18, kAccent, Role::P, 10);
  if (!c.subtitle.empty()) line(c.subtitle, kSerif, 14, 20, {}, Role::P, 12);
  flow.skip(60);
  line("Addressed to", kSans, 10, 14, kGrey, Role::P, 0);
  line(recipient.name, kSerifBold, 20, 26, {}, Role::P, 6);
  std::optional<Tag> cyrillic;
  if (!recipient.name_cyrillic.empty()) {
    cyrillic = line(recipient.name_cyrillic, kSerif, 17, 23, {}, Role::P, 0);
  }
  if (!recipient.title.empty()) line(recipient.title, kSerifItalic, 12, 17, {}, Role::P, 4);
  flow.skip(60);
  line("Handed over at", kSans, 10, 14, kGrey, Role::P, 0);
  line(c.handover.place, kSerif, 13, 18, {}, Role::P, 4);
  line(c.handover.display, kSerif, 13, 18, {}, Role::P, 0);
  flow.skip(50);
  auto figures_line =
      fmt::format("{} parliamentarians from {} countries · {} signatures", figures.parliamentarians,
                  figures.parliament_countries, grouped(figures.signatures));
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

Section letter(const Context& ctx, const ingest::Recipient& recipient,
               const std::vector<ingest::LetterTemplate>& letters, const Figures& figures) {
  const auto& c = ctx.config;
  layout::PageFlow flow(ctx.geometry);
  Section section;
  std::vector<layout::ElementNote> notes;
  const double measure = ctx.geometry.content_width();
  for (std::size_t li = 0; li < letters.size(); ++li) {
    if (li > 0) flow.new_page();
    section.marks.emplace_back(li == 0 ? "Letter" : "Letter (" + letters[li].language + ")",
                               flow.page_count() - 1);
    // Each letter a section in its own language, set in its direction:
    // a right-to-left letter has its lines flush right and its letterhead
    // mirrored.
    const auto& language = letters[li].language;
    const auto markdown = ingest::fill_letter(letters[li], recipient, c);
    const auto letterhead = ingest::letterhead(c, language);
    const Setting setting{language, right_to_left(language, markdown)};
    const Align start = setting.rtl ? Align::Right : Align::Left;
    const Align end = setting.rtl ? Align::Left : Align::Right;
    const auto* hyphenator = ctx.hyphenators.for_language(language);
    layout::ParagraphStyle body{11, 15.5, true, language, setting.rtl};
    Elements e(section_tag(SectionId::FirstLetter, li));
    notes.push_back({e.section(), "", language});
    // Letterhead: the sender, then place and date on the other side.
    if (!letterhead.sender.empty()) {
      flow.add(tagged(text_lines(ctx, letterhead.sender, kSerifBold, 12, 16, start, {}, 0, setting),
                      e.next(Role::P)),
               0);
    }
    auto dateline =
        letterhead.place.empty() ? letterhead.date : letterhead.place + ", " + letterhead.date;
    if (!dateline.empty()) {
      flow.add(
          tagged(text_lines(ctx, dateline, kSerif, 11, 15, end, {}, 0, setting), e.next(Role::P)),
          6);
    }
    std::vector<Line> address;
    for (const auto& part : {recipient.name, recipient.name_cyrillic, recipient.title}) {
      if (part.empty()) continue;
      auto lines = text_lines(ctx, part, kSerif, 11, 15, start, {}, 0, setting);
      address.insert(address.end(), lines.begin(), lines.end());
    }
    flow.add(tagged(std::move(address), e.next(Role::P)), 14);
    auto blocks = parse_markdown(markdown);
    bool first = true;
    for (const auto& block : blocks) {
      if (block.heading) {
        layout::ParagraphStyle head{14, 19, false, language, setting.rtl};
        flow.add(tagged(layout::break_paragraph(ctx.cache, nullptr, block.spans, head, measure),
                        e.next(Role::H1)),
                 first ? 26 : 16, true);
      } else {
        flow.add(tagged(layout::break_paragraph(ctx.cache, hyphenator, block.spans, body, measure),
                        e.next(Role::P)),
                 first ? 22 : 8);
      }
      first = false;
    }
    // The letters sent ahead (dossier letters) go before the petition is
    // counted: they name only the parliamentarians.
    auto closing = fmt::format(
        "Signed by {} parliamentarians from {} countries (listed after the "
        "letter)",
        figures.parliamentarians, figures.parliament_countries);
    closing += figures.signatures > 0 ? fmt::format(" and supported by {} petition signatures.",
                                                    grouped(figures.signatures))
                                      : ".";
    // The closing line is the dossier's own words, in its language.
    layout::ParagraphStyle closing_style{11, 15.5, true, ctx.config.language,
                                         right_to_left(ctx.config.language, closing)};
    flow.add(
        tagged(layout::break_paragraph(ctx.cache, ctx.hyphenators.for_language(ctx.config.language),
                                       {{closing, kSerifItalic}}, closing_style, measure),
               e.next(Role::P)),
        14);
  }
  section.pages = flow.take();
  if (!section.pages.empty()) section.pages.front().notes = std::move(notes);
  return section;
}

Section parliamentarians(const Context& ctx, const std::vector<ingest::Signatory>& signatories) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> coll(
      icu::Collator::createInstance(icu::Locale::getEnglish(), err));
  if (U_FAILURE(err) || !coll) throw ingest::InputError("ICU has no collation data for English");
  // Country, then parliament, both in English collation order; people in
  // the order they signed.
  struct Group {
    std::string country, parliament;
    std::vector<const ingest::Signatory*> people;
  };
  std::map<std::string, Group> groups;
  for (const auto& s : signatories) {
    auto country = ingest::country_name(s.country);
    auto key =
        ingest::collation_key(*coll, country) + '\x00' + ingest::collation_key(*coll, s.parliament);
    auto& g = groups[key];
    g.country = country;
    g.parliament = s.parliament;
    g.people.push_back(&s);
  }
  Section section;
  layout::PageFlow flow(ctx.geometry);
  // A heading per country (H2) and parliament (H3), the people of each
  // parliament a list, wherever its columns and pages break it.
  Elements e(section_tag(SectionId::Parliamentarians));
  flow.add(
      tagged(text_lines(ctx, "The parliamentarians who signed the open letter", kSerifBold, 16, 22),
             e.next(Role::H1)),
      0);
  flow.skip(10);
  // Two columns: a short list of short lines reads better, and takes half
  // the pages, side by side.
  constexpr int kColumns = 2;
  constexpr double kGap = 20;
  const double width = flow.column_width(kColumns, kGap);
  std::vector<layout::ColumnRow> rows;
  // Each line of `lines` a row; all but the last keep with the next, and
  // the last too when `keep` (a heading stays with what it heads).
  auto add_rows = [&](std::vector<Line> lines, double space_before, bool keep) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      rows.push_back(
          {std::move(lines[i]), i == 0 ? space_before : 0, keep || i + 1 < lines.size()});
    }
  };
  std::string last_country;
  for (const auto& [key, g] : groups) {
    if (g.country != last_country) {
      // Its page is where the flow places the heading's first row (below).
      section.marks.emplace_back(g.country, rows.size());
      add_rows(tagged(text_lines(ctx, g.country, kSerifBold, 13, 18, Align::Left, {}, width),
                      e.next(Role::H2)),
               14, true);
      last_country = g.country;
    }
    add_rows(tagged(text_lines(ctx, g.parliament, kSerifItalic, 11, 15, Align::Left, kGrey, width),
                    e.next(Role::H3)),
             5, true);
    const Tag list = e.next(Role::L);
    std::uint32_t item = 0;
    bool first = true;
    for (const auto* p : g.people) {
      auto text = p->role.empty() ? p->name : p->name + " — " + p->role;
      add_rows(tagged(text_lines(ctx, text, kSerif, 10.5, 14, Align::Left, {}, width),
                      list.child(Role::LI, item++)),
               first ? 2 : 0, false);
      first = false;
    }
  }
  const auto landed = flow.add_columns(rows, kColumns, kGap);
  section.pages = flow.take();
  for (auto& [title, at] : section.marks) at = landed[at];
  return section;
}

Section summary(const Context& ctx, const std::map<std::string, std::uint64_t>& by_country,
                std::uint64_t total) {
  const auto& fonts = ctx.cache.fonts();
  std::vector<std::pair<std::string, std::uint64_t>> rows;
  for (const auto& [code, n] : by_country) {
    rows.emplace_back(code.empty() ? "Country not given" : ingest::country_name(code), n);
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  layout::PageFlow flow(ctx.geometry);
  Elements e(section_tag(SectionId::Summary));
  flow.add(tagged(text_lines(ctx, "Signatures by country", kSerifBold, 16, 22), e.next(Role::H1)),
           0);
  flow.add(tagged(text_lines(ctx,
                             fmt::format("{} signatures from {} countries", grouped(total),
                                         by_country.size() - by_country.count("")),
                             kSerif, 11, 15),
                  e.next(Role::P)),
           4);

  // Bar chart of the largest countries, drawn as vector rectangles.
  const auto& g = ctx.geometry;
  const std::size_t bars = std::min<std::size_t>(rows.size(), 12);
  const double label_w = 150, bar_h = 11, step = 15;
  const double chart_w = g.content_width() - label_w - 60;
  const std::uint64_t max = rows.empty() ? 1 : std::max<std::uint64_t>(rows.front().second, 1);
  flow.skip(18);
  double y = flow.y();
  // One figure, labels and bars alike; its alternative text says what it
  // shows (the table below lists every country again, row by row).
  const Tag figure = e.next(Role::Figure);
  std::string alt =
      fmt::format("Bar chart of the signatures from the {} countries with the most:", bars);
  for (std::size_t i = 0; i < bars; ++i) {
    double top = y - static_cast<double>(i) * step;
    auto label = ctx.cache.get(rows[i].first, kSans);
    flow.add_item(TextItem{label, g.margin_left, top - 9, 8.5, {}, {}, {}, figure});
    double w = chart_w * static_cast<double>(rows[i].second) / static_cast<double>(max);
    flow.add_item(layout::RectItem{g.margin_left + label_w, top - bar_h, std::max(w, 0.5), bar_h,
                                   kAccent, figure});
    auto count = ctx.cache.get(grouped(rows[i].second), kSans);
    flow.add_item(
        TextItem{count, g.margin_left + label_w + w + 4, top - 9, 8.5, kGrey, {}, {}, figure});
    alt += fmt::format("{} {} {}", i == 0 ? "" : ";", rows[i].first, grouped(rows[i].second));
  }
  alt += ".";
  flow.skip(static_cast<double>(bars) * step + 16);

  // The table: every country with its count and share, under a header
  // that each page of the table repeats.
  // Each line a row (TR), each item a cell: header cells (TH) name the
  // columns of the data cells (TD) below them.
  const Tag grid = e.next(Role::Table);
  std::uint32_t row_id = 0;
  Line header;
  header.leading = 16;
  const Tag head_row = grid.child(Role::TR, row_id++);
  header.items.push_back(TextItem{
      ctx.cache.get("Country", kSerifBold), 0, 0, 10, {}, {}, {}, head_row.child(Role::TH, 0)});
  std::uint32_t column = 1;
  for (auto [label, right] : {std::pair{"Signatures", 300.0}, std::pair{"Share", 380.0}}) {
    auto text = ctx.cache.get(label, kSerifBold);
    header.items.push_back(TextItem{text,
                                    layout::right_aligned_x(*text, fonts, 10, right),
                                    0,
                                    10,
                                    {},
                                    {},
                                    {},
                                    head_row.child(Role::TH, column++)});
  }
  std::vector<Line> table;
  for (const auto& [name, n] : rows) {
    Line line;
    line.leading = 13;
    const Tag row = grid.child(Role::TR, row_id++);
    line.items.push_back(
        TextItem{ctx.cache.get(name, kSerif), 0, 0, 10, {}, {}, {}, row.child(Role::TD, 0)});
    auto count = ctx.cache.get(grouped(n), kSerif);
    line.items.push_back(TextItem{count,
                                  layout::right_aligned_x(*count, fonts, 10, 300),
                                  0,
                                  10,
                                  {},
                                  {},
                                  {},
                                  row.child(Role::TD, 1)});
    auto share = ctx.cache.get(share_text(n, total), kSerif);
    line.items.push_back(TextItem{share,
                                  layout::right_aligned_x(*share, fonts, 10, 380),
                                  0,
                                  10,
                                  kGrey,
                                  {},
                                  {},
                                  row.child(Role::TD, 2)});
    table.push_back(std::move(line));
  }
  flow.add_table(header, table, 0);
  auto pages = flow.take();
  if (!pages.empty()) pages.front().notes.push_back({figure, alt, ""});
  return {std::move(pages), {}};
}

}  // namespace dossier::book
