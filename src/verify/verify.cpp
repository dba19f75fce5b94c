#include "verify/verify.h"

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <climits>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <thread>

#include "csv/csv.h"
#include "files/files.h"
#include "ingest/ingest.h"
#include "verify/privacy_check.h"

namespace dossier::verify {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// ---------------------------------------------------------------------------
// manifest.json

// One PDF the manifest lists: a whole volume, or one part of a volume too
// long to bind as one book (then volume/part say which, the part holds the
// signatures first_number..last_number, and its footers continue the
// volume's page numbers from first_page).
struct VolumeEntry {
  std::string file;
  std::size_t volume = 0, part = 1;
  std::size_t pages = 0;
  std::size_t first_page = 1, volume_pages = 0;
  std::uint64_t signatures = 0;
  std::uint64_t first_number = 0;
  std::uint64_t last_number = 0;
  std::string sha256;
};

struct Manifest {
  std::string signatures_file;
  std::string signatures_sha256;
  std::uint64_t signatures_count = 0;
  std::vector<VolumeEntry> volumes;
  std::optional<std::uint64_t> total_pages, total_signatures;
  std::optional<std::uint64_t> names_with_missing_glyphs;
  std::optional<ingest::Edition> edition;  // absent in manifests from before editions
};

const json& member(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) {
    throw UnusableInput(fmt::format("manifest.json: {} has no \"{}\"", where, key));
  }
  return object.at(key);
}

std::string string_member(const json& object, const char* key, const std::string& where) {
  const auto& v = member(object, key, where);
  if (!v.is_string()) {
    throw UnusableInput(fmt::format("manifest.json: {}.{} is not a string", where, key));
  }
  return v.get<std::string>();
}

std::uint64_t count_member(const json& object, const char* key, const std::string& where);

// Keys only manifests of volumes cut into parts have.
std::uint64_t optional_count(const json& object, const char* key, const std::string& where,
                             std::uint64_t absent) {
  return object.contains(key) ? count_member(object, key, where) : absent;
}

std::uint64_t count_member(const json& object, const char* key, const std::string& where) {
  const auto& v = member(object, key, where);
  if (!v.is_number_unsigned()) {
    throw UnusableInput(
        fmt::format("manifest.json: {}.{} is not a non-negative whole number", where, key));
  }
  return v.get<std::uint64_t>();
}

// The manifest names files inside the build directory; anything else would
// make verify read (and vouch for) files that were never part of the build.
std::string file_member(const json& object, const std::string& where) {
  auto name = string_member(object, "file", where);
  fs::path p(name);
  bool escapes = name.empty() || p.is_absolute() ||
                 std::any_of(p.begin(), p.end(), [](const fs::path& part) { return part == ".."; });
  if (escapes) {
    throw UnusableInput(fmt::format(
        "manifest.json: {}.file \"{}\" is not a file inside the build directory", where, name));
  }
  return name;
}

