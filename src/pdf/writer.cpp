#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <system_error>
#include <thread>

#include "digest/sha256.h"
#include "iso8601/iso8601.h"
#include "parallel/parallel_for.h"
#include "pdf/cid_fonts.h"
#include "pdf/compressor.h"
#include "pdf/file_writer.h"
#include "pdf/hpdf_doc.h"
#include "pdf/pdf.h"
#include "pdf/pdf_syntax.h"
#include "pdf/pdfa.h"
#include "pdf/structure.h"
#include "picture/picture.h"

namespace dossier::pdf {
namespace {

void draw_rule(const layout::RuleItem& rule, std::string& content) {
  Operators ops(content);
  ops.op("q");
  ops.op("RG", rule.color.r, rule.color.g, rule.color.b);
  ops.op("w", rule.width);
  ops.op("m", rule.x0, rule.y0);
  ops.op("l", rule.x1, rule.y1);
  ops.op("S");
  ops.op("Q");
}

void draw_rect(const layout::RectItem& rect, std::string& content) {
  Operators ops(content);
  ops.op("q");
  ops.op("rg", rect.fill.r, rect.fill.g, rect.fill.b);
  ops.op("re", rect.x, rect.y, rect.w, rect.h);
  ops.op("f");
  ops.op("Q");
}

bool is_ascii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Text strings (document info, bookmarks) are ASCII as is, anything else
// UTF-16BE with a byte order mark (PDF 32000-1 7.9.2.2). libharu's own
// setters would write UTF-8 bytes as PDFDocEncoding.
void set_text(HpdfDoc& doc, HPDF_Dict dict, const char* key, const std::string& value) {
  DictEntries entries(doc, dict, "write a text string");
  if (is_ascii(value)) {
    entries.literal(key, value);
    return;
  }
  std::string bytes = "\xFE\xFF";
  bytes += utf16be(value);
  entries.add(key, HPDF_Binary_New(doc.mmgr(), reinterpret_cast<HPDF_BYTE*>(bytes.data()),
                                   static_cast<HPDF_UINT>(bytes.size())));
}

void set_info(HpdfDoc& doc, const char* key, const std::string& value) {
  if (value.empty()) return;
  // libharu 2.3.0 exports no getter for the info dictionary; setting the
  // (ASCII) creator first makes it exist.
  doc.check(HPDF_SetInfoAttr(doc.get(), HPDF_INFO_CREATOR, "dossier"),
            "create the document information");
  HPDF_Dict info = doc.get()->info;
  doc.check(info, "create the document information");
  set_text(doc, info, key, value);
}

// libharu's date (written D:YYYYMMDDHHmmSS+HH'mm') from ISO 8601, in the
// offset it was written with; nullopt if it does not parse. UTC goes out
// as +00'00': libharu writes Z followed by 00'00', which not every reader
// takes.
std::optional<HPDF_Date> pdf_date(const std::string& iso) {
  auto moment = iso8601::parse(iso);
  if (!moment) return std::nullopt;
  const auto local = moment->utc + moment->offset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss time{local - day};
  HPDF_Date d{};
  d.year = static_cast<int>(ymd.year());
  d.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  d.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  d.hour = static_cast<int>(time.hours().count());
  d.minutes = static_cast<int>(time.minutes().count());
  d.seconds = static_cast<int>(time.seconds().count());
  const auto offset = moment->offset.count();
  d.ind = offset < 0 ? '-' : '+';
  d.off_hour = static_cast<int>(std::abs(offset) / 60);
  d.off_minutes = static_cast<int>(std::abs(offset) % 60);
  return d;
}

void add_outline(HpdfDoc& doc, const std::vector<HPDF_Page>& pages,
                 const std::vector<OutlineItem>& items) {
  std::vector<HPDF_Outline> parents;  // by level
  for (const auto& item : items) {
    if (item.page >= pages.size()) continue;
    HPDF_Outline parent = item.level > 0 && static_cast<std::size_t>(item.level) <= parents.size()
                              ? parents[static_cast<std::size_t>(item.level) - 1]
                              : nullptr;
    // Created with an ASCII placeholder; the real title (a PDF text string,
    // UTF-16BE where needed) replaces it below.
    HPDF_Outline o = HPDF_CreateOutline(doc.get(), parent, "-", nullptr);
    doc.check(o, "create a bookmark");
    set_text(doc, o, "Title", item.title);
    HPDF_Destination dest = HPDF_Page_CreateDestination(pages[item.page]);
    doc.check(dest, "create a bookmark");
    doc.check(HPDF_Destination_SetFit(dest), "create a bookmark");
    doc.check(HPDF_Outline_SetDestination(o, dest), "create a bookmark");
    doc.check(HPDF_Outline_SetOpened(o, item.level == 0 ? HPDF_TRUE : HPDF_FALSE),
              "create a bookmark");
    parents.resize(static_cast<std::size_t>(item.level));
    parents.push_back(o);
  }
}

void check_writable_directory(const std::filesystem::path& out) {
  auto dir = out.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw OutputError(fmt::format("cannot write {}: the directory {} does not exist", out.string(),
                                  dir.string()));
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    throw OutputError(fmt::format("cannot write {}: the directory {} is not writable", out.string(),
                                  dir.string()));
  }
  if (std::filesystem::is_directory(out, ec)) {
    throw OutputError(fmt::format("cannot write {}: it is a directory", out.string()));
  }
}

constexpr const char* kProducer = "dossier with libharu 2.3.0 and HarfBuzz";

// What a volume is made of, hashed for its document ID (PDF/A).
struct Digest {
  digest::Sha256 sha;
  void add(const std::string& s) {
    // Length first, so that ("ab","c") and ("a","bc") differ.
    auto n = static_cast<std::uint64_t>(s.size());
    sha.update(std::string_view(reinterpret_cast<const char*>(&n), sizeof n));
    sha.update(s);
  }
  std::string finish() { return sha.finish(); }
};

// A piece of page content, encoded and compressed, with the glyphs it uses
// and, in a tagged document, the element each of its MCIDs belongs to.
struct Encoded {
  std::string deflated;
  UsedGlyphs used;
  std::vector<layout::Tag> marks;
  // The pictures it draws, named /Im<first + index> in the page's resources.
  std::vector<std::shared_ptr<const picture::Picture>> pictures;
};

// The name of the picture drawn k-th in a page's own items (a shared body
// draws none).
std::string picture_name(std::size_t k) { return "Im" + std::to_string(k); }

void draw_picture(const layout::ImageItem& image, const std::string& name, std::string& content) {
  Operators ops(content);
  ops.op("q");
  ops.op("cm", image.w, 0.0, 0.0, image.h, image.x, image.y);
  ops.op("Do", Name{name});
  ops.op("Q");
}

// Marked content (ISO 32000-1 14.6) around each run of items with the same
// tag: a piece of a structure element with its MCID, or an artifact. A
// sequence lies either wholly inside one text object or around whole ones,
// and around whole /ActualText spans.
//
// A sequence with an MCID ends with the /ActualText span in it: poppler
// ends the MCID's content at the first EMC inside it, a span's included
// (MarkedContentOutputDev::endMarkedContent pops its MCID stack on every
// EMC but pushes only for an MCID), so what followed a span in the same
// sequence would be missing from the element's text. The element's next
// items get a sequence (and an MCID) of their own.
class Marking {
 public:
  Marking(bool on, std::uint32_t first_mcid, std::vector<layout::Tag>& marks)
      : on_(on), first_mcid_(first_mcid), marks_(marks) {}

