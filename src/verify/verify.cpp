// The verify stage's orchestration: the manifest, the archive-wide checks
// (signatures.csv against the manifest, every signature in exactly one
// file of each volume), then the volumes, checked in parallel. What each
// check does lives in the file named for it.
#include "verify/verify.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <thread>

#include "digest/sha256.h"
#include "files/files.h"
#include "ingest/ingest.h"
#include "manifest/manifest.h"
#include "messages/messages.h"
#include "parallel/parallel_for.h"
#include "seal/seal.h"
#include "seal/seal_reader.h"
#include "verify/findings.h"
#include "verify/footer_check.h"
#include "verify/privacy_check.h"
#include "verify/signature_list.h"
#include "verify/signature_search.h"
#include "verify/volume_text.h"
#include "verify/xmp.h"

namespace dossier::verify {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// manifest.json

// The manifest names files inside the build directory; anything else would
// make verify read (and vouch for) files that were never part of the build.
void check_inside(const std::string& name, const std::string& where) {
  fs::path p(name);
  bool escapes = name.empty() || p.is_absolute() ||
                 std::any_of(p.begin(), p.end(), [](const fs::path& part) { return part == ".."; });
  if (escapes) {
    throw UnusableInput(fmt::format(
        "manifest.json: {}.file \"{}\" is not a file inside the build directory", where, name));
  }
}

// The manifest as build wrote it (manifest/manifest.h), with what older
// manifests leave out filled in as they mean it: a volume not cut into
// parts is volume i+1, part 1, numbered from page 1 to its own page count.
manifest::Manifest read_manifest(const fs::path& dir) {
  auto file = dir / "manifest.json";
  const auto text = files::read_all(file);
  if (!text) {
    throw UnusableInput(
        fmt::format("{}: no manifest.json here (is this the output directory of `dossier build`?)",
                    dir.string()));
  }
  manifest::Manifest m;
  try {
    m = manifest::from_json(*text);
  } catch (const manifest::NotJson& e) {
    throw UnusableInput(fmt::format("{}: not valid JSON: {}", file.string(), e.what()));
  } catch (const manifest::FormatError& e) {
    throw UnusableInput(fmt::format("manifest.json: {}", e.what()));
  }
  check_inside(m.signatures.file, "signatures");
  for (std::size_t i = 0; i < m.volumes.size(); ++i) {
    auto& v = m.volumes[i];
    check_inside(v.file, fmt::format("volumes[{}]", i));
    if (!v.volume) v.volume = i + 1;
    if (!v.part) v.part = 1;
    if (!v.first_page) v.first_page = 1;
    if (!v.volume_pages) v.volume_pages = v.pages;
  }
  return m;
}

// ---------------------------------------------------------------------------
// One volume

// The signatures a manifest entry says it holds, in list order.
std::vector<const Wanted*> slice(const std::vector<Wanted>& all, const manifest::Volume& entry) {
  std::vector<const Wanted*> out;
  if (entry.signatures == 0) return out;
  for (const auto& w : all) {
    if (w.number >= entry.first_number && w.number <= entry.last_number) out.push_back(&w);
  }
  return out;
}

// The file's bytes against the manifest: its hash, or for a sealed file
// the seal, the sealed file's hash and the build's hash of the bytes
// before the seal.
void check_bytes(const std::string& bytes, const manifest::Volume& entry, const Options& options,
                 VolumeReport& r, Findings& findings) {
  const auto actual = digest::hex(digest::sha256(bytes));
  std::optional<seal::SealCheck> sealed;
  try {
    sealed = seal::check_seal(bytes, options.trust);
  } catch (const seal::SealError& e) {
    throw UnusableInput(e.what());  // the trust anchors, for every volume alike
  }
  if (!sealed) {
    if (entry.seal) findings.add(0, 0, "the manifest records a seal; the file has none");
    if (actual != entry.sha256) {
      findings.add(0, 0,
                   fmt::format("SHA-256 mismatch: manifest {}, file {}", entry.sha256, actual));
    }
    return;
  }
  r.seal = SealSummary{sealed->level,
                       sealed->signer,
                       sealed->signing_time,
                       sealed->timestamp_time,
                       sealed->timestamp_authority,
                       sealed->trusted};
  if (!entry.seal) {
    findings.add(0, 0, "the file is sealed; the manifest records no seal");
  } else {
    if (actual != entry.seal->sha256) {
      findings.add(0, 0,
                   fmt::format("SHA-256 mismatch: manifest (sealed) {}, file {}",
                               entry.seal->sha256, actual));
    }
    if (entry.seal->signer_sha256 != sealed->signer_sha256) {
      findings.add(0, 0,
                   fmt::format("sealed by another certificate than the manifest records ({})",
                               sealed->signer));
    }
  }
  if (sealed->unsealed_sha256 != entry.sha256) {
    findings.add(0, 0,
                 fmt::format("the bytes before the seal are not the build's: SHA-256 manifest {}, "
                             "file {}",
                             entry.sha256, sealed->unsealed_sha256));
  }
  for (const auto& problem : sealed->problems) findings.add(0, 0, "seal: " + problem);
}

// The volume's text as poppler reads it: each page's footer, each
// signature in order, and each line whose /ActualText differs from its
// glyphs.
void check_text(const ReadVolume& volume, const manifest::Volume& entry,
                const std::vector<const Wanted*>& wanted, messages::Catalogs& catalogs,
                VolumeReport& r, Findings& findings) {
  const auto& vt = volume.text;
  // The footers are in the volume's language (English before /Lang was
  // written).
  const auto& words = catalogs.of(volume.language.empty() ? "en" : volume.language);
  check_footers(
      vt, *entry.first_page, *entry.volume_pages,
      [&](std::size_t page, std::size_t total) {
        return words.text("footer.page", {{"page", static_cast<std::int64_t>(page)},
                                          {"total", static_cast<std::int64_t>(total)}});
      },
      findings);
  const auto found = check_signatures(vt, wanted, r, findings);
  check_lines(vt, volume.mismatched_lines, wanted, found, findings);
}

VolumeReport check_volume(const fs::path& dir, const manifest::Volume& entry,
                          const std::vector<Wanted>& all, const Options& options,
                          messages::Catalogs& catalogs) {
  const auto wanted = slice(all, entry);
  VolumeReport r;
  r.file = entry.file;
  r.volume = *entry.volume;
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
  const auto bytes = files::read_all(path);
  if (!bytes) {
    findings.add(0, 0, "cannot be read");
    return r;
  }
  check_bytes(*bytes, entry, options, r, findings);

  const auto volume = read_volume(path);
  if (volume.status != ReadVolume::Status::Read) {
    findings.add(0, 0,
                 volume.status == ReadVolume::Status::Encrypted
                     ? "is encrypted; cannot read its text"
                     : "cannot be opened as a PDF (poppler rejects it)");
    return r;
  }
  r.pages_found = volume.pages;
  if (r.pages_found != r.pages_expected) {
    findings.add(0, 0,
                 fmt::format("page count: manifest {}, file {}", r.pages_expected, r.pages_found));
  }
  check_pdfa_id(volume.xmp, r, findings);
  check_text(volume, entry, wanted, catalogs, r, findings);
  return r;
}

void add_archive(Report& report, std::string file, std::string what) {
  report.archive.push_back({std::move(file), 0, 0, std::move(what)});
}

// signatures.csv and the manifest's figures against each other, and each
// printed signature against the edition's privacy rules.
void check_list(const manifest::Manifest& manifest, const fs::path& csv,
                const std::vector<PrintedSignature>& accepted, Report& report) {
  auto archive = [&](std::string file, std::string what) {
    add_archive(report, std::move(file), std::move(what));
  };
  // Totals are a summary for people; checked when present, never needed.
  const auto totals = manifest.totals.value_or(manifest::Totals{});
  const auto csv_sha = digest::sha256_file_hex(csv);
  if (!csv_sha) throw UnusableInput(fmt::format("{}: cannot read it", csv.string()));
  if (*csv_sha != manifest.signatures.sha256) {
    archive(manifest.signatures.file, fmt::format("SHA-256 mismatch: manifest {}, file {}",
                                                  manifest.signatures.sha256, *csv_sha));
  }
  if (accepted.size() != manifest.signatures.count) {
    archive(manifest.signatures.file, fmt::format("row count: manifest {}, file {}",
                                                  manifest.signatures.count, accepted.size()));
  }
  std::uint64_t pages = 0;
  for (const auto& v : manifest.volumes) pages += v.pages;
  if (totals.pages && *totals.pages != pages) {
    archive("manifest.json",
            fmt::format("totals.pages is {}, the volumes add up to {}", *totals.pages, pages));
  }
  if (totals.signatures && *totals.signatures != manifest.signatures.count) {
    archive("manifest.json", fmt::format("totals.signatures is {}, signatures.count is {}",
                                         *totals.signatures, manifest.signatures.count));
  }
  if (manifest.volumes.empty()) archive("manifest.json", "lists no volumes");
  if (manifest.edition) {
    const auto edition = edition_from_manifest(*manifest.edition);
    for (auto& d : check_privacy(edition, accepted, manifest.signatures.file)) {
      report.archive.push_back(std::move(d));
    }
  }
}

// Each volume, whole or in parts, holds every signature exactly once; a
// part left out of the manifest shows only here.
void check_each_held_once(const manifest::Manifest& manifest, const std::vector<Wanted>& wanted,
                          Report& report) {
  auto archive = [&](std::string file, std::string what) {
    add_archive(report, std::move(file), std::move(what));
  };
  std::map<std::uint64_t, std::vector<const manifest::Volume*>> by_volume;
  for (const auto& v : manifest.volumes) by_volume[*v.volume].push_back(&v);
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
}

void check_volumes(const manifest::Manifest& manifest, const std::vector<Wanted>& wanted,
                   const Options& options, Report& report) {
  // Poppler's complaints about a damaged file would interleave across
  // threads; what they amount to is reported as discrepancies instead.
  silence_poppler();
  init_xml_parser();
  report.volumes.resize(manifest.volumes.size());
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  messages::Catalogs catalogs(options.messages);
  parallel::parallel_for(manifest.volumes.size(), threads, [&](std::size_t i) {
    report.volumes[i] = check_volume(options.dir, manifest.volumes[i], wanted, options, catalogs);
  });
}

}  // namespace

Report verify(const Options& options) {
  Report report;
  report.dir = options.dir;
  if (options.trust) {
    try {
      seal::check_trust_file(*options.trust);
    } catch (const seal::SealError& e) {
      throw UnusableInput(e.what());
    }
  }
  auto manifest = read_manifest(options.dir);
  report.signatures_file = manifest.signatures.file;
  if (manifest.totals)
    report.names_with_missing_glyphs = manifest.totals->names_with_missing_glyphs;
  const auto csv = options.dir / manifest.signatures.file;
  const auto accepted = read_signature_list(csv);
  report.signatures = accepted.size();
  check_list(manifest, csv, accepted, report);
  const auto wanted = prepare(accepted);
  check_each_held_once(manifest, wanted, report);
  check_volumes(manifest, wanted, options, report);
  return report;
}

int command(const std::filesystem::path& dir, bool quiet,
            const std::optional<std::filesystem::path>& trust,
            const std::filesystem::path& messages) {
  Options options;
  options.dir = dir;
  options.trust = trust;
  options.messages = messages;
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