Manifest read_manifest(const fs::path& dir) {
  auto file = dir / "manifest.json";
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw UnusableInput(
        fmt::format("{}: no manifest.json here (is this the output directory of `dossier build`?)",
                    dir.string()));
  }
  json m;
  try {
    m = json::parse(in);
  } catch (const json::parse_error& e) {
    throw UnusableInput(fmt::format("{}: not valid JSON: {}", file.string(), e.what()));
  }
  Manifest out;
  if (m.contains("edition")) out.edition = edition_from_manifest(m["edition"]);
  const auto& sig = member(m, "signatures", "the top level");
  out.signatures_file = file_member(sig, "signatures");
  out.signatures_sha256 = string_member(sig, "sha256", "signatures");
  out.signatures_count = count_member(sig, "count", "signatures");
  const auto& volumes = member(m, "volumes", "the top level");
  if (!volumes.is_array()) throw UnusableInput("manifest.json: \"volumes\" is not a list");
  for (std::size_t i = 0; i < volumes.size(); ++i) {
    auto where = fmt::format("volumes[{}]", i);
    const auto& v = volumes[i];
    VolumeEntry e;
    e.file = file_member(v, where);
    e.pages = count_member(v, "pages", where);
    e.volume = optional_count(v, "volume", where, i + 1);
    e.part = optional_count(v, "part", where, 1);
    e.first_page = optional_count(v, "first_page", where, 1);
    e.volume_pages = optional_count(v, "volume_pages", where, e.pages);
    e.signatures = count_member(v, "signatures", where);
    e.first_number = count_member(v, "first_number", where);
    e.last_number = count_member(v, "last_number", where);
    e.sha256 = string_member(v, "sha256", where);
    out.volumes.push_back(std::move(e));
  }
  // Totals are a summary for people; checked when present, never needed.
  if (m.contains("totals") && m["totals"].is_object()) {
    const auto& t = m["totals"];
    if (t.contains("pages") && t["pages"].is_number_unsigned())
      out.total_pages = t["pages"].get<std::uint64_t>();
    if (t.contains("signatures") && t["signatures"].is_number_unsigned())
      out.total_signatures = t["signatures"].get<std::uint64_t>();
    if (t.contains("names_with_missing_glyphs") &&
        t["names_with_missing_glyphs"].is_number_unsigned())
      out.names_with_missing_glyphs = t["names_with_missing_glyphs"].get<std::uint64_t>();
  }
  return out;
}

// ---------------------------------------------------------------------------
// signatures.csv

using Accepted = PrintedSignature;

// RFC 4180, as build writes it (csv/csv.h): fields with commas, quotes or line breaks
// are quoted, quotes inside are doubled. Strict about what build never
// writes, since an oddity here means the list was edited by hand.
std::vector<Accepted> read_accepted(const fs::path& file) {
  const auto bytes = files::read_all(file);
  if (!bytes) {
    throw UnusableInput(
        fmt::format("{}: cannot read it; without the list of accepted signatures the volumes "
                    "cannot be checked",
                    file.string()));
  }
  const std::string& s = *bytes;
  const std::size_t n = s.size();
  std::size_t i = s.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  std::size_t line = 1;
  std::vector<Accepted> out;
  bool header = true;
  std::size_t width = 4;
  while (i < n) {
    const std::size_t record_line = line;
    std::vector<std::string> fields;
    while (true) {
      std::string field;
      if (s[i] == '"') {
        const std::size_t opened = line;
        ++i;
        while (true) {
          if (i >= n) {
            throw UnusableInput(
                fmt::format("{}: line {}: a quoted field is never closed", file.string(), opened));
          }
          char c = s[i++];
          if (c == '"') {
            if (i < n && s[i] == '"') {
              field += '"';
              ++i;
            } else {
              break;
            }
          } else {
            if (c == '\n') ++line;
            field += c;
          }
        }
        if (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
          throw UnusableInput(fmt::format("{}: line {}: text after the closing quote of a field",
                                          file.string(), line));
        }
      } else {
        while (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') field += s[i++];
      }
      fields.push_back(std::move(field));
      if (i < n && s[i] == ',') {
        ++i;
        if (i == n) fields.emplace_back();
        if (i < n) continue;
      }
      if (i < n && s[i] == '\r') ++i;
      if (i < n && s[i] == '\n') ++i;
      ++line;
      break;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line says nothing
    if (header) {
      // The privacy column came with editions; lists from before lack it.
      std::vector<std::string> columns{"number", "name", "city", "country", "privacy"};
      if (fields != columns &&
          fields != std::vector<std::string>(columns.begin(), columns.end() - 1)) {
        throw UnusableInput(
            fmt::format("{}: line {}: expected the header number,name,city,country[,privacy]",
                        file.string(), record_line));
      }
      width = fields.size();
      header = false;
      continue;
    }
    if (fields.size() != width) {
      throw UnusableInput(fmt::format("{}: line {}: {} field(s), expected {} as in the header",
                                      file.string(), record_line, fields.size(), width));
    }
    Accepted a;
    const auto& num = fields[0];
    auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), a.number);
    if (ec != std::errc() || end != num.data() + num.size() || a.number == 0) {
      throw UnusableInput(fmt::format("{}: line {}: \"{}\" is not a signature number",
                                      file.string(), record_line, num));
    }
    // build neutralised names a spreadsheet would take for formulas.
    a.name = csv::restore_field(fields[1]);
    a.city = csv::restore_field(fields[2]);
    a.country = csv::restore_field(fields[3]);
    if (width == 5) a.privacy = csv::restore_field(fields[4]);
    out.push_back(std::move(a));
  }
  if (header) throw UnusableInput(fmt::format("{}: the file is empty", file.string()));
  return out;
}