  void before(const layout::Item& item, std::string& content, TextState& state) {
    if (!on_) return;
    const auto& tag = layout::tag_of(item);
    const auto* text = std::get_if<layout::TextItem>(&item);
    const bool continues_span = state.in_span && text && text->reads == layout::Reads::Nothing;
    const bool span_done = current_.depth > 0 && state.spans != spans_at_open_ && !continues_span;
    const bool leaves_text = in_text_ && !text;
    if (open_ && tag == current_ && !span_done && !leaves_text) return;
    if (!tag.said()) {
      throw std::logic_error("an item of a tagged document does not say what it is (layout::Tag)");
    }
    finish(content, state);
    // A sequence of text opens inside the text object, so that consecutive
    // entries share one BT … ET and move by relative Td; one for a path
    // opens outside it.
    in_text_ = text != nullptr;
    if (in_text_ && !state.in_text) {
      content += "BT\n";
      state.in_text = true;
      state.line_x = state.line_y = 0;
    } else if (!in_text_) {
      state.end(content);
    }
    if (tag.depth == 0) {
      content += tag.artifact == layout::Artifact::Pagination ? "/Artifact<</Type/Pagination>>BDC\n"
                                                              : "/Artifact BMC\n";
    } else {
      content += '/';
      content += role_name(tag.path[tag.depth - 1].role);
      content += "<</MCID ";
      append_number(content, static_cast<double>(first_mcid_ + marks_.size()));
      content += ">>BDC\n";
      marks_.push_back(tag);
    }
    current_ = tag;
    open_ = true;
    spans_at_open_ = state.spans;
  }

