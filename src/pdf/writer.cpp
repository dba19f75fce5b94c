#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <unistd.h>

#include <cstdio>
#include <system_error>

#include "pdf/cid_fonts.h"
#include "pdf/hpdf_doc.h"
#include "pdf/pdf.h"
#include "pdf/pdf_syntax.h"

namespace dossier::pdf {
namespace {

void append_color(std::string& out, const layout::Color& c, const char* op) {
  append_number(out, c.r);
  out += ' ';
  append_number(out, c.g);
  out += ' ';
  append_number(out, c.b);
  out += ' ';
  out += op;
  out += '\n';
}

void draw_rule(const layout::RuleItem& rule, std::string& content) {
  content += "q\n";
  append_color(content, rule.color, "RG");
  append_number(content, rule.width);
  content += " w\n";
  append_number(content, rule.x0);
  content += ' ';
  append_number(content, rule.y0);
  content += " m\n";
  append_number(content, rule.x1);
  content += ' ';
  append_number(content, rule.y1);
  content += " l\nS\nQ\n";
}

void draw_rect(const layout::RectItem& rect, std::string& content) {
  content += "q\n";
  append_color(content, rect.fill, "rg");
  append_number(content, rect.x);
  content += ' ';
  append_number(content, rect.y);
  content += ' ';
  append_number(content, rect.w);
  content += ' ';
  append_number(content, rect.h);
  content += " re\nf\nQ\n";
}

bool is_ascii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Document info strings are PDF text strings: ASCII as is, anything else as
// UTF-16BE with a byte order mark (PDF 32000-1 7.9.2.2). libharu's own
// setter would write UTF-8 bytes as PDFDocEncoding.
void set_info(HpdfDoc& doc, const char* key, const std::string& value) {
  if (value.empty()) return;
  // libharu 2.3.0 exports no getter for the info dictionary; setting the
  // (ASCII) creator first makes it exist.
  doc.check(HPDF_SetInfoAttr(doc.get(), HPDF_INFO_CREATOR, "dossier"),
            "create the document information");
  HPDF_Dict info = doc.get()->info;
  doc.check(info, "create the document information");
  if (is_ascii(value)) {
    doc.check(HPDF_Dict_Add(info, key, HPDF_String_New(doc.mmgr(), value.c_str(), nullptr)),
              "set the document information");
    return;
  }
  std::string bytes = "\xFE\xFF";
  bytes += utf16be(value);
  doc.check(HPDF_Dict_Add(info, key,
                          HPDF_Binary_New(doc.mmgr(), reinterpret_cast<HPDF_BYTE*>(bytes.data()),
                                          static_cast<HPDF_UINT>(bytes.size()))),
            "set the document information");
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

}  // namespace

void write_pdf(const std::vector<layout::Page>& pages, const DocumentInfo& info,
               const text::FontLibrary& fonts, const std::filesystem::path& out) {
  check_writable_directory(out);
  HpdfDoc doc;
  doc.check(HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL), "enable compression");
  CidFonts cid_fonts(doc, fonts);

  for (const auto& page : pages) {
    HPDF_Page p = HPDF_AddPage(doc.get());
    doc.check(p, "add a page");
    doc.check(HPDF_Page_SetWidth(p, static_cast<HPDF_REAL>(page.width)), "size a page");
    doc.check(HPDF_Page_SetHeight(p, static_cast<HPDF_REAL>(page.height)), "size a page");
    std::string content;
    for (const auto& item : page.items) {
      if (auto* t = std::get_if<layout::TextItem>(&item)) {
        cid_fonts.draw(p, *t, content);
      } else if (auto* r = std::get_if<layout::RuleItem>(&item)) {
        draw_rule(*r, content);
      } else if (auto* b = std::get_if<layout::RectItem>(&item)) {
        draw_rect(*b, content);
      }
    }
    // The page's own content stream, created by libharu with the page;
    // writing the whole page at once keeps libharu's graphics-state
    // bookkeeping out of our operators.
    auto* attr = static_cast<HPDF_PageAttr>(p->attr);
    doc.check(HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(content.data()),
                                static_cast<HPDF_UINT>(content.size())),
              "write a page's content");
  }
  cid_fonts.finish();

  set_info(doc, "Title", info.title);
  set_info(doc, "Author", info.author);
  set_info(doc, "Subject", info.subject);
  set_info(doc, "Keywords", info.keywords);
  set_info(doc, "Creator", info.creator);

  auto tmp = out;
  tmp += fmt::format(".partial-{}", ::getpid());
  if (HPDF_SaveToFile(doc.get(), tmp.c_str()) != HPDF_OK) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw OutputError(fmt::format("cannot write {}: saving failed", out.string()));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, out, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw OutputError(fmt::format("cannot write {}: {}", out.string(), ec.message()));
  }
}

}  // namespace dossier::pdf