// ---------------------------------------------------------------------------
// Text as compared: NFC, without white space and format characters, so a
// name wrapped over two lines, a carrier U+200B or a bidi mark poppler
// emits between words never decides a match.
std::u32string squeezed(const std::string& utf8) {
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

std::u32string ascii32(const std::string& s) { return std::u32string(s.begin(), s.end()); }

// A signature as searched for, prepared once for all volumes.
struct Wanted {
  std::uint64_t number = 0;
  std::size_t digits = 0;
  // Compared exactly in every direction: the writer gives right-to-left
  // items /ActualText in visual order, which poppler's raw order reads
  // back as the name (pdf/cid_fonts.cpp, visual_order), so a name with two
  // letters swapped fails. Two classes poppler still reorders on its own,
  // whatever the writer says, keep the old comparison of the characters as
  // a multiset: right-to-left names with digits or left-to-right words in
  // them (poppler keeps those where they stand on the line: "2 אברהם לוי"),
  // and right-to-left names with combining marks (poppler moves a mark that
  // ends a right-to-left word to its front). See docs/ARCHITECTURE.md.
  std::u32string name;
  bool as_multiset = false;
  std::u32string sorted;
  const std::string* display = nullptr;  // the name as signatures.csv has it
};

// Whether poppler's raw order cannot be trusted with this name's order.
bool poppler_reorders(const std::u32string& name) {
  bool rtl = false, other = false;
  for (char32_t c : name) {
    auto d = u_charDirection(static_cast<UChar32>(c));
    rtl = rtl || d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
    other = other || d == U_LEFT_TO_RIGHT || d == U_EUROPEAN_NUMBER || d == U_ARABIC_NUMBER ||
            d == U_DIR_NON_SPACING_MARK;
  }
  return rtl && other;
}

std::vector<Wanted> prepare(const std::vector<Accepted>& accepted) {
  std::vector<Wanted> out;
  out.reserve(accepted.size());
  for (const auto& a : accepted) {
    Wanted w;
    w.number = a.number;
    w.digits = std::to_string(a.number).size();
    w.name = squeezed(a.name);
    w.as_multiset = poppler_reorders(w.name);
    if (w.as_multiset) {
      w.sorted = w.name;
      std::sort(w.sorted.begin(), w.sorted.end());
    }
    w.display = &a.name;
    out.push_back(std::move(w));
  }
  return out;
}

// ---------------------------------------------------------------------------
// One volume

struct VolumeText {
  std::u32string text;                  // all pages, squeezed, concatenated
  std::vector<std::size_t> page_start;  // where each page begins in text

  std::u32string_view page(std::size_t i) const {  // 0-based
    auto end = i + 1 < page_start.size() ? page_start[i + 1] : text.size();
    return std::u32string_view(text).substr(page_start[i], end - page_start[i]);
  }

  std::size_t page_of(std::size_t pos) const {
    auto it = std::upper_bound(page_start.begin(), page_start.end(), pos);
    return static_cast<std::size_t>(it - page_start.begin());  // 1-based
  }
};

// Where each number could start: every digit substring (no leading zero)
// of every run of digits. Substrings rather than whole runs because a place
// line may end in digits and a name may begin with them, and squeezing
// joins those to the number. Sorted by (number, position), so finding a
// signature costs a binary search instead of a scan of the whole volume.
struct NumberAt {
  std::uint64_t number;
  std::size_t pos;
  bool operator<(const NumberAt& o) const {
    return number != o.number ? number < o.number : pos < o.pos;
  }
};

std::vector<NumberAt> index_numbers(const std::u32string& text, std::uint64_t lo,
                                    std::uint64_t hi) {
  auto digit = [](char32_t c) { return c >= U'0' && c <= U'9'; };
  std::vector<NumberAt> out;
  const std::size_t n = text.size();
  for (std::size_t a = 0; a < n;) {
    if (!digit(text[a])) {
      ++a;
      continue;
    }
    std::size_t b = a;
    while (b < n && digit(text[b])) ++b;
    for (std::size_t s = a; s < b; ++s) {
      if (text[s] == U'0') continue;
      std::uint64_t value = 0;
      for (std::size_t e = s; e < b && e - s < 19; ++e) {
        value = value * 10 + (text[e] - U'0');
        if (value > hi) break;
        if (value >= lo) out.push_back({value, s});
      }
    }
    a = b;
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool entry_at(const std::u32string& text, std::size_t pos, const Wanted& w) {
  std::size_t from = pos + w.digits;
  if (from + w.name.size() > text.size()) return false;
  if (!w.as_multiset) return text.compare(from, w.name.size(), w.name) == 0;
  std::u32string got = text.substr(from, w.name.size());
  std::sort(got.begin(), got.end());
  return got == w.sorted;
}

// The value of an XMP property in element (<pdfaid:part>2</pdfaid:part>) or
// attribute (pdfaid:part="2") form; empty when absent.
std::string xmp_property(const std::string& xmp, const std::string& key) {
  auto trim = [](std::string v) {
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!v.empty() && ws(v.back())) v.pop_back();
    std::size_t i = 0;
    while (i < v.size() && ws(v[i])) ++i;
    return v.substr(i);
  };
  for (auto at = xmp.find(key); at != std::string::npos; at = xmp.find(key, at + 1)) {
    if (at > 0 && xmp[at - 1] == '/') continue;  // a closing tag
    std::size_t p = at + key.size();
    while (p < xmp.size() && (xmp[p] == ' ' || xmp[p] == '\t' || xmp[p] == '\n')) ++p;
    if (p >= xmp.size()) break;
    if (xmp[p] == '>') {
      auto end = xmp.find('<', p + 1);
      if (end == std::string::npos) break;
      auto v = trim(xmp.substr(p + 1, end - p - 1));
      if (!v.empty()) return v;
    } else if (xmp[p] == '=') {
      ++p;
      while (p < xmp.size() && (xmp[p] == ' ' || xmp[p] == '\t')) ++p;
      if (p >= xmp.size() || (xmp[p] != '"' && xmp[p] != '\'')) continue;
      auto end = xmp.find(xmp[p], p + 1);
      if (end == std::string::npos) break;
      auto v = trim(xmp.substr(p + 1, end - p - 1));
      if (!v.empty()) return v;
    }
  }
  return {};
}

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
poppler::document* open_for_text(const fs::path& path, std::vector<char>& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (in) bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.bad() && !bytes.empty() && bytes.size() < static_cast<std::size_t>(INT_MAX)) {
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

class Findings {
 public:
  Findings(VolumeReport& report, std::size_t max) : report_(report), max_(max) {}
  void add(std::size_t page, std::uint64_t signature, std::string what) {
    ++report_.discrepancies;
    if (report_.listed.size() < max_) {
      report_.listed.push_back({report_.file, page, signature, std::move(what)});
    }
  }

 private:
  VolumeReport& report_;
  std::size_t max_;
};

// "Page X of Y" is drawn on every page with the volume's true total: a
// dropped, added or moved page shows here even outside the signatures.
void check_footers(const VolumeText& vt, std::size_t first_page, std::size_t expected_total,
                   Findings& findings) {
  std::size_t wrong = 0, first_wrong = 0, first_number_said = 0;
  std::string first_said;
  for (std::size_t i = 0; i < vt.page_start.size(); ++i) {
    const auto page = vt.page(i);
    // A duplex blank page (a left-hand page, before a section that starts
    // on the right) is counted but shows nothing, not even its footer.
    if (page.empty() && i % 2 == 1) continue;
    auto want = ascii32(fmt::format("Page{}of{}", first_page + i, expected_total));
    if (page.find(want) != std::u32string_view::npos) continue;
    ++wrong;
    if (first_wrong) continue;
    first_wrong = i + 1;
    first_number_said = first_page + i;
    // What it says instead: the last "PageNofM" on the page.
    first_said = "no \"Page X of Y\"";
    for (auto at = page.rfind(U"Page"); at != std::u32string_view::npos;
         at = at ? page.rfind(U"Page", at - 1) : std::u32string_view::npos) {
      std::size_t p = at + 4, x = p;
      while (p < page.size() && page[p] >= U'0' && page[p] <= U'9') ++p;
      if (p == x || page.compare(p, 2, U"of") != 0) continue;
      std::size_t y = p + 2, q = y;
      while (q < page.size() && page[q] >= U'0' && page[q] <= U'9') ++q;
      if (q == y) continue;
      first_said = fmt::format("\"Page {} of {}\"", std::string(page.begin() + x, page.begin() + p),
                               std::string(page.begin() + y, page.begin() + q));
      break;
    }
  }
  if (wrong) {
    findings.add(first_wrong, 0,
                 fmt::format("footer says {}, expected \"Page {} of {}\" ({} page(s) with a "
                             "wrong footer)",
                             first_said, first_number_said, expected_total, wrong));
  }
}

// A stretch of consecutive signatures that failed the same way: a dropped
// or moved page fails a hundred entries at once, and one line saying so
// reads better than a hundred.
struct FailedRun {
  bool missing = false;
  // Where they are (out of order; consecutive pages join one run, as after
  // a page moved far ahead) or the last good page (missing).
  std::size_t page = 0, last_page = 0;
  const Wanted* first = nullptr;
  const Wanted* last = nullptr;
  std::size_t count = 0;
};

void report_run(const FailedRun& run, std::uint64_t last_number, std::size_t last_page,
                Findings& findings) {
  if (!run.count) return;
  std::string which =
      run.count == 1 ? fmt::format("signature {} \"{}\"", run.first->number, *run.first->display)
                     : fmt::format("signatures {} \"{}\" to {} \"{}\"", run.first->number,
                                   *run.first->display, run.last->number, *run.last->display);
  std::string count = run.count == 1 ? "" : fmt::format(" ({})", run.count);
  std::string good = last_number
                         ? fmt::format("last good page {} (signature {})", last_page, last_number)
                         : std::string("no signature found before");
  if (run.missing) {
    findings.add(run.page, run.first->number, fmt::format("{} missing{}; {}", which, count, good));
  } else {
    auto pages = run.last_page == run.page ? fmt::format("page {}", run.page)
                                           : fmt::format("pages {}–{}", run.page, run.last_page);
    findings.add(run.page, run.first->number,
                 fmt::format("{} out of order{}: on {}, before the signature preceding "
                             "them; {}",
                             which, count, pages, good));
  }
}

void check_signatures(const VolumeText& vt, const std::vector<const Wanted*>& wanted,
                      VolumeReport& r, Findings& findings) {
  if (wanted.empty()) return;
  std::uint64_t lo = wanted.front()->number, hi = lo;
  for (const auto* w : wanted) {
    lo = std::min(lo, w->number);
    hi = std::max(hi, w->number);
  }
  const auto index = index_numbers(vt.text, lo, hi);
  const auto& text = vt.text;
  std::size_t at = 0, last_page = 0;
  std::uint64_t last_number = 0;
  FailedRun run;
  for (const auto* wp : wanted) {
    const auto& w = *wp;
    auto range =
        std::equal_range(index.begin(), index.end(), NumberAt{w.number, 0},
                         [](const NumberAt& a, const NumberAt& b) { return a.number < b.number; });
    auto split = std::lower_bound(range.first, range.second, NumberAt{w.number, at});
    auto found = std::find_if(split, range.second,
                              [&](const NumberAt& c) { return entry_at(text, c.pos, w); });
    if (found != range.second) {
      report_run(run, last_number, last_page, findings);
      run = {};
      ++r.signatures_found;
      at = found->pos + w.digits + w.name.size();
      last_page = vt.page_of(found->pos);
      last_number = w.number;
      continue;
    }
    // Not after the last match: earlier in the volume (out of order) or
    // nowhere at all (missing).
    auto earlier = std::find_if(range.first, split,
                                [&](const NumberAt& c) { return entry_at(text, c.pos, w); });
    bool missing = earlier == split;
    std::size_t page = missing ? last_page : vt.page_of(earlier->pos);
    bool continues =
        run.count && run.missing == missing &&
        (missing ? page == run.page : page == run.last_page || page == run.last_page + 1);
    if (run.count && !continues) {
      report_run(run, last_number, last_page, findings);
      run = {};
    }
    if (!run.count) {
      run.missing = missing;
      run.page = page;
      run.first = &w;
    }
    run.last_page = page;
    run.last = &w;
    ++run.count;
  }
  report_run(run, last_number, last_page, findings);
}

// The signatures a manifest entry says it holds, in list order.
std::vector<const Wanted*> slice(const std::vector<Wanted>& all, const VolumeEntry& entry) {
  std::vector<const Wanted*> out;
  if (entry.signatures == 0) return out;
  for (const auto& w : all) {
    if (w.number >= entry.first_number && w.number <= entry.last_number) out.push_back(&w);
  }
  return out;
}

VolumeReport check_volume(const fs::path& dir, const VolumeEntry& entry,
                          const std::vector<Wanted>& all, const Options& options) {
  const auto wanted = slice(all, entry);
  VolumeReport r;
  r.file = entry.file;
  r.volume = entry.volume;
  r.pages_expected = entry.pages;
  r.signatures_expected = wanted.size();
  Findings findings(r, options.max_listed);
  const auto path = dir / entry.file;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    findings.add(
        0, 0, fmt::format("missing: the manifest lists it, the directory has no {}", entry.file));
    return r;
  }
  r.exists = true;
  if (entry.signatures != wanted.size()) {
    findings.add(
        0, 0,
        fmt::format("the manifest says it holds {} signatures (nos. {}–{}), "
                    "signatures.csv has {} with those numbers",
                    entry.signatures, entry.first_number, entry.last_number, wanted.size()));
  }
  try {
    auto actual = ingest::sha256_file(path);
    if (actual != entry.sha256) {
      findings.add(0, 0,
                   fmt::format("SHA-256 mismatch: manifest {}, file {}", entry.sha256, actual));
    }
  } catch (const ingest::InputError& e) {
    findings.add(0, 0, fmt::format("cannot be read: {}", e.what()));
    return r;
  }

  std::vector<char> bytes;
  std::unique_ptr<poppler::document> doc(open_for_text(path, bytes));
  if (!doc || doc->is_locked()) {
    findings.add(0, 0,
                 doc ? "is encrypted; cannot read its text"
                     : "cannot be opened as a PDF (poppler rejects it)");
    return r;
  }
  r.pages_found = static_cast<std::size_t>(std::max(0, doc->pages()));
  if (r.pages_found != r.pages_expected) {
    findings.add(0, 0,
                 fmt::format("page count: manifest {}, file {}", r.pages_expected, r.pages_found));
  }

  auto xmp = to_utf8(doc->metadata());
  if (xmp.empty()) {
    findings.add(0, 0, "no PDF/A identification: the document has no XMP metadata");
  } else {
    auto part = xmp_property(xmp, "pdfaid:part");
    auto level = xmp_property(xmp, "pdfaid:conformance");
    for (auto& c : level) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // PDF/A-4 dropped the conformance level for its base profile.
    bool part_ok = !part.empty() && std::all_of(part.begin(), part.end(),
                                                [](char c) { return c >= '0' && c <= '9'; });
    if (part_ok && (!level.empty() || part == "4")) {
      r.pdfa = "PDF/A-" + part + level;
    } else if (!part_ok) {
      findings.add(0, 0, "no PDF/A identification: the XMP metadata has no pdfaid:part");
    } else {
      findings.add(0, 0,
                   fmt::format("no PDF/A identification: the XMP metadata has pdfaid:part {} "
                               "but no pdfaid:conformance",
                               part));
    }
  }

  VolumeText vt;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    std::u32string squeezed_page;
    if (page) {
      squeezed_page = squeezed(
          to_utf8(page->text(poppler::rectf(), poppler::page::text_layout_enum::raw_order_layout)));
    }
    vt.page_start.push_back(vt.text.size());
    vt.text += squeezed_page;
  }
  check_footers(vt, entry.first_page, entry.volume_pages, findings);
  check_signatures(vt, wanted, r, findings);
  return r;
}

void silence(const std::string&, void*) {}

}  // namespace