  void finish(std::string& content, TextState& state) {
    if (!open_) return;
    if (in_text_) {
      state.end_span(content);
    } else {
      state.end(content);
    }
    content += "EMC\n";
    open_ = false;
  }

 private:
  bool on_;
  std::uint32_t first_mcid_;
  std::vector<layout::Tag>& marks_;
  layout::Tag current_;
  bool open_ = false;
  bool in_text_ = false;  // the open sequence lies inside a text object
  unsigned spans_at_open_ = 0;
};

// Sorts a page's CIDs and drops repeats through a bitmap of them: one
// entry was pushed per glyph drawn, a few thousand per page, and sorting
// them was 2 % of a build.
void sort_unique(std::vector<std::uint16_t>& cids) {
  if (cids.empty()) return;
  const std::uint16_t largest = *std::max_element(cids.begin(), cids.end());
  std::vector<std::uint64_t> seen(largest / 64 + 1, 0);
  for (auto cid : cids) seen[cid / 64] |= std::uint64_t{1} << (cid % 64);
  cids.clear();
  for (std::size_t w = 0; w < seen.size(); ++w) {
    for (auto bits = seen[w]; bits != 0; bits &= bits - 1) {
      cids.push_back(static_cast<std::uint16_t>(w * 64 + std::countr_zero(bits)));
    }
  }
  cids.shrink_to_fit();
}

// `codes`: what FontSet::reserve gave the items' glyphs, if it was kept.
// `tagged`: each item in marked content, its MCIDs numbered from
// `first_mcid`.
Encoded encode_items(FontSet& fonts, const std::vector<layout::Item>& items, Compressor& z,
                     bool tagged, std::uint32_t first_mcid = 0,
                     const FontSet::Codes* codes = nullptr) {
  Encoded e;
  std::string content;
  TextState state;
  Marking marking(tagged, first_mcid, e.marks);
  std::span<const FontSet::Coded> left;
  if (codes) left = *codes;
  for (const auto& item : items) {
    // A link draws nothing: its annotation is made with the page.
    if (std::holds_alternative<layout::LinkItem>(item)) continue;
    marking.before(item, content, state);
    if (auto* t = std::get_if<layout::TextItem>(&item)) {
      fonts.encode(*t, content, e.used, state, codes ? &left : nullptr);
    } else if (auto* r = std::get_if<layout::RuleItem>(&item)) {
      state.end(content);
      draw_rule(*r, content);
    } else if (auto* b = std::get_if<layout::RectItem>(&item)) {
      state.end(content);
      draw_rect(*b, content);
    } else if (auto* image = std::get_if<layout::ImageItem>(&item)) {
      state.end(content);
      draw_picture(*image, picture_name(e.pictures.size()), content);
      e.pictures.push_back(image->picture);
    }
  }
  marking.finish(content, state);
  state.end(content);
  for (auto& [font, cids] : e.used.cids) sort_unique(cids);
  e.deflated = z.deflate(content);
  return e;
}

// A page's box in default user space. The binding correction moves
// everything drawn by shift_x; moving the box the other way does the same
// with no operator in the content, so that a signature page's stream can
// be shared by volumes in which it is a right-hand and a left-hand page.
HPDF_Box media_box(const layout::Page& page) {
  const auto shift = static_cast<HPDF_REAL>(page.shift_x);
  return {-shift, 0, static_cast<HPDF_REAL>(page.width) - shift,
          static_cast<HPDF_REAL>(page.height)};
}

bool operator==(const HPDF_Box& a, const HPDF_Box& b) {
  return a.left == b.left && a.bottom == b.bottom && a.right == b.right && a.top == b.top;
}

// The box most pages have, set once on the page tree's root for every
// page to inherit (ISO 32000-1 7.7.3.4).
HPDF_Box share_media_box(HpdfDoc& doc, const std::vector<layout::Page>& pages) {
  layout::Page unshifted;
  if (!pages.empty()) {
    unshifted.width = pages.front().width;
    unshifted.height = pages.front().height;
  }
  const HPDF_Box box = media_box(unshifted);
  DictEntries(doc, doc.get()->root_pages, "size the pages")
      .add("MediaBox", HPDF_Box_Array_New(doc.mmgr(), box));
  return box;
}

// A page's attributes as libharu made them, less what costs bytes and says
// nothing: the box where it is the shared one, and the /ProcSet (obsolete
// since PDF 1.4). Its /Font dictionary names only the fonts it uses: one
// shared by every page was measured at 1.9 bytes per signature smaller,
// but poppler loads every font of a page's resources for each page it
// reads, and `dossier verify` took half as long again. Returns the box,
// for the document's digest, and the page's /Font dictionary.
struct PageAttributes {
  HPDF_Box box;
  HPDF_Dict fonts;
};

PageAttributes trim_page_attributes(HpdfDoc& doc, HPDF_Page p, const layout::Page& page,
                                    const HPDF_Box& shared_box) {
  doc.check(HPDF_Dict_RemoveElement(p, "MediaBox"), "let a page inherit its box");
  const HPDF_Box box = media_box(page);
  if (!(box == shared_box)) {
    DictEntries(doc, p, "size a page").add("MediaBox", HPDF_Box_Array_New(doc.mmgr(), box));
  }
  auto* resources = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(p, "Resources", HPDF_OCLASS_DICT));
  doc.check(resources, "find the page resources");
  doc.check(HPDF_Dict_RemoveElement(resources, "ProcSet"), "trim the page resources");
  HPDF_Dict fonts = doc.new_dict("create the page font resources");
  DictEntries(doc, resources, "create the page font resources").add("Font", fonts);
  return {box, fonts};
}

