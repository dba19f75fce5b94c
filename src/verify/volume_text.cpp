#include "verify/volume_text.h"

// Poppler's core (libpoppler-private-dev), not its C++ wrapper: the wrapper
// gives a page's text only through poppler's TextOutputDev, which takes a
// line's /ActualText in place of its glyphs, so two glyphs swapped under
// an intact /ActualText never showed. Here every glyph's own text is read
// in the order it is drawn, and each /ActualText is checked against the
// glyphs it covers.
#include <goo/GooString.h>
#include <goo/gmem.h>
#include <poppler/Error.h>
#include <poppler/GfxState.h>
#include <poppler/GlobalParams.h>
#include <poppler/OutputDev.h>
#include <poppler/PDFDoc.h>
#include <poppler/Stream.h>
#include <poppler/UTF.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cctype>
#include <cmath>
#include <memory>
#include <mutex>

#include "files/files.h"
#include "text/bidi_order.h"

namespace dossier::verify {
namespace {

namespace fs = std::filesystem;

void append_utf8(std::string& out, UChar32 c) {
  if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  icu::UnicodeString(c).toUTF8String(out);
}

// A PDF text string (7.9.2.2): UTF-16 after its byte order mark, or
// PDFDocEncoding; poppler decodes both.
std::string text_string_utf8(const GooString& s) {
  Unicode* ucs4 = nullptr;
  const int n = TextStringToUCS4(s.toStr(), &ucs4);
  std::string out;
  for (int i = 0; i < n; ++i) append_utf8(out, static_cast<UChar32>(ucs4[i]));
  gfree(ucs4);
  return out;
}

// For comparing a line's /ActualText with its glyphs: ICU mirrors the
// brackets of a right-to-left stretch in the visual text, while a glyph's
// own text keeps the character typed (the font draws it mirrored).
std::u32string without_mirroring(std::u32string s) {
  for (auto& c : s) {
    auto m = static_cast<char32_t>(u_charMirror(static_cast<UChar32>(c)));
    if (m < c) c = m;
  }
  return s;
}

// Whether a right-to-left span's glyphs, drawn line by line (each line in
// visual order), spell `logical`: the text is cut where each line's
// characters run out, and every piece, put in visual order as the writer
// put its line, must read as that line's glyphs. One line is the common
// case; a wrapped name's first line carries the whole name for all its
// lines.
bool lines_spell(const std::string& logical, const std::vector<std::string>& lines) {
  const auto* s = reinterpret_cast<const uint8_t*>(logical.data());
  const auto length = static_cast<int32_t>(logical.size());
  int32_t from = 0;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const auto line = without_mirroring(squeezed(lines[k]));
    int32_t to = length;
    if (k + 1 < lines.size()) {
      // Up to the line's number of characters, then on over what adds
      // none (spaces, marks NFC composes).
      to = from;
      auto count = [&](int32_t end) {
        return squeezed(std::string_view(logical).substr(from, end - from)).size();
      };
      while (to < length && count(to) < line.size()) U8_FWD_1(s, to, length);
      for (int32_t next = to; next < length;) {
        U8_FWD_1(s, next, length);
        if (count(next) != line.size()) break;
        to = next;
      }
    }
    auto piece = logical.substr(from, to - from);
    if (without_mirroring(squeezed(text::visual_order(piece))) != line) return false;
    from = to;
  }
  return true;
}

// Collects each page's text from its glyphs in drawn order. A line the
// writer gave /ActualText (every right-to-left line, a wrapped name's
// lines, which share one span, and a few others; pdf/cid_fonts.cpp) must
// say what its glyphs say. Right-to-left lines are drawn in visual order,
// and become logical text again through text::logical_order.
class DrawnText final : public OutputDev {
 public:
  bool upsideDown() override { return true; }
  bool useDrawChar() override { return true; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return false; }

  void startPage(int page, GfxState*, XRef*) override {
    page_ = static_cast<std::size_t>(page);
    text_.clear();
    in_span_ = false;
  }

  void drawChar(GfxState* state, double, double y, double, double, double, double, CharCode, int,
                const Unicode* u, int n) override {
    if (in_span_) {
      // A new line of the span: the baseline moved by more than a mark's
      // rise.
      const double size = state ? state->getTransformedFontSize() : 0;
      if (lines_.empty() || std::abs(y - line_y_) > 0.6 * size) lines_.emplace_back();
      line_y_ = y;
    }
    for (int i = 0; i < n; ++i) {
      append_utf8(in_span_ ? lines_.back() : text_, static_cast<UChar32>(u[i]));
    }
  }

  void beginActualText(GfxState*, const GooString* said) override {
    end_span();
    in_span_ = true;
    said_ = said ? text_string_utf8(*said) : std::string();
    lines_.clear();
  }

  void endActualText(GfxState*) override { end_span(); }

  void endPage() override { end_span(); }

  std::string& text() { return text_; }
  std::vector<LineMismatch>& mismatches() { return mismatches_; }

