// CSV files for people are safe to open in a spreadsheet (csv/csv.h): a
// field a spreadsheet would evaluate as a formula is written as text, the
// PDFs still print the name exactly as signed, and `dossier verify` reads
// the neutralised list back to the same names.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "csv/csv.h"
#include "support/pdf_readback.h"
#include "support/process.h"

namespace dossier::test {
namespace {

namespace fs = std::filesystem;

// RFC 4180 as a spreadsheet imports it: rows of cells, quotes removed.
std::vector<std::vector<std::string>> read_as_spreadsheet(const std::string& s) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"' && cell.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
      was_quoted = false;
    } else if (c == '\n') {
      row.push_back(cell);
      rows.push_back(row);
      row.clear();
      cell.clear();
      was_quoted = false;
    } else {
      cell += c;
    }
  }
  if (!cell.empty() || !row.empty()) {
    row.push_back(cell);
    rows.push_back(row);
  }
  return rows;
}

// What Excel, LibreOffice and Google Sheets take for a formula: a cell that
// begins with = + - @, also after a leading tab or CR.
bool is_formula(const std::string& cell) {
  std::size_t i = 0;
  while (i < cell.size() && (cell[i] == '\t' || cell[i] == '\r' || cell[i] == ' ')) ++i;
  return i < cell.size() && (cell[i] == '=' || cell[i] == '+' || cell[i] == '-' || cell[i] == '@');
}

TEST(CsvField, NeutralisesFormulasAndUndoesItExactly) {
  EXPECT_EQ(csv::field("Anna Berg"), "Anna Berg");
  EXPECT_EQ(csv::field("=1+2"), "\"'=1+2\"");
  EXPECT_EQ(csv::field("+1 555 0100"), "\"'+1 555 0100\"");
  EXPECT_EQ(csv::field("-Anna"), "\"'-Anna\"");
  EXPECT_EQ(csv::field("@SUM(A1:A9)"), "\"'@SUM(A1:A9)\"");
  EXPECT_EQ(csv::field("\t=cmd"), "\"'\t=cmd\"");
  EXPECT_EQ(csv::field("\r=cmd"), "\"'\r=cmd\"");
  EXPECT_EQ(csv::field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csv::field("Berg, Anna"), "\"Berg, Anna\"");
  // An apostrophe of the name's own is kept as it is...
  EXPECT_EQ(csv::field("'t Hooft"), "'t Hooft");
  // ...unless restore_field would take it for ours.
  EXPECT_EQ(csv::field("'=x"), "\"''=x\"");
  EXPECT_EQ(csv::field("''"), "\"'''\"");
  for (std::string s : {"Anna", "=1+2", "+1", "-", "@", "\t=cmd", "'t Hooft", "'=x", "''=x", "'",
                        "''", "'''", "", "a,b", "=\"q\""}) {
    auto cells = read_as_spreadsheet(csv::row({s}));
    ASSERT_EQ(cells.size(), 1u) << s;
    ASSERT_EQ(cells[0].size(), 1u) << s;
    EXPECT_FALSE(is_formula(cells[0][0])) << s;
    EXPECT_EQ(csv::restore_field(cells[0][0]), s);
  }
}

TEST(CsvSafety, FormulaNamesArePrintedExactlyAndWrittenAsText) {
  TempDir dir;
  const std::vector<std::string> names = {
      "=HYPERLINK(\"http://evil.example/\",\"click\")",
      "+1 555 0100",
      "-Anna Berg",
      "@SUM(A1:A9)",
      "'t Hooft",
  };
  std::string csv = "name,city,country\n";
  for (const auto& n : names) {
    std::string q = "\"";
    for (char c : n) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    csv += q + "\",=1+2,DE\n";
  }
  // A tab before a formula: cleaned away in the name the PDFs print...
  csv += "\"\t=cmd|' /C calc'!A0\",Bern,CH\n";
  // ...and kept, neutralised, in the reject report of a row over the limit.
  csv += "\"\t@" + std::string(300, 'x') + "\",Bern,CH\n";
  write_file(dir / "formulas.csv", csv);
  auto r = run({DOSSIER_BINARY, "build", "--signatures", (dir / "formulas.csv").string(), "--out",
                (dir / "out").string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  // The PDFs print every name exactly as signed.
  // (A long name wraps in its column: compare without line breaks.)
  std::string text;
  for (char c : pdftotext(dir / "out" / "01-alexander-lukashenko.pdf", 0, 0, true)) {
    if (c != '\n') text += c;
  }
  for (const auto& n : names) EXPECT_NE(text.find(n), std::string::npos) << n;
  EXPECT_NE(text.find("=cmd|' /C calc'!A0"), std::string::npos);

  // Every output CSV, read as a spreadsheet reads it, has no formula, and
  // the neutralised cells hold the names behind one apostrophe.
  for (const char* file : {"signatures.csv", "rejects.csv"}) {
    auto rows = read_as_spreadsheet(read_file(dir / "out" / file));
    ASSERT_GT(rows.size(), 1u) << file;
    for (const auto& row : rows) {
      for (const auto& cell : row) EXPECT_FALSE(is_formula(cell)) << file << ": " << cell;
    }
  }
  auto rows = read_as_spreadsheet(read_file(dir / "out" / "signatures.csv"));
  ASSERT_EQ(rows.size(), 1 + names.size() + 1);
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(csv::restore_field(rows[i + 1][1]), names[i]);
    EXPECT_EQ(rows[i + 1][2], "'=1+2");
  }
  EXPECT_EQ(rows[1][1], "'" + names[0]);
  EXPECT_EQ(rows[4][1], "'@SUM(A1:A9)");
  EXPECT_EQ(rows[5][1], "'t Hooft");
  EXPECT_EQ(rows[6][1], "'=cmd|' /C calc'!A0");
  auto rejects = read_as_spreadsheet(read_file(dir / "out" / "rejects.csv"));
  ASSERT_EQ(rejects.size(), 2u);
  // The report shows a rejected name at the edition's strictest level
  // (initials in the handover edition), still neutralised.
  EXPECT_EQ(rejects[1][3].substr(0, 2), "'\t");

  // verify undoes the neutralisation: the names in the volumes match.
  auto v = run({DOSSIER_BINARY, "verify", (dir / "out").string()});
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
}

}  // namespace
}  // namespace dossier::test