// Hints for the print dialog (ISO 32000-1 12.2, table 150): print at 100 %
// (a page shrunk to fit would spoil the margins and the binding
// correction), pick the paper tray by page size, and in duplex flip on the
// long edge as a book does.
void add_print_hints(HpdfDoc& doc, bool duplex, bool tagged) {
  const char* what = "write the viewer preferences";
  DictEntries prefs(doc, doc.new_dict(what), what);
  prefs.name("PrintScaling", "None");
  if (duplex) prefs.name("Duplex", "DuplexFlipLongEdge");
  prefs.boolean("PickTrayByPDFSize", true);
  // A screen reader announces the document by its title, not its file
  // name (PDF/UA-1 7.1, Matterhorn 07-001).
  if (tagged) prefs.boolean("DisplayDocTitle", true);
  DictEntries(doc, doc.get()->catalog, what).add("ViewerPreferences", prefs.dict());
}

// The pictures a document draws, each embedded once however many pages
// show it: samples as a Flate-compressed image, a JPEG as it is.
class DocumentPictures {
 public:
  explicit DocumentPictures(HpdfDoc& doc) : doc_(doc) {}

  // Names the pictures of a page's own items in its resources.
  void use(HPDF_Page page, const std::vector<std::shared_ptr<const picture::Picture>>& pictures) {
    if (pictures.empty()) return;
    auto* resources =
        static_cast<HPDF_Dict>(HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT));
    doc_.check(resources, "find the page resources");
    const char* what = "name the pictures of a page";
    DictEntries xobjects(doc_, doc_.new_dict(what), what);
    DictEntries(doc_, resources, what).add("XObject", xobjects.dict());
    for (std::size_t k = 0; k < pictures.size(); ++k) {
      xobjects.add(picture_name(k).c_str(), image(*pictures[k]));
    }
  }

 private:
  HPDF_Image image(const picture::Picture& p) {
    if (auto it = embedded_.find(&p); it != embedded_.end()) return it->second;
    HPDF_Image image = nullptr;
    const auto* bytes = reinterpret_cast<const HPDF_BYTE*>(p.data.data());
    if (p.format == picture::Picture::Format::Jpeg) {
      image = HPDF_LoadJpegImageFromMem(doc_.get(), bytes, static_cast<HPDF_UINT>(p.data.size()));
    } else {
      image = HPDF_LoadRawImageFromMem(
          doc_.get(), bytes, static_cast<HPDF_UINT>(p.width), static_cast<HPDF_UINT>(p.height),
          p.components == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
      // libharu compresses as the document says (nothing: page content
      // comes deflated); samples are worth compressing.
      if (image) image->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    }
    doc_.check(image, "embed a picture");
    embedded_.emplace(&p, image);
    return image;
  }

  HpdfDoc& doc_;
  std::map<const picture::Picture*, HPDF_Image> embedded_;
};

