// ingest::read_csv_exactly: the strict reading verify gives signatures.csv,
// through the same libcsv reader as the exports but without its leniency.
#include <gtest/gtest.h>

#include "ingest/ingest.h"
#include "support/process.h"

namespace dossier::test {
namespace {

std::vector<ingest::CsvRecord> read(const std::string& bytes) {
  TempDir dir;
  auto file = dir.path() / "list.csv";
  write_file(file, bytes);
  return ingest::read_csv_exactly(file);
}

std::string error_of(const std::string& bytes) {
  try {
    read(bytes);
  } catch (const ingest::InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(CsvExact, RecordsWithTheLineTheyStartOn) {
  auto r = read("\xEF\xBB\xBFnumber,name\r\n1,\"Anna\nBerg\"\n\n2,\"say \"\"hi\"\"\",\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].fields, (std::vector<std::string>{"number", "name"}));
  EXPECT_EQ(r[0].line, 1u);
  EXPECT_EQ(r[1].fields, (std::vector<std::string>{"1", "Anna\nBerg"}));
  EXPECT_EQ(r[1].line, 2u);
  EXPECT_EQ(r[2].fields, (std::vector<std::string>{"2", "say \"hi\"", ""}));
  EXPECT_EQ(r[2].line, 5u);
}

TEST(CsvExact, SpacesAreKept) {
  auto r = read("a, b ,\t c\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].fields, (std::vector<std::string>{"a", " b ", "\t c"}));
}

// The export reader keeps such rows (read leniently); a list a program
// wrote has none unless someone edited it.
TEST(CsvExact, StrayQuoteIsAnErrorNamingTheLine) {
  auto e = error_of("number,name\n1,\"Anna\" Berg\n");
  EXPECT_NE(e.find("line 2: a stray quote"), std::string::npos) << e;
  e = error_of("number,name\n1,Anna \"Ann\" Berg\n");
  EXPECT_NE(e.find("line 2: a stray quote"), std::string::npos) << e;
}

TEST(CsvExact, UnclosedQuoteIsAnErrorNamingItsLine) {
  auto e = error_of("number,name\n1,ok\n2,\"Anna\nBerg\n");
  EXPECT_NE(e.find("line 3: a quoted field is never closed"), std::string::npos) << e;
}

TEST(CsvExact, MissingFileIsAnError) {
  EXPECT_THROW(ingest::read_csv_exactly("/nonexistent/list.csv"), ingest::InputError);
}

}  // namespace
}  // namespace dossier::test