 private:
  void end_span() {
    if (!in_span_) return;
    in_span_ = false;
    std::string drawn;
    for (const auto& line : lines_) drawn += line;
    // What the span reads as, in logical order. Where the /ActualText and
    // the glyphs agree, the /ActualText has the spaces and the mirrored
    // brackets the inverse reordering needs; where not, the glyphs decide.
    bool agree = false;
    std::string reads = drawn;
    if (text::has_rtl_letter(said_)) {
      auto logical = text::logical_order(said_);
      agree = logical && lines_spell(*logical, lines_);
      if (agree) {
        reads = std::move(*logical);
      } else if (text::has_rtl_letter(drawn)) {
        reads = text::logical_order(drawn).value_or(drawn);
      }
    } else {
      agree = without_mirroring(squeezed(said_)) == without_mirroring(squeezed(drawn));
      if (!agree && text::has_rtl_letter(drawn)) reads = text::logical_order(drawn).value_or(drawn);
    }
    if (!agree) mismatches_.push_back({page_, squeezed(text_).size(), said_, drawn});
    text_ += reads;
  }

  std::size_t page_ = 0;
  std::string text_;
  bool in_span_ = false;
  std::string said_;
  std::vector<std::string> lines_;  // the span's glyphs' text, line by line
  double line_y_ = 0;
  std::vector<LineMismatch> mismatches_;
};

// Poppler's core keeps its settings in one process-wide object, which must
// exist before a document is opened.
void ensure_poppler_settings() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  });
}

// Poppler builds a colour transform from the document's OutputIntent
// profile for every page it processes, even for text extraction, and with
// the sRGB intent PDF/A requires that is three quarters of the time spent
// on a signature page. So the copy poppler reads has the catalog's key
// renamed (same length, so every offset stays valid): colour is not what
// verify checks, and the hash is taken from the file itself. A catalog
// inside a compressed object stream is not found and read as it is.
void hide_output_intents(std::string& bytes) {
  const std::string_view key = "/OutputIntents";
  std::string_view all(bytes.data(), bytes.size());
  for (auto at = all.find(key); at != std::string_view::npos; at = all.find(key, at + 1)) {
    char next = at + key.size() < all.size() ? all[at + key.size()] : ' ';
    bool whole_key = !std::isalnum(static_cast<unsigned char>(next)) && next != '_';
    if (whole_key) bytes[at + key.size() - 1] = '_';
  }
}

void silence(ErrorCategory, Goffset, const char*) {}

}  // namespace

std::u32string squeezed(std::string_view utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  auto u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (nfc && U_SUCCESS(err)) {
    auto normal = nfc->normalize(u, err);
    if (U_SUCCESS(err)) u = std::move(normal);
  }
  std::u32string out;
  out.reserve(static_cast<std::size_t>(u.length()));
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    // Default ignorables too (variation selectors, CGJ): shaping consumes
    // them, so whether a PDF still reads them back is up to the writer.
    if (u_isUWhiteSpace(c) || u_charType(c) == U_FORMAT_CHAR ||
        u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
      continue;
    }
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::u32string as_read(const std::string& name) {
  if (!text::has_rtl_letter(name)) return squeezed(name);
  auto visual = text::visual_order(name);
  return squeezed(text::logical_order(visual).value_or(visual));
}

ReadVolume read_volume(const fs::path& path) {
  ReadVolume out;
  ensure_poppler_settings();
  std::string bytes;
  if (auto read = files::read_all(path)) bytes = std::move(*read);
  if (bytes.empty()) return out;
  hide_output_intents(bytes);
  // The document reads from `bytes`, which outlives it.
  auto doc = std::make_unique<PDFDoc>(
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)));
  if (!doc->isOk()) {
    if (doc->getErrorCode() == errEncrypted) out.status = ReadVolume::Status::Encrypted;
    return out;
  }
  out.status = ReadVolume::Status::Read;
  const int pages = doc->getNumPages();
  out.pages = static_cast<std::size_t>(std::max(0, pages));
  if (auto xmp = doc->readMetadata()) out.xmp = xmp->toStr();
  // The footers are in the document's language.
  if (Object catalog = doc->getXRef()->getCatalog(); catalog.isDict()) {
    if (Object lang = catalog.dictLookup("Lang"); lang.isString()) {
      out.language = lang.getString()->toStr();
    }
  }
  DrawnText dev;
  for (int i = 1; i <= pages; ++i) {
    const auto earlier = dev.mismatches().size();
    doc->displayPage(&dev, i, 72, 72, 0, false, false, false);
    const auto start = out.text.text.size();
    for (auto k = earlier; k < dev.mismatches().size(); ++k) dev.mismatches()[k].at += start;
    out.text.page_start.push_back(start);
    out.text.text += squeezed(dev.text());
  }
  out.mismatched_lines = std::move(dev.mismatches());
  return out;
}

void silence_poppler() { setErrorCallback(silence); }

}  // namespace dossier::verify