// A link annotation for each link of a page (ISO 32000-1 12.5.6.5, a URI
// action; PDF/A-2 6.3 asks for the print flag and allows links without an
// appearance), in the structure under its Link element when tagged.
void add_links(HpdfDoc& doc, HPDF_Page page, const std::vector<layout::Item>& items,
               StructureTree* structure) {
  for (const auto& item : items) {
    const auto* link = std::get_if<layout::LinkItem>(&item);
    if (!link) continue;
    HPDF_Rect rect{static_cast<HPDF_REAL>(link->x0), static_cast<HPDF_REAL>(link->y0),
                   static_cast<HPDF_REAL>(link->x1), static_cast<HPDF_REAL>(link->y1)};
    HPDF_Annotation annot = HPDF_Page_CreateURILinkAnnot(page, rect, link->uri.c_str());
    doc.check(annot, "add a link");
    doc.check(HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0), "add a link");
    DictEntries entries(doc, annot, "add a link");
    entries.number("F", 4);
    // What a screen reader says for the link (PDF/UA-1 7.18.1).
    entries.literal("Contents", link->uri);
    if (structure && link->tag.depth > 0) {
      const auto key = structure->add_object(link->tag, annot->header.obj_id & 0x00FFFFFF,
                                             page->header.obj_id & 0x00FFFFFF);
      entries.number("StructParent", static_cast<HPDF_INT32>(key));
    }
  }
}

// A tagged page: its marked content in the structure tree, its key in the
// parent tree, and tab order by structure (PDF/UA-1 7.18.3).
void tag_page(HpdfDoc& doc, HPDF_Page page, StructureTree& structure,
              std::span<const layout::Tag> body, std::span<const layout::Tag> own) {
  const unsigned number = page->header.obj_id & 0x00FFFFFF;
  DictEntries entries(doc, page, "tag a page");
  if (!body.empty() || !own.empty()) {
    const auto key = structure.add_page(number, body, own);
    entries.number("StructParents", static_cast<HPDF_INT32>(key));
  }
  entries.name("Tabs", "S");
}

// The catalog of a tagged document: /MarkInfo, /Lang, and the structure
// tree, whose objects the file writer adds after libharu's (every libharu
// object exists by now).
ExtraObjects mark_catalog(HpdfDoc& doc, const StructureTree& structure,
                          const std::string& language) {
  const char* what = "tag the document";
  DictEntries catalog(doc, doc.get()->catalog, what);
  DictEntries mark_info(doc, doc.new_dict(what), what);
  mark_info.boolean("Marked", true);
  catalog.add("MarkInfo", mark_info.dict());
  if (language.empty()) throw std::logic_error("a tagged document without a language");
  catalog.literal("Lang", language);
  const unsigned first = first_extra_number(doc);
  catalog.add("StructTreeRoot", doc.reference_to(first));
  ExtraObjects extra;
  extra.count = structure.object_count();
  extra.write = [&structure](std::size_t index, unsigned base, std::string& out) {
    structure.write_object(index, base, out);
  };
  return extra;
}

// What the file identifier is derived from: everything the document
// shows, so equal inputs give equal bytes and different ones differ. The
// document information first; the pages add their boxes and content.
void add_info(Digest& digest, const DocumentInfo& info) {
  for (const auto* s : {&info.title, &info.author, &info.subject, &info.keywords, &info.date}) {
    digest.add(*s);
  }
  for (const auto& o : info.outline) digest.add(o.title);
  for (const auto& a : info.attachments) digest.add(a.bytes);
}

