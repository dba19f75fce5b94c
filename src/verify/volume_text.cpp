#include "verify/volume_text.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cctype>
#include <climits>
#include <fstream>
#include <iterator>
#include <memory>

#include "files/files.h"

namespace dossier::verify {
namespace {

namespace fs = std::filesystem;

std::string to_utf8(const poppler::ustring& u) {
  auto bytes = u.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Poppler builds a colour transform from the document's OutputIntent
// profile for every page it processes, even for text extraction, and with
// the sRGB intent PDF/A requires that is three quarters of the time spent
// on a signature page. So the copy poppler reads has the catalog's key
// renamed (same length, so every offset stays valid): colour is not what
// verify checks, and the hash is taken from the file itself. A catalog
// inside a compressed object stream is not found and read as it is.
poppler::document* open_for_text(const fs::path& path, std::string& bytes) {
  if (auto read = files::read_all(path)) bytes = std::move(*read);
  if (!bytes.empty() && bytes.size() < static_cast<std::size_t>(INT_MAX)) {
    const std::string_view key = "/OutputIntents";
    std::string_view all(bytes.data(), bytes.size());
    for (auto at = all.find(key); at != std::string_view::npos; at = all.find(key, at + 1)) {
      char next = at + key.size() < all.size() ? all[at + key.size()] : ' ';
      bool whole_key = !std::isalnum(static_cast<unsigned char>(next)) && next != '_';
      if (whole_key) bytes[at + key.size() - 1] = '_';
    }
    return poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size()));
  }
  return poppler::document::load_from_file(path.string());
}

void silence(const std::string&, void*) {}

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

ReadVolume read_volume(const fs::path& path) {
  ReadVolume out;
  std::string bytes;
  std::unique_ptr<poppler::document> doc(open_for_text(path, bytes));
  if (!doc) return out;
  if (doc->is_locked()) {
    out.status = ReadVolume::Status::Encrypted;
    return out;
  }
  out.status = ReadVolume::Status::Read;
  out.pages = static_cast<std::size_t>(std::max(0, doc->pages()));
  out.xmp = to_utf8(doc->metadata());
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    std::u32string squeezed_page;
    if (page) {
      squeezed_page = squeezed(
          to_utf8(page->text(poppler::rectf(), poppler::page::text_layout_enum::raw_order_layout)));
    }
    out.text.page_start.push_back(out.text.text.size());
    out.text.text += squeezed_page;
  }
  return out;
}

void silence_poppler() { poppler::set_debug_error_function(silence, nullptr); }

}  // namespace dossier::verify
