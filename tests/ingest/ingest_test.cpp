// The ingest rules, one hostile petition export each (tests/fixtures/hostile/,
// see its README for the bytes), read through ingest::read_signatures; then
// a few of the same files through the dossier CLI, as a campaign would run
// it.
#include "ingest/ingest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/fixtures.h"
#include "support/pdf_readback.h"
#include "support/process.h"
#include "support/unicode_text.h"

namespace dossier::test {
namespace {

namespace fs = std::filesystem;
using ingest::DuplicatePolicy;
using ingest::InputError;
using ingest::ReadOptions;
using ingest::SignatureSet;

const fs::path kHostile = fs::path(DOSSIER_SOURCE_DIR) / "tests" / "fixtures" / "hostile";

fs::path fixture(const std::string& name) { return kHostile / name; }

// Every read, whatever the file, must account for each row exactly once.
void expect_rows_add_up(const SignatureSet& set, const std::string& what) {
  const auto& s = set.stats;
  EXPECT_EQ(s.rows_read, s.accepted + s.duplicates + s.rejected) << what;
  EXPECT_EQ(set.signatures.size(), s.accepted) << what;
  EXPECT_EQ(set.rejects.size(), s.rejected) << what;
}

SignatureSet read(const std::string& name, const ReadOptions& options = {}) {
  auto set = ingest::read_signatures(fixture(name), options);
  expect_rows_add_up(set, name);
  return set;
}

// The message of the InputError that reading `name` throws, or nullopt.
std::optional<std::string> input_error(const std::string& name, const ReadOptions& options = {}) {
  try {
    ingest::read_signatures(fixture(name), options);
  } catch (const InputError& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

std::vector<std::string> names(const SignatureSet& set) {
  std::vector<std::string> out;
  for (const auto& s : set.signatures) out.push_back(s.name);
  return out;
}

std::vector<std::string> cities(const SignatureSet& set) {
  std::vector<std::string> out;
  for (const auto& s : set.signatures) out.push_back(s.city);
  return out;
}

std::vector<std::size_t> lines(const SignatureSet& set) {
  std::vector<std::size_t> out;
  for (const auto& s : set.signatures) out.push_back(s.line);
  return out;
}

std::vector<std::size_t> reject_lines(const SignatureSet& set) {
  std::vector<std::size_t> out;
  for (const auto& r : set.rejects) out.push_back(r.line);
  return out;
}

// Stands for a malformed sequence, so that a test can see one: ingest
// output must never contain any.
constexpr char32_t kBad = 0xFFFFFFFF;

std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int extra = b < 0x80           ? 0
                : (b >> 5) == 0x6  ? 1
                : (b >> 4) == 0xE  ? 2
                : (b >> 3) == 0x1E ? 3
                                   : -1;
    if (extra < 0 || i + extra >= s.size()) {
      out.push_back(kBad);
      ++i;
      continue;
    }
    char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
    bool ok = true;
    for (int k = 1; k <= extra; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      ok = ok && (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    out.push_back(ok ? cp : kBad);
    i += ok ? extra + 1 : 1;
  }
  return out;
}

bool is_white_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

// What every accepted name (and non-empty city) looks like, whatever the
// file: well-formed, no controls or bidi formatting, single inner spaces.
void expect_clean(const std::string& field, const std::string& what) {
  if (field.empty()) return;
  EXPECT_NE(field.front(), ' ') << what << ": [" << field << "]";
  EXPECT_NE(field.back(), ' ') << what << ": [" << field << "]";
  EXPECT_EQ(field.find("  "), std::string::npos) << what << ": [" << field << "]";
  for (char32_t c : code_points(field)) {
    EXPECT_NE(c, kBad) << what << ": malformed UTF-8 in [" << field << "]";
    EXPECT_FALSE(c < 0x20 || (c >= 0x7F && c <= 0x9F))
        << what << ": control U+" << std::hex << static_cast<unsigned>(c);
    EXPECT_FALSE(is_bidi_control(c)) << what << ": bidi U+" << std::hex << static_cast<unsigned>(c);
    EXPECT_TRUE(c == ' ' || !is_white_space(c))
        << what << ": white space U+" << std::hex << static_cast<unsigned>(c);
  }
}

TEST(Ingest, InvalidUtf8InANameRejectsTheRowOnItsLine) {
  auto set = read("invalid-utf8.csv");
  ASSERT_EQ(names(set), (std::vector<std::string>{"Anna Berg", "Carl Dahl", "Dora Eck"}));
  EXPECT_EQ(lines(set), (std::vector<std::size_t>{2, 7, 9}));
  // Stray byte, lone lead byte, encoded surrogate, overlong, cut sequence.
  EXPECT_EQ(reject_lines(set), (std::vector<std::size_t>{3, 4, 5, 6, 8}));
  for (const auto& r : set.rejects) {
    EXPECT_NE(r.reason.find("UTF-8"), std::string::npos) << r.line << ": " << r.reason;
    // The bytes themselves never reach rejects.csv: they are not text.
    EXPECT_EQ(r.name, "") << r.line;
  }
  // Bad bytes in a city only empty the city.
  EXPECT_EQ(set.signatures[1].city, "");
}

TEST(Ingest, ByteOrderMarkAndCrlfAreInvisible) {
  auto set = read("bom-crlf.csv");
  EXPECT_EQ(names(set),
            (std::vector<std::string>{"Anna Berg", "Bob Cox", "Carl Dahl", "Dora Eck"}));
  EXPECT_EQ(lines(set), (std::vector<std::size_t>{2, 3, 5, 7}));
  EXPECT_EQ(cities(set), (std::vector<std::string>{"Berlin", "Hamburg", "Wien", "Graz"}));
  for (const auto& s : set.signatures) {
    for (const auto* f : {&s.name, &s.city, &s.country, &s.signed_at}) {
      EXPECT_EQ(f->find_first_of("\r\n"), std::string::npos) << s.line << ": [" << *f << "]";
    }
  }
  EXPECT_EQ(set.signatures.back().country, "AT");
}

TEST(Ingest, QuotedNewlinesAndDoubledQuotesStayInOneRow) {
  auto set = read("multiline-quotes.csv");
  EXPECT_EQ(names(set), (std::vector<std::string>{"Anna Maria \"Mascha\" Berg", "Bob Cox",
                                                  "Carl Dahl", "Dora Eck", "Emil Falk"}));
  // Rows start on the line of their opening quote; the rows after a
  // multi-line field keep their true line numbers.
  EXPECT_EQ(lines(set), (std::vector<std::size_t>{2, 4, 5, 11, 13}));
  EXPECT_EQ(reject_lines(set), (std::vector<std::size_t>{12}));
  EXPECT_EQ(cities(set), (std::vector<std::string>{"Berlin", "Hamburg", "Wien Austria",
                                                   "Graz \"Styria\"", "Linz"}));
}

TEST(Ingest, CarriageReturnLineEndingsCountAsLines) {
  // Classic Mac OS exports end lines with CR alone; the CSV parser treats
  // each CR as the end of a row, so each must also count as a line.
  auto set = read("cr-only.csv");
  EXPECT_EQ(names(set), (std::vector<std::string>{"Anna Berg", "Bob Cox", "Dora Eck"}));
  EXPECT_EQ(lines(set), (std::vector<std::size_t>{2, 3, 5}));
  EXPECT_EQ(reject_lines(set), (std::vector<std::size_t>{4}));
}

TEST(Ingest, BidiControlsAreRemoved) {
  auto set = read("bidi-controls.csv");
  EXPECT_EQ(names(set), (std::vector<std::string>{
                            "Anna Berg",
                            "\u0639\u0644\u06cc \u0631\u0636\u0627\u06cc\u06cc",
                            "Bob Cox",
                            "Carl Dahl",
                            "Dora Eck",
                            "invoicegpj.exe",
                        }));
  EXPECT_EQ(set.signatures[0].city, "Berlin");
  for (const auto& s : set.signatures) {
    for (char32_t c : code_points(s.name + s.city)) {
      EXPECT_FALSE(is_bidi_control(c)) << s.line << ": U+" << std::hex << static_cast<unsigned>(c);
    }
  }
}

TEST(Ingest, JoinersThatShapeTheNameAreKept) {
  auto set = read("joiners.csv");
  EXPECT_EQ(names(set), (std::vector<std::string>{
                            // Persian: ZWNJ keeps مهدی and زاده apart but in one word.
                            "\u0645\u0647\u062f\u06cc\u200c\u0632\u0627\u062f\u0647",
                            // Emoji family: ZWJ glues three emoji into one.
                            "\U0001F469\u200D\U0001F469\u200D\U0001F467 Family",
                            // Devanagari half form asked for with ZWJ.
                            "\u0915\u094D\u200D\u0937 Test",
                        }));
}

TEST(Ingest, ControlCharactersAreRemoved) {
  auto set = read("controls.csv");
  EXPECT_EQ(names(set), (std::vector<std::string>{"Anna Berg", "Bob Cox", "Carl Dahl", "Dora Eck",
                                                  "Emil Falk", "Frau Gans"}));
  EXPECT_EQ(cities(set),
            (std::vector<std::string>{"Berlin", "Hamburg", "Wien", "Graz", "Linz", "Bonn"}));
}

TEST(Ingest, WhiteSpaceIsCollapsedToOneSpaceAndTrimmed) {
  auto set = read("whitespace.csv");
  EXPECT_EQ(names(set), (std::vector<std::string>{"Anna Berg", "Bob Cox", "Carl Dahl", "Dora Eck",
                                                  "Emil Falk", "Hans Ide", "Ivo Jung"}));
}

TEST(Ingest, NamesWithNothingToShowAreRejectedWithAReason) {
  auto set = read("empty-names.csv");
  EXPECT_EQ(names(set), (std::vector<std::string>{"Valid Name"}));
  EXPECT_EQ(lines(set), (std::vector<std::size_t>{10}));
  ASSERT_EQ(reject_lines(set), (std::vector<std::size_t>{2, 3, 4, 5, 6, 7, 8, 9}));
  std::vector<std::string> reasons;
  for (const auto& r : set.rejects) reasons.push_back(r.reason);
  const std::string empty = "empty name", invisible = "name has no visible characters";
  EXPECT_EQ(reasons, (std::vector<std::string>{
                         empty,      // nothing
                         empty,      // spaces
                         empty,      // tab, NBSP, ideographic space
                         invisible,  // ZWJ, ZWNJ
                         invisible,  // zero width space, word joiner, soft hyphen
                         empty,      // bidi controls only
                         invisible,  // combining marks only
                         invisible,  // variation selector only
                     }));
}

TEST(Ingest, UnterminatedQuoteIsAnInputErrorNamingFileAndLine) {
  auto message = input_error("unterminated-quote.csv");
  ASSERT_TRUE(message) << "read without an error; the quote opened on line 4 swallows the rest";
  EXPECT_NE(message->find(fixture("unterminated-quote.csv").string()), std::string::npos)
      << *message;
  EXPECT_NE(message->find("line 4"), std::string::npos) << *message;
}

TEST(Ingest, TextAfterAClosingQuoteNeverSwallowsTheRowsAfterIt) {
  // `"Anna" Berg` is not RFC 4180. Refusing the file (naming line 2) or
  // reading row 2 somehow are both fine; reading on to the next quote and
  // making rows 2-4 one name is not.
  SignatureSet set;
  try {
    set = read("stray-quote.csv");
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
    return;
  }
  EXPECT_EQ(set.stats.rows_read, 4u);
  std::vector<std::string> later_names;
  std::vector<std::size_t> later_lines;
  for (const auto& s : set.signatures) {
    if (s.line < 3) continue;
    later_names.push_back(s.name);
    later_lines.push_back(s.line);
  }
  EXPECT_EQ(later_names, (std::vector<std::string>{"Bob Cox", "Carl Dahl", "Dora Eck"}));
  EXPECT_EQ(later_lines, (std::vector<std::size_t>{3, 4, 5}));
}

TEST(Ingest, NoPieceOfAMalformedRowBecomesASignature) {
  // Row 2 has a stray quote and then a quoted city that runs on to line 3.
  // Rejecting row 2 (lines 2-3) or refusing the file are both fine;
  // accepting the tail `lin"` on line 3 as somebody's name is not.
  SignatureSet set;
  try {
    set = read("malformed-multiline.csv");
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
    return;
  }
  EXPECT_EQ(names(set), (std::vector<std::string>{"Bob Cox"}));
  EXPECT_EQ(lines(set), (std::vector<std::size_t>{4}));
  EXPECT_EQ(reject_lines(set), (std::vector<std::size_t>{2}));
}

TEST(Ingest, ALoneQuoteInsideAnUnquotedFieldIsText) {
  // One quote, not at the start of a field, opens nothing: the row reads
  // leniently as one record on its own line, so it is kept, and the rows
  // after it are not pulled into it to pair the quote up.
  auto set = read("lone-quote.csv");
  EXPECT_EQ(set.stats.rows_read, 4u);
  EXPECT_EQ(names(set),
            (std::vector<std::string>{"Anna \"Ann Berg", "Tall Tom", "Bob Cox", "Carl Dahl"}));
  EXPECT_EQ(lines(set), (std::vector<std::size_t>{2, 3, 4, 5}));
}

TEST(Ingest, EmptyFileIsAnInputError) {
  auto message = input_error("empty.csv");
  ASSERT_TRUE(message);
  EXPECT_NE(message->find(fixture("empty.csv").string()), std::string::npos) << *message;
  EXPECT_NE(message->find("empty"), std::string::npos) << *message;
}

TEST(Ingest, HeaderOnlyFileHasNoRowsAndNoError) {
  auto set = read("header-only.csv");
  EXPECT_TRUE(set.signatures.empty());
  EXPECT_TRUE(set.rejects.empty());
  EXPECT_EQ(set.stats.rows_read, 0u);
  EXPECT_EQ(set.stats.file, fixture("header-only.csv").string());
  EXPECT_EQ(set.stats.sha256.size(), 64u);
}

TEST(Ingest, MissingNameColumnListsTheColumnsFoundAndTheOption) {
  auto message = input_error("no-name-column.csv");
  ASSERT_TRUE(message);
  EXPECT_NE(message->find(fixture("no-name-column.csv").string()), std::string::npos) << *message;
  for (const char* column : {"signer_id", "town", "email"}) {
    EXPECT_NE(message->find(column), std::string::npos) << *message;
  }
  EXPECT_NE(message->find("--column"), std::string::npos) << *message;
}

TEST(Ingest, HeaderNamesMatchWhateverTheirCase) {
  auto set = read("case-header.csv");
  ASSERT_EQ(set.signatures.size(), 1u);
  const auto& s = set.signatures[0];
  EXPECT_EQ(s.name, "Anna Berg");
  EXPECT_EQ(s.city, "Berlin");
  EXPECT_EQ(s.country, "DE");
  EXPECT_EQ(s.signed_at, "2022-12-01T10:00:00Z");
}

TEST(Ingest, FirstAndLastNameColumnsAreJoined) {
  ReadOptions options;
  options.name_columns = {"First Name", "Last Name"};
  auto set = read("first-last.csv", options);
  EXPECT_EQ(names(set), (std::vector<std::string>{"Anna Berg", "Bob Cox", "Carl", "Dahl"}));
  EXPECT_EQ(cities(set), (std::vector<std::string>{"Berlin", "Hamburg", "Wien", "Graz"}));
  EXPECT_EQ(reject_lines(set), (std::vector<std::size_t>{6}));
}

TEST(Ingest, DuplicatesAreMergedAndCountedUnlessKept) {
  const std::string jose = "Jos\u00e9 Garc\u00eda";  // NFC
  auto merged = read("duplicates.csv");
  // Rows 3-5 repeat row 2 in NFD, with extra spaces and a lower-case
  // country, and with a NBSP after the city.
  EXPECT_EQ(lines(merged), (std::vector<std::size_t>{2, 6, 7}));
  EXPECT_EQ(merged.stats.duplicates, 3u);
  EXPECT_EQ(merged.stats.accepted, 3u);

  ReadOptions keep;
  keep.duplicates = DuplicatePolicy::Keep;
  auto kept = read("duplicates.csv", keep);
  EXPECT_EQ(lines(kept), (std::vector<std::size_t>{2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(kept.stats.duplicates, 0u);
  // Kept or not, every spelling is stored as the same NFC text.
  EXPECT_EQ(names(kept), std::vector<std::string>(6, jose));
  EXPECT_EQ(cities(kept), (std::vector<std::string>{"Madrid", "Madrid", "Madrid", "Madrid",
                                                    "Sevilla", "Madrid"}));
}

TEST(Ingest, LongNamesAreKeptWhole) {
  auto raw = read_file(fixture("long-name.csv"));
  auto open = raw.find('"'), close = raw.find('"', open + 1);
  ASSERT_NE(close, std::string::npos);
  auto expected = raw.substr(open + 1, close - open - 1);
  ASSERT_EQ(code_points(expected).size(), 300u);

  // Under the configured limit (dossier.toml [limits]) it is kept whole...
  ReadOptions generous;
  generous.max_name = 400;
  auto set = read("long-name.csv", generous);
  ASSERT_EQ(set.signatures.size(), 2u);
  EXPECT_EQ(set.signatures[0].name, expected);
  EXPECT_EQ(set.signatures[1].name, "Anna Berg");
  EXPECT_EQ(set.signatures[1].line, 3u);

  // ...and over the default limit of 256 characters it is a reject that
  // says so, while the next row is read as ever.
  auto strict = read("long-name.csv");
  EXPECT_EQ(names(strict), std::vector<std::string>{"Anna Berg"});
  ASSERT_EQ(strict.rejects.size(), 1u);
  EXPECT_EQ(strict.rejects[0].line, 2u);
  EXPECT_NE(strict.rejects[0].reason.find("the limit is 256"), std::string::npos)
      << strict.rejects[0].reason;
}

TEST(Ingest, ExtraColumnsNeverReachASignatureOrAReject) {
  auto set = read("extra-columns.csv");
  EXPECT_EQ(names(set), (std::vector<std::string>{"Anna Berg", "Bob Cox", "Dora Eck"}));
  EXPECT_EQ(reject_lines(set), (std::vector<std::size_t>{4}));
  const std::vector<std::string> secrets = {"@",       "example", "+49",     "+44",       "555",
                                            "1234567", "203.0.",  "198.51.", "192.0.2.1", "secret"};
  auto expect_none = [&](const std::string& field, std::size_t line) {
    for (const auto& s : secrets) {
      EXPECT_EQ(field.find(s), std::string::npos) << "line " << line << ": [" << field << "]";
    }
  };
  for (const auto& s : set.signatures) {
    for (const auto* f : {&s.name, &s.city, &s.country, &s.signed_at}) expect_none(*f, s.line);
  }
  for (const auto& r : set.rejects) {
    expect_none(r.name, r.line);
    expect_none(r.reason, r.line);
  }
}

TEST(Ingest, EveryFixtureAccountsForEveryRowAndCleansWhatItKeeps) {
  int read_ok = 0;
  for (const auto& entry : fs::directory_iterator(kHostile)) {
    if (entry.path().extension() != ".csv") continue;
    auto name = entry.path().filename().string();
    for (auto policy : {DuplicatePolicy::Merge, DuplicatePolicy::Keep}) {
      ReadOptions options;
      options.duplicates = policy;
      SignatureSet set;
      try {
        set = ingest::read_signatures(entry.path(), options);
      } catch (const InputError&) {
        continue;  // unusable files have their own tests
      }
      ++read_ok;
      expect_rows_add_up(set, name);
      if (policy == DuplicatePolicy::Keep) {
        EXPECT_EQ(set.stats.duplicates, 0u) << name;
      }
      for (const auto& s : set.signatures) {
        EXPECT_FALSE(s.name.empty()) << name << ":" << s.line;
        expect_clean(s.name, name + ":" + std::to_string(s.line) + " name");
        expect_clean(s.city, name + ":" + std::to_string(s.line) + " city");
      }
      for (const auto& r : set.rejects) EXPECT_FALSE(r.reason.empty()) << name << ":" << r.line;
    }
  }
  EXPECT_GE(read_ok, 2 * 14);
}

TEST(Ingest, CleanNameCleansInPlaceOrSaysWhy) {
  std::string name = "  Jose\u0301\u202e \t Garci\u0301a\u00a0";
  EXPECT_EQ(ingest::clean_name(name), std::nullopt);
  EXPECT_EQ(name, "Jos\u00e9 Garc\u00eda");

  std::string bad = "Bad \xff";
  EXPECT_EQ(ingest::clean_name(bad), std::optional<std::string>("invalid UTF-8"));
  std::string blank = " \u3000 ";
  EXPECT_EQ(ingest::clean_name(blank), std::optional<std::string>("empty name"));
}

// --- The same rules through the command line ---------------------------

bool has_pdf(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().find(".pdf") != std::string::npos) return true;
  }
  return false;
}

// Builds are kept to a handful of rows: each one renders four volumes.
CommandResult build(const std::string& signatures, const fs::path& out,
                    std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {DOSSIER_BINARY, "build",      "--signatures", signatures,
                                   "--out",        out.string(), "--quiet"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv);
}

// As csv::row writes them (src/csv/csv.h): quoted only where RFC 4180 or
// a spreadsheet formula asks for it.
const std::vector<std::string> kMixRejects = {
    "hostile-mix.csv,3,invalid UTF-8,", "hostile-mix.csv,6,name has no visible characters,",
    "hostile-mix.csv,7,empty name,",  // then the three spaces split_lines trims
};

void expect_mix_rejects(const fs::path& rejects_csv) {
  auto rows = split_lines(read_file(rejects_csv));
  ASSERT_EQ(rows.size(), 1 + kMixRejects.size()) << read_file(rejects_csv);
  EXPECT_EQ(rows[0], "file,line,reason,name");
  for (std::size_t i = 0; i < kMixRejects.size(); ++i) {
    EXPECT_EQ(rows[i + 1].rfind(kMixRejects[i], 0), 0u) << rows[i + 1];
  }
}

TEST(IngestCli, HostileExportBuildsAndListsItsRejects) {
  TempDir tmp;
  auto out = tmp / "out";
  auto r = build(fixture("hostile-mix.csv").string(), out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // --quiet: the privacy applied and the rejected rows are all that is said.
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(without_privacy_block(r.err),
            "warning: 3 row(s) rejected, listed in " + (out / "rejects.csv").string() + "\n");
  auto totals = nlohmann::json::parse(read_file(out / "manifest.json"))["totals"];
  EXPECT_EQ(totals["signatures"], 4);
  EXPECT_EQ(totals["rejected"], 3);
  expect_mix_rejects(out / "rejects.csv");

  auto volume = out / "01-alexander-lukashenko.pdf";
  ASSERT_TRUE(fs::exists(volume));
  auto text = pdftotext(volume);
  EXPECT_NE(text.find("Anna Berg"), std::string::npos);
  EXPECT_NE(text.find("Eve Falk"), std::string::npos);
  // The e-mail column is dropped on reading, so no output file has it.
  EXPECT_EQ(text.find("@example.org"), std::string::npos);
  EXPECT_EQ(read_file(out / "rejects.csv").find("@example.org"), std::string::npos);
  EXPECT_EQ(read_file(out / "manifest.json").find("@example.org"), std::string::npos);
}

TEST(IngestCli, StrictExitsOneAfterWritingRejects) {
  TempDir tmp;
  auto out = tmp / "out";
  auto r = build(fixture("hostile-mix.csv").string(), out, {"--strict"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("--strict"), std::string::npos) << r.err;
  // The report of a stopped build sits beside the previous set (here:
  // none), under a name of its own, never in place of a set's rejects.csv.
  expect_mix_rejects(out / "rejects-strict.csv");
  EXPECT_FALSE(fs::exists(out / "rejects.csv"));
  EXPECT_FALSE(has_pdf(out));
}

TEST(IngestCli, UnterminatedQuoteIsExitTwoWithFileAndLine) {
  TempDir tmp;
  auto out = tmp / "out";
  auto r = build(fixture("unterminated-quote.csv").string(), out);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("unterminated-quote.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 4"), std::string::npos) << r.err;
  EXPECT_FALSE(has_pdf(out));
}

TEST(IngestCli, MissingSignaturesFileIsExitTwo) {
  TempDir tmp;
  auto out = tmp / "out";
  auto missing = (tmp / "no-such-export.csv").string();
  auto r = build(missing, out);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
  EXPECT_FALSE(has_pdf(out));
}

}  // namespace
}  // namespace dossier::test
