// Workbooks come from strangers' spreadsheets too: the .xlsx reader (zip
// archive, XML parts, shared strings, styles) must survive any bytes, and
// what it hands on must keep the promises the CSV path keeps: every row
// accounted for, every accepted name clean UTF-8.
#include <stdlib.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "ingest/ingest.h"

namespace {

namespace ingest = dossier::ingest;

void check(bool ok, const char* what, const std::string& detail = {}) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_xlsx: invariant broken: %s %s\n", what, detail.c_str());
  std::abort();
}

bool well_formed(const std::string& s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0 || u_charType(c) == U_CONTROL_CHAR) return false;
  }
  return true;
}

struct TempWorkbook {
  std::filesystem::path dir, file;
  TempWorkbook() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "fuzz-xlsx-XXXXXX").string();
    check(::mkdtemp(tmpl.data()) != nullptr, "cannot create a temp directory");
    dir = tmpl;
    file = dir / "export.xlsx";  // the extension chooses the workbook reader
  }
  ~TempWorkbook() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static TempWorkbook tmp;
  {
    std::FILE* f = std::fopen(tmp.file.c_str(), "wb");
    check(f != nullptr, "cannot write the temp file");
    if (size) check(std::fwrite(data, 1, size, f) == size, "short write to the temp file");
    std::fclose(f);
  }
  try {
    auto set = ingest::read_signatures(tmp.file);
    const auto& st = set.stats;
    check(st.rows_read == st.accepted + st.duplicates + st.rejected, "rows do not add up");
    check(set.signatures.size() == st.accepted, "accepted count differs from signatures");
    check(set.rejects.size() == st.rejected, "rejected count differs from rejects");
    for (const auto& s : set.signatures) {
      check(!s.name.empty() && well_formed(s.name), "accepted name is not clean", s.name);
      check(well_formed(s.city) && well_formed(s.signed_at), "field is not clean", s.city);
      check(s.line > 0, "signature without a row number");
    }
  } catch (const ingest::InputError&) {
    // Not a usable workbook: the expected outcome for most inputs.
  }
  return 0;
}
