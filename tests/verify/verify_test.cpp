// `dossier verify` against a real build of the 3,000-signature fixture and
// against copies damaged the ways a handover can go wrong: a flipped byte,
// a dropped page, two pages swapped, a missing file. Every test reads what
// the report says, not just the exit code, because the point of the report
// is to tell someone where to look.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/fixtures.h"
#include "support/pdf_readback.h"
#include "support/process.h"
#include "support/reader_matrix.h"
#include "support/unicode_text.h"

namespace dossier::test {
namespace {

namespace fs = std::filesystem;

const std::string kFixture =
    std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/signatures-3000.csv";

// One volume line of the report: "FILE  N pages[ (manifest M)]  F/E
// signatures  PDF/A-2U  OK".
struct VolumeLine {
  std::string file;
  int pages = 0;
  std::uint64_t found = 0, expected = 0;
  std::string pdfa;
  bool ok = false;
};

std::vector<VolumeLine> volume_lines(const std::string& out) {
  static const std::regex line(
      R"(^(\S+\.pdf)  (\d+) pages(?: \(manifest \d+\))?  (\d+)/(\d+) signatures  (.+)  (OK|FAILED)$)");
  std::vector<VolumeLine> rows;
  for (const auto& l : split_lines(out)) {
    std::smatch m;
    if (!std::regex_match(l, m, line)) continue;
    rows.push_back(
        {m[1], std::stoi(m[2]), std::stoull(m[3]), std::stoull(m[4]), m[5], m[6] == "OK"});
  }
  return rows;
}

// Discrepancies are the indented lines.
std::vector<std::string> discrepancies(const std::string& out) {
  std::vector<std::string> rows;
  for (const auto& l : split_lines(out)) {
    if (l.rfind("  ", 0) == 0) rows.push_back(l);
  }
  return rows;
}

std::vector<std::string> lines_naming(const std::string& out, const std::string& file) {
  auto all = discrepancies(out);
  std::vector<std::string> rows;
  std::copy_if(all.begin(), all.end(), std::back_inserter(rows),
               [&](const std::string& l) { return l.find(file) != std::string::npos; });
  return rows;
}

bool any_contains(const std::vector<std::string>& lines, std::initializer_list<std::string> all) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
    return std::all_of(all.begin(), all.end(),
                       [&](const std::string& s) { return l.find(s) != std::string::npos; });
  });
}

