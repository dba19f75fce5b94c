#include "dossier/petition.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>

#include "dossier/sections.h"
#include "pdf/pdf.h"
#include "sample/sample.h"

namespace dossier::book {
namespace {

void write_rejects(const std::filesystem::path& file, const std::string& input,
                   const std::vector<ingest::Reject>& rejects) {
  std::ofstream out(file, std::ios::binary);
  out << "file,line,reason,name\n";
  auto quote = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
      q += c;
      if (c == '"') q += '"';
    }
    return q + "\"";
  };
  for (const auto& r : rejects) {
    out << quote(input) << ',' << r.line << ',' << quote(r.reason) << ',' << quote(r.name) << '\n';
  }
  if (!out) throw pdf::OutputError(fmt::format("cannot write {}", file.string()));
}

}  // namespace

void ensure_out_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    throw pdf::OutputError(fmt::format("cannot create the output directory {}: {}", dir.string(),
                                       ec ? ec.message() : "not a directory"));
  }
}

Petition read_petition(const BuildOptions& options, const ingest::Config& config,
                       const std::function<void(const std::string&)>& say) {
  Petition petition;
  petition.edition = ingest::find_edition(config.privacy, options.edition);
  std::filesystem::path signatures_file = options.signatures;
  if (signatures_file.empty()) {
    // No petition export given: synthetic data, clearly marked as such.
    petition.synthetic = true;
    // Read like any export (it has e-mail addresses, like real ones), from
    // a temporary file outside the output directory: only what the build
    // keeps (signatures.csv) ends up there.
    signatures_file = std::filesystem::temp_directory_path() /
                      fmt::format("dossier-sample-{}-signatures.csv", ::getpid());
    say(fmt::format("no --signatures given: generating {} synthetic signatures",
                    grouped(options.sample_count)));
    std::ofstream out(signatures_file, std::ios::binary);
    sample::write_csv(out, options.sample_count, options.sample_seed);
    if (!out) throw pdf::OutputError(fmt::format("cannot write {}", signatures_file.string()));
  }
  say(fmt::format("reading {}", signatures_file.string()));
  ingest::SignatureSet set;
  try {
    set = ingest::read_signatures(signatures_file, options.read);
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
  petition.rejects = options.out_dir / "rejects.csv";
  write_rejects(petition.rejects, signatures_file.filename().string(), set.rejects);
  ingest::order_signatures(set.signatures, config.sort);
  set.stats.file = signatures_file.filename().string();
  petition.set = std::move(set);
  return petition;
}

}  // namespace dossier::book
