// Petition exports come from strangers' spreadsheets, so the CSV reader and
// the name cleaner must survive any bytes at all. Besides crashes, this
// target checks the promises the rest of the program relies on: every row
// is accounted for, and every name that gets through is clean.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <tuple>

#include "ingest/ingest.h"

namespace {

namespace ingest = dossier::ingest;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz_csv: invariant broken: %s %s\n", what, detail.c_str());
  std::abort();
}

void check(bool ok, const char* what, const std::string& detail = {}) {
  if (!ok) fail(what, detail);
}

bool is_bidi_control(UChar32 c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
         c == 0x200F || c == 0x061C;
}

// What clean_name promises about a name it accepts, and what clean_field
// promises about city and signed_at: text a PDF can show as it is.
void check_clean(const std::string& s, bool may_be_empty) {
  if (s.empty()) {
    check(may_be_empty, "accepted name is empty");
    return;
  }
  check(s.front() != ' ' && s.back() != ' ', "leading or trailing space", s);
  check(s.find("  ") == std::string::npos, "two spaces in a row", s);
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    check(c >= 0, "invalid UTF-8 got through", s);
    check(u_charType(c) != U_CONTROL_CHAR, "control character got through", s);
    check(!is_bidi_control(c), "bidi control got through", s);
    check(c == ' ' || !u_isUWhiteSpace(c), "white space other than U+0020 got through", s);
  }
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  check(U_SUCCESS(err) && nfc->isNormalizedUTF8(s, err) && U_SUCCESS(err), "not NFC", s);
  // Cleaning twice must change nothing, or the duplicate key would depend
  // on how often a name was cleaned.
  std::string again = s;
  auto why = ingest::clean_name(again);
  check(!why && again == s, "clean_name is not idempotent", s);
}

struct TempFile {
  std::filesystem::path dir, file;
  TempFile() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "fuzz-csv-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) fail("cannot create a temp directory");
    dir = tmpl;
    file = dir / "input.csv";
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

void check_set(const ingest::SignatureSet& set, const ingest::ReadOptions& options) {
  const auto& st = set.stats;
  check(st.rows_read == st.accepted + st.duplicates + st.rejected, "rows do not add up");
  check(set.signatures.size() == st.accepted, "accepted count differs from signatures");
  check(set.rejects.size() == st.rejected, "rejected count differs from rejects");
  if (options.duplicates == ingest::DuplicatePolicy::Keep) {
    check(st.duplicates == 0, "duplicates merged although kept");
  }
  std::set<std::tuple<std::string, std::string, std::string>> keys;
  std::size_t last_line = 0;
  for (const auto& s : set.signatures) {
    check(s.line > 0 && s.line >= last_line, "signature lines out of order");
    last_line = s.line;
    check_clean(s.name, false);
    check_clean(s.city, true);
    check_clean(s.signed_at, true);
    check(s.country.empty() || (s.country.size() == 2 && s.country[0] >= 'A' &&
                                s.country[0] <= 'Z' && s.country[1] >= 'A' && s.country[1] <= 'Z'),
          "country is not two capital letters", s.country);
    bool fresh = keys.emplace(s.name, s.city, s.country).second;
    // With an e-mail column, two people of one name and city are two
    // signers when their addresses differ.
    if (options.duplicates == ingest::DuplicatePolicy::Merge &&
        st.duplicate_rule.find("e-mail") == std::string::npos) {
      check(fresh, "duplicate survived merging", s.name);
    }
  }
  last_line = 0;
  for (const auto& r : set.rejects) {
    check(r.line > 0 && r.line >= last_line, "reject lines out of order");
    last_line = r.line;
    check(!r.reason.empty(), "reject without a reason");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static TempFile tmp;
  std::string bytes(reinterpret_cast<const char*>(data), size);

  std::string name = bytes;
  if (!ingest::clean_name(name)) check_clean(name, false);

  {
    std::FILE* f = std::fopen(tmp.file.c_str(), "wb");
    if (!f) fail("cannot write the temp file");
    if (size && std::fwrite(data, 1, size, f) != size) fail("short write to the temp file");
    std::fclose(f);
  }
  std::uint64_t rows = 0;
  bool first_ok = false;
  try {
    ingest::ReadOptions options;
    auto set = ingest::read_signatures(tmp.file, options);
    check_set(set, options);
    rows = set.stats.rows_read;
    first_ok = true;
  } catch (const ingest::InputError&) {
    // An unusable file is an expected outcome for most inputs.
  }
  // The other code paths: joined name columns, and keeping duplicates.
  try {
    ingest::ReadOptions options;
    options.name_columns = {"name", "city"};
    options.duplicates = ingest::DuplicatePolicy::Keep;
    auto set = ingest::read_signatures(tmp.file, options);
    check_set(set, options);
    if (first_ok) check(set.stats.rows_read == rows, "row count depends on the options");
  } catch (const ingest::InputError&) {
  }
  return 0;
}
