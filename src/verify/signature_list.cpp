#include "verify/signature_list.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>

#include "csv/csv.h"
#include "ingest/ingest.h"
#include "verify/verify.h"

namespace dossier::verify {
namespace {

// The privacy column came with editions; lists from before lack it.
const std::vector<std::string> kColumns{"number", "name", "city", "country", "privacy"};

}  // namespace

std::vector<PrintedSignature> read_signature_list(const std::filesystem::path& file) {
  if (!std::ifstream(file, std::ios::binary)) {
    throw UnusableInput(
        fmt::format("{}: cannot read it; without the list of accepted signatures the volumes "
                    "cannot be checked",
                    file.string()));
  }
  // Read exactly (ingest's libcsv reader without its leniency for
  // exports): an oddity here means the list was edited by hand.
  std::vector<ingest::CsvRecord> records;
  try {
    records = ingest::read_csv_exactly(file);
  } catch (const ingest::InputError& e) {
    throw UnusableInput(e.what());
  }
  if (records.empty()) throw UnusableInput(fmt::format("{}: the file is empty", file.string()));
  const auto& header = records.front();
  if (header.fields != kColumns &&
      header.fields != std::vector<std::string>(kColumns.begin(), kColumns.end() - 1)) {
    throw UnusableInput(
        fmt::format("{}: line {}: expected the header number,name,city,country[,privacy]",
                    file.string(), header.line));
  }
  const std::size_t width = header.fields.size();
  std::vector<PrintedSignature> out;
  out.reserve(records.size() - 1);
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& [fields, line] = records[i];
    if (fields.size() != width) {
      throw UnusableInput(fmt::format("{}: line {}: {} field(s), expected {} as in the header",
                                      file.string(), line, fields.size(), width));
    }
    PrintedSignature a;
    const auto& num = fields[0];
    auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), a.number);
    if (ec != std::errc() || end != num.data() + num.size() || a.number == 0) {
      throw UnusableInput(
          fmt::format("{}: line {}: \"{}\" is not a signature number", file.string(), line, num));
    }
    // build neutralised names a spreadsheet would take for formulas.
    a.name = csv::restore_field(fields[1]);
    a.city = csv::restore_field(fields[2]);
    a.country = csv::restore_field(fields[3]);
    if (width == 5) a.privacy = csv::restore_field(fields[4]);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace dossier::verify