bool Report::ok() const {
  return archive.empty() &&
         std::all_of(volumes.begin(), volumes.end(), [](const auto& v) { return v.ok(); });
}

Report verify(const Options& options) {
  Report report;
  report.dir = options.dir;
  auto manifest = read_manifest(options.dir);
  report.signatures_file = manifest.signatures_file;
  report.names_with_missing_glyphs = manifest.names_with_missing_glyphs;
  const auto csv = options.dir / manifest.signatures_file;
  const auto accepted = read_accepted(csv);
  report.signatures = accepted.size();
  auto archive = [&](std::string file, std::string what) {
    report.archive.push_back({std::move(file), 0, 0, std::move(what)});
  };
  std::string csv_sha;
  try {
    csv_sha = ingest::sha256_file(csv);
  } catch (const ingest::InputError& e) {
    throw UnusableInput(e.what());
  }
  if (csv_sha != manifest.signatures_sha256) {
    archive(manifest.signatures_file, fmt::format("SHA-256 mismatch: manifest {}, file {}",
                                                  manifest.signatures_sha256, csv_sha));
  }
  if (accepted.size() != manifest.signatures_count) {
    archive(manifest.signatures_file, fmt::format("row count: manifest {}, file {}",
                                                  manifest.signatures_count, accepted.size()));
  }
  std::uint64_t pages = 0;
  for (const auto& v : manifest.volumes) pages += v.pages;
  if (manifest.total_pages && *manifest.total_pages != pages) {
    archive("manifest.json", fmt::format("totals.pages is {}, the volumes add up to {}",
                                         *manifest.total_pages, pages));
  }
  if (manifest.total_signatures && *manifest.total_signatures != manifest.signatures_count) {
    archive("manifest.json", fmt::format("totals.signatures is {}, signatures.count is {}",
                                         *manifest.total_signatures, manifest.signatures_count));
  }
  if (manifest.volumes.empty()) archive("manifest.json", "lists no volumes");
  if (manifest.edition) {
    for (auto& d : check_privacy(*manifest.edition, accepted, manifest.signatures_file)) {
      report.archive.push_back(std::move(d));
    }
  }

  const auto wanted = prepare(accepted);
  // Each volume, whole or in parts, holds every signature exactly once; a
  // part left out of the manifest shows only here.
  std::map<std::size_t, std::vector<const VolumeEntry*>> by_volume;
  for (const auto& v : manifest.volumes) by_volume[v.volume].push_back(&v);
  for (const auto& [volume, entries] : by_volume) {
    std::vector<unsigned> held(wanted.size());
    for (const auto* e : entries) {
      for (std::size_t i = 0; i < wanted.size(); ++i) {
        if (e->signatures && wanted[i].number >= e->first_number &&
            wanted[i].number <= e->last_number) {
          ++held[i];
        }
      }
    }
    auto none = static_cast<std::size_t>(std::count(held.begin(), held.end(), 0u));
    if (none) {
      auto first = static_cast<std::size_t>(std::find(held.begin(), held.end(), 0u) - held.begin());
      auto last = first;
      while (last + 1 < held.size() && held[last + 1] == 0) ++last;
      archive("manifest.json",
              fmt::format("volume {} ({}): {} signature(s) in none of its files, first nos. {}–{}",
                          volume, entries.front()->file, none, wanted[first].number,
                          wanted[last].number));
    }
    auto twice = std::find_if(held.begin(), held.end(), [](unsigned h) { return h > 1; });
    if (twice != held.end()) {
      archive("manifest.json",
              fmt::format("volume {} ({}): no. {} is in more than one of its files", volume,
                          entries.front()->file,
                          wanted[static_cast<std::size_t>(twice - held.begin())].number));
    }
  }
  // Poppler's complaints about a damaged file would interleave across
  // threads; what they amount to is reported as discrepancies instead.
  poppler::set_debug_error_function(silence, nullptr);
  report.volumes.resize(manifest.volumes.size());
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&] {
    for (std::size_t i = next++; i < manifest.volumes.size(); i = next++) {
      try {
        report.volumes[i] = check_volume(options.dir, manifest.volumes[i], wanted, options);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  threads = static_cast<unsigned>(
      std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, manifest.volumes.size())));
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  pool.clear();
  if (failure) std::rethrow_exception(failure);
  return report;
}

