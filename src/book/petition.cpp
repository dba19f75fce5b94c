#include "book/petition.h"

#include <fmt/format.h>

#include <fstream>

#include "book/book.h"
#include "book/sections.h"
#include "csv/csv.h"
#include "sample/sample.h"

namespace dossier::book {
namespace {

// Through csv::row, so a signer named =HYPERLINK(...) is text, not a
// formula, in the spreadsheet that opens the report.
void write_rejects(const std::filesystem::path& file, const std::string& input,
                   const std::vector<ingest::Reject>& rejects) {
  std::ofstream out(file, std::ios::binary);
  out << csv::row({"file", "line", "reason", "name"});
  for (const auto& r : rejects) {
    out << csv::row({input, std::to_string(r.line), r.reason, r.name});
  }
  out.flush();
  if (!out) throw OutputError(fmt::format("cannot write {}", file.string()));
}

}  // namespace

void ensure_out_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    throw OutputError(fmt::format("cannot create the output directory {}: {}", dir.string(),
                                  ec ? ec.message() : "not a directory"));
  }
}

Petition read_petition(const BuildOptions& options, const ingest::Config& config,
                       const Place& place, const std::function<void(const std::string&)>& say) {
  Petition petition;
  petition.edition = ingest::find_edition(config.privacy, options.edition);
  std::filesystem::path signatures_file = options.signatures;
  if (signatures_file.empty()) {
    // No petition export given: synthetic data, clearly marked as such.
    petition.synthetic = true;
    // Read like any export (it has e-mail addresses, like real ones), from
    // a temporary file in the run's own folder (a build's staging folder,
    // which goes whatever happens): only what the build keeps
    // (signatures.csv) ends up in the output.
    signatures_file = place("sample-input.csv");
    say(fmt::format("no --signatures given: generating {} synthetic signatures",
                    grouped(options.sample_count)));
    const auto tables = sample::Tables::load(options.sample_data);
    std::ofstream out(signatures_file, std::ios::binary);
    sample::write_csv(out, tables, options.sample_count, options.sample_seed);
    if (!out) throw OutputError(fmt::format("cannot write {}", signatures_file.string()));
  }
  say(petition.synthetic ? std::string("reading the synthetic signatures")
                         : fmt::format("reading {}", signatures_file.string()));
  ingest::SignatureSet set;
  try {
    auto read = options.read;
    read.max_name = config.max_name;
    read.max_city = config.max_city;
    set = ingest::read_signatures(signatures_file, read);
  } catch (...) {
    if (petition.synthetic) std::filesystem::remove(signatures_file);
    throw;
  }
  if (petition.synthetic) {
    std::filesystem::remove(signatures_file);
    signatures_file = "sample-signatures.csv";  // the name the manifest shows
  }
  if (set.stats.rows_read != set.stats.accepted + set.stats.duplicates + set.stats.rejected) {
    throw std::logic_error(
        fmt::format("{}: rows do not add up ({} read, {} accepted, {} "
                    "duplicates, {} rejected)",
                    signatures_file.string(), set.stats.rows_read, set.stats.accepted,
                    set.stats.duplicates, set.stats.rejected));
  }
  // After de-duplication (on the full names), before anything is written
  // or shaped: from here on only the printed form exists.
  ingest::redact_all(set.signatures, petition.edition);
  ingest::redact_rejects(set.rejects, petition.edition, set.has_consent);
  write_rejects(place("rejects.csv"), signatures_file.filename().string(), set.rejects);
  ingest::order_signatures(set.signatures, config.sort);
  // The time of signing has ordered the list and nothing prints it
  // (ingest::redact): a million of them need not stay in memory.
  for (auto& s : set.signatures) std::string().swap(s.signed_at);
  set.stats.file = signatures_file.filename().string();
  petition.set = std::move(set);
  return petition;
}

// Rows go through one buffer, written out a block at a time: a string per
// field and per row was most of the cost of writing a million rows.
void write_accepted(const std::filesystem::path& file,
                    const std::vector<ingest::Signature>& signatures) {
  constexpr std::size_t kBlock = 1 << 16;
  std::ofstream out(file, std::ios::binary);
  std::string block;
  block.reserve(2 * kBlock);
  csv::append_row(block, {"number", "name", "city", "country", "privacy"});
  for (const auto& s : signatures) {
    csv::append_row(block, {std::to_string(s.number), s.name, s.city, s.country,
                            ingest::level_name(s.privacy)});
    if (block.size() >= kBlock) {
      out << block;
      block.clear();
    }
  }
  out << block;
  out.flush();
  if (!out) throw OutputError(fmt::format("cannot write {}", file.string()));
}

}  // namespace dossier::book