// Adds the pages of one document, each with its content, fonts, pictures,
// links and, when tagged, its place in the structure.
struct PageWriter {
  HpdfDoc& doc;
  FontSet& fonts;
  bool tagged;
  HPDF_Box shared_box;
  DocumentFonts& doc_fonts;
  Compressor& z;
  Digest& digest;
  StructureTree* structure;  // null: untagged
  DocumentPictures& pictures;

  // `body`: the page's shared body, encoded (asked for only if it has one).
  HPDF_Page add(const layout::Page& page, const std::function<const Encoded&()>& body) {
    HPDF_Page p = HPDF_AddPage(doc.get());
    doc.check(p, "add a page");
    const auto [box, page_fonts] = trim_page_attributes(doc, p, page, shared_box);
    digest.add(fmt::format("{} {} {} {}", box.left, box.bottom, box.right, box.top));
    // The page's content stream, created by libharu with the page; writing
    // whole streams keeps libharu's graphics-state bookkeeping out of ours.
    auto* attr = static_cast<HPDF_PageAttr>(p->attr);
    HPDF_Dict stream = attr->contents;
    std::span<const layout::Tag> body_marks;
    Encoded own;
    if (page.body) {
      const Encoded& shared = body();
      write_content(stream, shared, page_fonts);
      body_marks = shared.marks;
      if (!page.items.empty()) {
        // A second stream for the page's own items (/Contents becomes an
        // array, read as one stream).
        doc.check(HPDF_Page_New_Content_Stream(p, &stream), "add a content stream");
      }
    }
    if (!page.body || !page.items.empty()) {
      // MCIDs are the page's: the own items' follow the body's.
      own =
          encode_items(fonts, page.items, z, tagged, static_cast<std::uint32_t>(body_marks.size()));
      write_content(stream, own, page_fonts);
      pictures.use(p, own.pictures);
      for (const auto& picture : own.pictures) digest.add(picture->data);
    }
    if (structure) tag_page(doc, p, *structure, body_marks, own.marks);
    add_links(doc, p, page.items, structure);
    return p;
  }

  void write_content(HPDF_Dict stream, const Encoded& encoded, HPDF_Dict page_fonts) {
    doc.write_deflated(stream, encoded.deflated, "write a page's content");
    digest.add(encoded.deflated);
    doc_fonts.use(page_fonts, encoded.used);
  }
};

void set_document_info(HpdfDoc& doc, const DocumentInfo& info) {
  set_info(doc, "Title", info.title);
  set_info(doc, "Author", info.author);
  set_info(doc, "Subject", info.subject);
  set_info(doc, "Keywords", info.keywords);
  set_info(doc, "Creator", info.creator);
  set_info(doc, "Producer", kProducer);
  if (auto date = pdf_date(info.date)) {
    doc.check(HPDF_SetInfoDateAttr(doc.get(), HPDF_INFO_CREATION_DATE, *date), "set the date");
    doc.check(HPDF_SetInfoDateAttr(doc.get(), HPDF_INFO_MOD_DATE, *date), "set the date");
  }
}

// Bookmarks, shown when there are any, and page labels.
void add_navigation(HpdfDoc& doc, const std::vector<HPDF_Page>& pages, const DocumentInfo& info) {
  add_outline(doc, pages, info.outline);
  if (!info.outline.empty()) {
    doc.check(HPDF_SetPageMode(doc.get(), HPDF_PAGE_MODE_USE_OUTLINE), "show the bookmarks");
  }
  for (const auto& label : info.labels) {
    HPDF_PageNumStyle style = label.style == PageLabel::Style::RomanLower
                                  ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN
                                  : HPDF_PAGE_NUM_STYLE_DECIMAL;
    doc.check(HPDF_AddPageLabel(doc.get(), static_cast<HPDF_UINT>(label.first_page), style,
                                static_cast<HPDF_UINT>(label.start),
                                label.prefix.empty() ? nullptr : label.prefix.c_str()),
              "add page labels");
  }
}