namespace {

void print_discrepancy(const Discrepancy& d, std::FILE* out) {
  if (d.page) {
    std::fprintf(out, "  %s page %zu: %s\n", d.file.c_str(), d.page, d.what.c_str());
  } else {
    std::fprintf(out, "  %s: %s\n", d.file.c_str(), d.what.c_str());
  }
}

}  // namespace

void print(const Report& report, std::FILE* out, bool quiet) {
  if (!quiet) {
    std::set<std::size_t> volumes;
    for (const auto& v : report.volumes) volumes.insert(v.volume);
    std::string files = volumes.size() == report.volumes.size()
                            ? ""
                            : fmt::format(" in {} files", report.volumes.size());
    std::fprintf(out, "%s: %zu volume(s)%s, %llu signatures\n", report.dir.string().c_str(),
                 volumes.size(), files.c_str(), static_cast<unsigned long long>(report.signatures));
    std::fprintf(out, "%s  %llu rows  %s\n", report.signatures_file.c_str(),
                 static_cast<unsigned long long>(report.signatures),
                 report.archive.empty() ? "OK" : "FAILED");
    // Recorded by the build, not re-measured: verify reads text, and a
    // missing glyph still reads as its character.
    if (report.names_with_missing_glyphs) {
      std::fprintf(out, "names with missing glyphs (manifest): %llu%s\n",
                   static_cast<unsigned long long>(*report.names_with_missing_glyphs),
                   *report.names_with_missing_glyphs ? " (listed in coverage.csv)" : "");
    }
  }
  for (const auto& d : report.archive) print_discrepancy(d, out);
  std::size_t total = report.archive.size();
  for (const auto& v : report.volumes) {
    total += v.discrepancies;
    if (!quiet) {
      std::string pages = fmt::format("{} pages", v.pages_found);
      if (v.pages_found != v.pages_expected)
        pages += fmt::format(" (manifest {})", v.pages_expected);
      if (!v.exists) pages = "missing";
      std::fprintf(out, "%s  %s  %llu/%llu signatures  %s  %s\n", v.file.c_str(), pages.c_str(),
                   static_cast<unsigned long long>(v.signatures_found),
                   static_cast<unsigned long long>(v.signatures_expected),
                   v.pdfa.empty() ? "no PDF/A" : v.pdfa.c_str(), v.ok() ? "OK" : "FAILED");
    }
    for (const auto& d : v.listed) print_discrepancy(d, out);
    if (v.discrepancies > v.listed.size()) {
      std::fprintf(out, "  %s: … and %zu more discrepancies\n", v.file.c_str(),
                   v.discrepancies - v.listed.size());
    }
  }
  if (report.ok()) {
    if (!quiet) std::fprintf(out, "OK: every check holds\n");
  } else {
    std::fprintf(out, "FAILED: %zu discrepancies\n", total);
  }
}

int command(const std::filesystem::path& dir, bool quiet) {
  Options options;
  options.dir = dir;
  try {
    auto report = verify(options);
    print(report, stdout, quiet);
    std::fflush(stdout);
    return report.ok() ? 0 : 1;
  } catch (const UnusableInput& e) {
    std::fprintf(stderr, "dossier verify: %s\n", e.what());
    return 2;
  }
}

}  // namespace dossier::verify