std::string join(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

std::string sha256(const fs::path& file) {
  auto r = run({"sha256sum", file.string()});
  return r.out.substr(0, 64);
}

// UTF-16 code units of a UTF-8 string, as /ActualText holds them.
std::u16string utf16(const std::string& utf8) {
  auto u = icu::UnicodeString::fromUTF8(utf8);
  return std::u16string(u.getBuffer(), u.getBuffer() + u.length());
}

class Verify : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    build_ = std::make_unique<TempDir>();
    auto r = run({DOSSIER_BINARY, "build", "--signatures", kFixture, "--out",
                  build_->path().string(), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(build_->path() / "manifest.json");
    manifest_ = nlohmann::json::parse(in);
    ASSERT_EQ(manifest_["volumes"].size(), 4u);
    // Where the signatures start, read independently of verify: the first
    // page whose raw text begins with the entry "1 …".
    auto text = pdftotext(volume_path(*build_, 0), 0, 0, true);
    std::size_t start = 0;
    for (std::size_t end = text.find('\f'); end != std::string::npos;
         start = end + 1, end = text.find('\f', start)) {
      page_text_.push_back(text.substr(start, end - start));
    }
    for (std::size_t p = 0; p < page_text_.size(); ++p) {
      if (page_text_[p].rfind("1 ", 0) == 0) {
        first_signature_page_ = static_cast<int>(p) + 1;
        break;
      }
    }
    ASSERT_GT(first_signature_page_, 1);
  }
  static void TearDownTestSuite() { build_.reset(); }

  static fs::path volume_path(const TempDir& dir, std::size_t i) {
    return dir.path() / manifest_["volumes"][i]["file"].get<std::string>();
  }
  static std::string volume_file(std::size_t i) {
    return manifest_["volumes"][i]["file"].get<std::string>();
  }
  // The number of the first entry on a page (1-based) of the intact build.
  static std::uint64_t first_number_on(int page) {
    const auto& t = page_text_.at(static_cast<std::size_t>(page - 1));
    return std::stoull(t.substr(0, t.find(' ')));
  }
  // A damaged copy starts as a copy of the intact build.
  static std::unique_ptr<TempDir> copy() {
    auto dir = std::make_unique<TempDir>();
    fs::copy(build_->path(), dir->path(), fs::copy_options::recursive);
    return dir;
  }
  static CommandResult verify(const TempDir& dir) {
    return run({DOSSIER_BINARY, "verify", dir.path().string()});
  }
  // The qpdf --pages selection applied to volume i of dir, in place.
  static void repaginate(const TempDir& dir, std::size_t i, const std::string& pages) {
    auto pdf = volume_path(dir, i);
    auto out = dir.path() / "repaginated.tmp";
    auto r = run({"qpdf", pdf.string(), "--pages", pdf.string(), pages, "--", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    fs::rename(out, pdf);
  }

  static std::unique_ptr<TempDir> build_;
  static nlohmann::json manifest_;
  static std::vector<std::string> page_text_;
  static int first_signature_page_;
};
std::unique_ptr<TempDir> Verify::build_;
nlohmann::json Verify::manifest_;
std::vector<std::string> Verify::page_text_;
int Verify::first_signature_page_ = 0;

TEST_F(Verify, IntactBuildHasEverySignatureInEveryVolumeAndEveryHash) {
  auto r = verify(*build_);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto rows = volume_lines(r.out);
  ASSERT_EQ(rows.size(), 4u) << r.out;
  const auto count = manifest_["signatures"]["count"].get<std::uint64_t>();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].file, volume_file(i));
    EXPECT_EQ(rows[i].pages, manifest_["volumes"][i]["pages"].get<int>()) << r.out;
    EXPECT_EQ(rows[i].found, count) << r.out;
    EXPECT_EQ(rows[i].expected, count) << r.out;
  }
  EXPECT_NE(r.out.find("signatures.csv  " + std::to_string(count) + " rows  OK"), std::string::npos)
      << r.out;

  // The PDF/A identification, read independently of verify (pdfinfo).
  auto meta = output_of({"pdfinfo", "-meta", volume_path(*build_, 0).string()});
  std::smatch part;
  ASSERT_TRUE(std::regex_search(meta, part, std::regex(R"(pdfaid:part(?:>|="|\s*=\s*')(\d))")))
      << meta;
  EXPECT_TRUE(discrepancies(r.out).empty()) << r.out;
  EXPECT_NE(r.out.find("OK: every check holds"), std::string::npos) << r.out;
  for (const auto& row : rows) {
    EXPECT_TRUE(row.ok) << r.out;
    EXPECT_EQ(row.pdfa.rfind("PDF/A-" + part[1].str(), 0), 0u) << row.pdfa;
  }
}

TEST_F(Verify, QuietPrintsNothingButFailures) {
  auto r = run({DOSSIER_BINARY, "verify", build_->path().string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");

  auto dir = copy();
  auto pdf = volume_path(*dir, 1);
  auto bytes = read_file(pdf);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
  write_file(pdf, bytes);
  auto failed = run({DOSSIER_BINARY, "verify", dir->path().string(), "--quiet"});
  EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  EXPECT_TRUE(volume_lines(failed.out).empty()) << failed.out;
  ASSERT_FALSE(discrepancies(failed.out).empty()) << failed.out;
  EXPECT_EQ(join(discrepancies(failed.out)) +
                "FAILED: " + std::to_string(discrepancies(failed.out).size()) + " discrepancies\n",
            failed.out);
}

TEST_F(Verify, FlippedByteIsAHashMismatchNamingTheFileAndBothHashes) {
  auto dir = copy();
  auto pdf = volume_path(*dir, 1);
  auto bytes = read_file(pdf);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
  write_file(pdf, bytes);
  auto r = verify(*dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto lines = lines_naming(r.out, volume_file(1));
  EXPECT_TRUE(any_contains(
      lines,
      {"SHA-256 mismatch", manifest_["volumes"][1]["sha256"].get<std::string>(), sha256(pdf)}))
      << r.out;
  EXPECT_TRUE(lines_naming(r.out, volume_file(0)).empty()) << r.out;
}

TEST_F(Verify, DroppedPageNamesThePageCountAndTheFirstMissingSignature) {
  auto dir = copy();
  const int drop = first_signature_page_ + 2;
  const auto first_missing = first_number_on(drop);
  const auto first_after = first_number_on(drop + 1);
  repaginate(*dir, 1, fmt::format("1-{},{}-z", drop - 1, drop + 1));
  auto r = verify(*dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const int pages = manifest_["volumes"][1]["pages"].get<int>();
  auto lines = lines_naming(r.out, volume_file(1));
  EXPECT_TRUE(
      any_contains(lines, {fmt::format("page count: manifest {}, file {}", pages, pages - 1)}))
      << r.out;
  // The whole page is missing, listed from its first entry to its last,
  // with the page the last good entry is on.
  EXPECT_TRUE(any_contains(
      lines,
      {fmt::format("signatures {} \"", first_missing), fmt::format(" to {} \"", first_after - 1),
       "missing", fmt::format("last good page {} (signature {})", drop - 1, first_missing - 1)}))
      << r.out;
  EXPECT_TRUE(any_contains(
      lines, {fmt::format("page {}: footer says \"Page {} of {}\"", drop, drop + 1, pages)}))
      << r.out;
  auto rows = volume_lines(r.out);
  ASSERT_EQ(rows.size(), 4u) << r.out;
  EXPECT_EQ(rows[1].expected - rows[1].found, first_after - first_missing) << r.out;
  EXPECT_EQ(rows[1].pages, pages - 1);
  EXPECT_EQ(rows[0].found, rows[0].expected) << r.out;
}

TEST_F(Verify, SwappedPagesAreOutOfOrderAroundTheirNumbers) {
  auto dir = copy();
  const int a = first_signature_page_ + 2, b = a + 1;
  const auto first_a = first_number_on(a), first_b = first_number_on(b);
  repaginate(*dir, 2, fmt::format("1-{},{},{},{}-z", a - 1, b, a, b + 1));
  auto r = verify(*dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto lines = lines_naming(r.out, volume_file(2));
  // Page a's entries are found (on page b), so page b's, now on page a,
  // come too early.
  EXPECT_TRUE(
      any_contains(lines, {fmt::format("page {}: signatures {} \"", a, first_b), "out of order",
                           fmt::format("last good page {} (signature {})", b, first_b - 1)}))
      << r.out;
  EXPECT_FALSE(any_contains(lines, {"page count"})) << r.out;
  EXPECT_FALSE(any_contains(lines, {fmt::format("signature {} \"", first_a)})) << r.out;
  EXPECT_FALSE(any_contains(lines, {fmt::format("signatures {} \"", first_a)})) << r.out;
  auto rows = volume_lines(r.out);
  ASSERT_EQ(rows.size(), 4u) << r.out;
  EXPECT_LT(rows[2].found, rows[2].expected);
}

// The first name of right-to-left letters and spaces alone whose last two
// letters differ, with its number.
std::pair<std::size_t, std::u16string> plain_rtl_name(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!has_rtl(names[i])) continue;
    auto u = utf16(names[i]);
    bool plain =
        u.find(u' ') != std::u16string::npos && std::all_of(u.begin(), u.end(), [](char16_t c) {
          return c == u' ' || (c >= 0x05D0 && c <= 0x05EA) || (c >= 0x0621 && c <= 0x064A);
        });
    if (plain && u[u.size() - 1] != u[u.size() - 2]) return {i + 1, u};
  }
  return {0, {}};
}

std::string hex16(const std::u16string& units) {
  std::string h;
  for (char16_t c : units) h += fmt::format("{:04x}", static_cast<unsigned>(c));
  return h;
}

// Edits a volume as a `qpdf --qdf` copy (uncompressed, one object per
// line), then lets qpdf write it back as a reader gets it. The edits keep
// every length.
void edit_as_qdf(const fs::path& pdf, const std::function<void(std::string&)>& edit) {
  auto qdf = pdf.parent_path() / "qdf.tmp";
  ASSERT_EQ(
      run({"qpdf", "--qdf", "--object-streams=disable", pdf.string(), qdf.string()}).exit_code, 0);
  auto bytes = read_file(qdf);
  edit(bytes);
  write_file(qdf, bytes);
  auto fixed = run({"qpdf", qdf.string(), pdf.string()});
  ASSERT_LE(fixed.exit_code, 3) << fixed.err;  // 3: repaired with warnings
}

// Where the /ActualText of a right-to-left name (in visual order) begins.
std::size_t actual_text_of(const std::string& qdf, const std::u16string& visual) {
  return qdf.find("/ActualText <feff" + hex16(visual) + ">");
}

// Two readers read a right-to-left line from its /ActualText (poppler,
// PDFium), two from its glyphs (pdf.js, MuPDF); verify reads the glyphs
// and holds the /ActualText to them. Here two characters are swapped in
// the /ActualText of a name: the printed name is intact, what poppler
// would copy is not.
TEST_F(Verify, RightToLeftActualTextWithTwoLettersSwappedNamesItsSignature) {
  auto [number, logical] = plain_rtl_name(printed_names(build_->path()));
  ASSERT_NE(number, 0u);
  std::u16string visual(logical.rbegin(), logical.rend());
  std::u16string swapped = visual;
  std::swap(swapped[0], swapped[1]);

  auto dir = copy();
  edit_as_qdf(volume_path(*dir, 0), [&](std::string& bytes) {
    auto at = actual_text_of(bytes, visual);
    ASSERT_NE(at, std::string::npos) << "no /ActualText for signature " << number;
    bytes.replace(at + 17, hex16(visual).size(), hex16(swapped));
  });
  if (HasFatalFailure()) return;

  auto r = verify(*dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto lines = lines_naming(r.out, volume_file(0));
  EXPECT_TRUE(
      any_contains(lines, {fmt::format("signature {} \"", number), "/ActualText", "glyphs say"}))
      << r.out;
  // The glyphs still spell the name, so it is found.
  EXPECT_FALSE(any_contains(lines, {fmt::format("signature {} \"", number), "missing"})) << r.out;
}

// The same name with two of its glyphs swapped in the content stream and
// its /ActualText left as it was: what is printed (and what pdf.js and
// MuPDF read) is no longer the name, though poppler's own text extraction
// would still read it.
TEST_F(Verify, RightToLeftNameWithTwoGlyphsSwappedIsMissing) {
  auto [number, logical] = plain_rtl_name(printed_names(build_->path()));
  ASSERT_NE(number, 0u);
  std::u16string visual(logical.rbegin(), logical.rend());

  auto dir = copy();
  edit_as_qdf(volume_path(*dir, 0), [&](std::string& bytes) {
    auto at = actual_text_of(bytes, visual);
    ASSERT_NE(at, std::string::npos) << "no /ActualText for signature " << number;
    // The first glyph string drawn for it, which qpdf --qdf writes in hex:
    // short codes (a TrueType font), its first two glyphs among the first
    // the font numbered (one byte each) in a build this small.
    auto open = bytes.find("[<", at);
    ASSERT_NE(open, std::string::npos);
    auto close = bytes.find('>', open);
    ASSERT_NE(close, std::string::npos);
    ASSERT_GE(close - open - 2, 4u) << bytes.substr(open, 40);
    auto first = bytes.substr(open + 2, 2), second = bytes.substr(open + 4, 2);
    ASSERT_GE(std::stoi(first, nullptr, 16), 0x80) << bytes.substr(open, 40);
    ASSERT_GE(std::stoi(second, nullptr, 16), 0x80) << bytes.substr(open, 40);
    ASSERT_NE(first, second);
    bytes.replace(open + 2, 4, second + first);
  });
  if (HasFatalFailure()) return;

  auto r = verify(*dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto lines = lines_naming(r.out, volume_file(0));
  EXPECT_TRUE(any_contains(lines, {fmt::format("signature {} \"", number), "missing"})) << r.out;
  EXPECT_TRUE(
      any_contains(lines, {fmt::format("signature {} \"", number), "/ActualText", "glyphs say"}))
      << r.out;
  // Only that signature: the volume's other names are all found.
  auto rows = volume_lines(r.out);
  ASSERT_EQ(rows.size(), 4u) << r.out;
  EXPECT_EQ(rows[0].found + 1, rows[0].expected) << r.out;
}

TEST_F(Verify, MissingVolumeIsNamed) {
  auto dir = copy();
  fs::remove(volume_path(*dir, 3));
  auto r = verify(*dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(any_contains(discrepancies(r.out), {volume_file(3) + ": missing"})) << r.out;
  EXPECT_NE(r.out.find(volume_file(3) + "  missing  0/"), std::string::npos) << r.out;
}

TEST_F(Verify, DeletedSignatureListIsUnusableInput) {
  auto dir = copy();
  fs::remove(dir->path() / "signatures.csv");
  auto r = verify(*dir);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("signatures.csv: cannot read it"), std::string::npos) << r.err;
}

TEST_F(Verify, EditedSignatureListIsAHashMismatchAndTheChangedNameIsMissing) {
  auto dir = copy();
  auto csv = dir->path() / "signatures.csv";
  auto text = read_file(csv);
  // From the second row on, the first name that is not quoted, so that it
  // ends at the next comma.
  std::size_t at = text.find('\n', text.find('\n') + 1) + 1;
  while (text[text.find(',', at) + 1] == '"') at = text.find('\n', at) + 1;
  const auto comma = text.find(',', at), name_end = text.find(',', comma + 1);
  const auto number = text.substr(at, comma - at);
  text.replace(comma + 1, name_end - comma - 1, "Nobody Signed This");
  write_file(csv, text);
  auto r = verify(*dir);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(any_contains(discrepancies(r.out), {"signatures.csv: SHA-256 mismatch"})) << r.out;
  EXPECT_TRUE(any_contains(lines_naming(r.out, volume_file(0)),
                           {"signature " + number + " \"Nobody Signed This\" missing",
                            fmt::format("(signature {})", std::stoull(number) - 1)}))
      << r.out;
}

// The list is read as RFC 4180, not line by line: re-quoting every field,
// CRLF line ends and a line break inside a quoted field change the hash and
// nothing else.
TEST_F(Verify, SignatureListIsReadAsRfc4180) {
  auto dir = copy();
  auto csv = dir->path() / "signatures.csv";
  auto text = read_file(csv);
  std::ostringstream out;
  // As the build wrote it: one record per line (names and places hold no
  // line breaks).
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) rows.push_back(csv_fields(line));
  ASSERT_GT(rows.size(), 10u);
  rows[3][2] = "Paris\n\"Rive gauche\", 6e";  // a city: verify compares names only
  for (const auto& row : rows) {
    for (std::size_t f = 0; f < row.size(); ++f) {
      std::string q = "\"";
      for (char c : row[f]) q += c == '"' ? std::string("\"\"") : std::string(1, c);
      out << (f ? "," : "") << q << "\"";
    }
    out << "\r\n";
  }
  write_file(csv, out.str());
  // The list now differs from the manifest only by its hash.
  auto manifest = manifest_;
  manifest["signatures"]["sha256"] = sha256(csv);
  write_file(dir->path() / "manifest.json", manifest.dump(2));
  auto r = verify(*dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_FALSE(any_contains(discrepancies(r.out), {"signatures.csv"})) << r.out;
  ASSERT_EQ(volume_lines(r.out).size(), 4u) << r.out;
  for (const auto& row : volume_lines(r.out)) {
    EXPECT_EQ(row.found, rows.size() - 1) << r.out;
    EXPECT_EQ(row.expected, rows.size() - 1) << r.out;
  }
}

// A manifest entry claiming fewer signatures agrees with itself; only the
// volume as a whole shows which are in no file.
TEST_F(Verify, SignaturesInNoFileOfAVolumeAreNamed) {
  auto dir = copy();
  auto manifest = manifest_;
  auto& v = manifest["volumes"][1];
  const auto last = v["last_number"].get<std::uint64_t>();
  v["last_number"] = last - 10;
  v["signatures"] = v["signatures"].get<std::uint64_t>() - 10;
  write_file(dir->path() / "manifest.json", manifest.dump(2));
  auto r = verify(*dir);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(any_contains(
      discrepancies(r.out),
      {"manifest.json: volume 2 (" + volume_file(1) + ")",
       fmt::format("10 signature(s) in none of its files, first nos. {}–{}", last - 9, last)}))
      << r.out;
}

TEST_F(Verify, UnusableManifestIsExitTwoWithTheReason) {
  {
    TempDir empty;
    auto r = run({DOSSIER_BINARY, "verify", empty.path().string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no manifest.json"), std::string::npos) << r.err;
  }
  auto dir = copy();
  write_file(dir->path() / "manifest.json", "{\"volumes\": [");
  auto r = verify(*dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not valid JSON"), std::string::npos) << r.err;

  auto manifest = manifest_;
  manifest["volumes"][2].erase("sha256");
  write_file(dir->path() / "manifest.json", manifest.dump(2));
  r = verify(*dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("volumes[2] has no \"sha256\""), std::string::npos) << r.err;
}

}  // namespace
}  // namespace dossier::test