// Saves under a temporary name beside `out`, then renames it: `out` is
// either the whole file or untouched, never half written.
void save_in_place_of(HpdfDoc& doc, const std::filesystem::path& out, const ExtraObjects& extra) {
  auto tmp = out;
  tmp += fmt::format(".partial-{}", ::getpid());
  try {
    save_with_object_streams(doc, tmp, extra);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, out, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw OutputError(fmt::format("cannot write {}: {}", out.string(), ec.message()));
  }
}

}  // namespace

struct Writer::State {
  State(const text::FontLibrary& f, bool t) : fonts(f), tagged(t) {}
  FontSet fonts;
  const bool tagged;
  std::mutex mutex;
  // Shared bodies by identity; an entry is filled once, by whoever asks first.
  struct Body {
    std::once_flag once;
    Encoded encoded;
  };
  std::map<const void*, std::shared_ptr<Body>> bodies;
  std::set<const void*> reserved_bodies;  // reserve() runs on one thread
  // The CIDs reserve() gave a body's glyphs, until it is encoded.
  std::map<const void*, FontSet::Codes> codes;

  // What a page left out by seal() holds instead of its items.
  const std::shared_ptr<const std::vector<layout::Item>> dropped =
      std::make_shared<const std::vector<layout::Item>>();

  // Encoding of the last batch seal() handed over, under way on a thread
  // of its own while the next batch is laid out.
  std::mutex sealing_mutex;
  std::future<void> sealing;
  std::exception_ptr sealing_failure;

  const Encoded& body(const std::shared_ptr<const std::vector<layout::Item>>& items,
                      Compressor& z) {
    if (items == dropped) {
      throw std::logic_error("a signature page left out by --only was to be written");
    }
    return encode_body(entry_for(items.get()), *items, z);
  }

  std::shared_ptr<Body> entry_for(const void* items) {
    std::lock_guard lock(mutex);
    auto& slot = bodies[items];
    if (!slot) slot = std::make_shared<Body>();
    return slot;
  }

  const Encoded& encode_body(const std::shared_ptr<Body>& entry,
                             const std::vector<layout::Item>& items, Compressor& z) {
    std::call_once(entry->once, [&] {
      std::optional<FontSet::Codes> reserved;
      {
        std::lock_guard lock(mutex);
        if (auto it = codes.find(&items); it != codes.end()) {
          reserved = std::move(it->second);
          codes.erase(it);
        }
      }
      entry->encoded = encode_items(fonts, items, z, tagged, 0, reserved ? &*reserved : nullptr);
    });
    return entry->encoded;
  }

  // Waits for the batch being encoded; its failure is every later
  // caller's too, since its pages can no longer be written.
  void drain() {
    std::lock_guard lock(sealing_mutex);
    if (sealing.valid()) {
      try {
        sealing.get();
      } catch (...) {
        sealing_failure = std::current_exception();
      }
    }
    if (sealing_failure) std::rethrow_exception(sealing_failure);
  }
};

Writer::Writer(const text::FontLibrary& fonts, bool tagged)
    : state_(std::make_unique<State>(fonts, tagged)) {}
Writer::~Writer() = default;

void Writer::reserve(const std::vector<layout::Page>& pages) {
  auto reserve_items = [&](const std::vector<layout::Item>& items, FontSet::Codes* codes) {
    for (const auto& item : items) {
      if (auto* t = std::get_if<layout::TextItem>(&item)) state_->fonts.reserve(*t, codes);
    }
  };
  for (const auto& p : pages) {
    // A shared body appears in every volume; its glyphs are numbered the
    // first time only, and their CIDs kept for its encoding.
    if (p.body && state_->reserved_bodies.insert(p.body.get()).second) {
      FontSet::Codes codes;
      reserve_items(*p.body, &codes);
      std::lock_guard lock(state_->mutex);
      state_->codes[p.body.get()] = std::move(codes);
    }
    reserve_items(p.items, nullptr);
  }
}

void Writer::prepare(const std::vector<layout::Page>& pages, unsigned threads) {
  state_->drain();
  reserve(pages);
  std::vector<const layout::Page*> todo;
  for (const auto& p : pages) {
    if (p.body) todo.push_back(&p);
  }
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(todo.size())));
  parallel::parallel_for(
      todo.size(), threads, [] { return Compressor(); },
      [&](Compressor& z, std::size_t i) { state_->body(todo[i]->body, z); });
}

void Writer::seal(std::vector<layout::Page>& pages, unsigned threads,
                  const std::vector<bool>& keep) {
  // Numbered in page order first, kept or not: CIDs must not depend on
  // which pages a run writes.
  reserve(pages);
  struct Job {
    std::shared_ptr<const std::vector<layout::Item>> items;  // alive until encoded
    std::shared_ptr<State::Body> entry;
  };
  std::vector<Job> jobs;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto& page = pages[i];
    if (!page.body || page.body->empty()) continue;
    if (!keep.at(i)) {
      state_->reserved_bodies.erase(page.body.get());
      {
        std::lock_guard lock(state_->mutex);
        state_->codes.erase(page.body.get());
      }
      page.body = state_->dropped;
      continue;
    }
    auto entry = state_->entry_for(page.body.get());
    auto stand_in = std::make_shared<const std::vector<layout::Item>>();
    {
      std::lock_guard lock(state_->mutex);
      // The old address may be reused once the items are freed: it must
      // not stay a key.
      state_->bodies.erase(page.body.get());
      state_->bodies.emplace(stand_in.get(), entry);
    }
    state_->reserved_bodies.erase(page.body.get());
    state_->reserved_bodies.insert(stand_in.get());
    jobs.push_back({std::move(page.body), std::move(entry)});
    page.body = std::move(stand_in);
  }
  // One batch in flight: its items are what memory holds besides the one
  // being laid out.
  state_->drain();
  std::lock_guard lock(state_->sealing_mutex);
  state_->sealing = std::async(std::launch::async,
                               [state = state_.get(), threads, jobs = std::move(jobs)]() mutable {
                                 parallel::parallel_for(
                                     jobs.size(), threads, [] { return Compressor(); },
                                     [&](Compressor& z, std::size_t i) {
                                       state->encode_body(jobs[i].entry, *jobs[i].items, z);
                                       jobs[i].items.reset();  // the shaped names, let go
                                     });
                               });
}

void Writer::write(const std::vector<layout::Page>& pages, const DocumentInfo& info,
                   const std::filesystem::path& out) {
  // Every sealed page encoded: a stand-in's entry must never be filled from
  // its (empty) items.
  state_->drain();
  if (info.tagged != state_->tagged) {
    throw std::logic_error("a document's tagging differs from its writer's (pdf::Writer)");
  }
  check_writable_directory(out);
  HpdfDoc doc;
  // Page content is compressed here (libdeflate); font streams ask libharu
  // for Flate themselves (HpdfDoc::new_stream).
  doc.check(HPDF_SetCompressionMode(doc.get(), HPDF_COMP_NONE), "set compression");
  const HPDF_Box shared_box = share_media_box(doc, pages);
  DocumentFonts doc_fonts(doc, state_->fonts);
  Compressor z;
  Digest digest;
  add_info(digest, info);
  std::optional<StructureTree> structure;
  if (info.tagged) structure.emplace(info.language);
  DocumentPictures pictures(doc);
  PageWriter page_writer{doc,         state_->fonts,
                         info.tagged, shared_box,
                         doc_fonts,   z,
                         digest,      structure ? &*structure : nullptr,
                         pictures};
  std::vector<HPDF_Page> hpdf_pages;
  for (const auto& page : pages) {
    hpdf_pages.push_back(
        page_writer.add(page, [&]() -> const Encoded& { return state_->body(page.body, z); }));
  }
  // After every page: a note names an element, which comes into the tree
  // where its first content is.
  if (structure) {
    for (const auto& page : pages) {
      for (const auto& note : page.notes) structure->add_note(note);
    }
  }
  doc_fonts.finish();
  set_document_info(doc, info);
  add_navigation(doc, hpdf_pages, info);
  add_print_hints(doc, info.duplex, info.tagged);
  make_pdfa(doc, info, kProducer, digest.finish());
  ExtraObjects extra;
  if (structure) extra = mark_catalog(doc, *structure, info.language);
  save_in_place_of(doc, out, extra);
}

void write_pdf(const std::vector<layout::Page>& pages, const DocumentInfo& info,
               const text::FontLibrary& fonts, const std::filesystem::path& out) {
  Writer(fonts, info.tagged).write(pages, info, out);
}

}  // namespace dossier::pdf
