// The verify stage's orchestration: the manifest, the archive-wide checks
// (signatures.csv against the manifest, every signature in exactly one
// file of each volume), then each volume checked on a thread of its own.
// What each check does lives in the file named for it.
#include "verify/verify.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "ingest/ingest.h"
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
using nlohmann::json;

// ---------------------------------------------------------------------------
// manifest.json

// One PDF the manifest lists: a whole volume, or one part of a volume too
// long to bind as one book (then volume/part say which, the part holds the
// signatures first_number..last_number, and its footers continue the
// volume's page numbers from first_page).
struct VolumeEntry {
  std::string file;
  std::size_t volume = 0, part = 1;
  std::size_t pages = 0;
  std::size_t first_page = 1, volume_pages = 0;
  std::uint64_t signatures = 0;
  std::uint64_t first_number = 0;
  std::uint64_t last_number = 0;
  std::string sha256;
};

struct Manifest {
  std::string signatures_file;
  std::string signatures_sha256;
  std::uint64_t signatures_count = 0;
  std::vector<VolumeEntry> volumes;
  std::optional<std::uint64_t> total_pages, total_signatures;
  std::optional<std::uint64_t> names_with_missing_glyphs;
  std::optional<ingest::Edition> edition;  // absent in manifests from before editions
};

const json& member(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) {
    throw UnusableInput(fmt::format("manifest.json: {} has no \"{}\"", where, key));
  }
  return object.at(key);
}

std::string string_member(const json& object, const char* key, const std::string& where) {
  const auto& v = member(object, key, where);
  if (!v.is_string()) {
    throw UnusableInput(fmt::format("manifest.json: {}.{} is not a string", where, key));
  }
  return v.get<std::string>();
}

std::uint64_t count_member(const json& object, const char* key, const std::string& where);

// Keys only manifests of volumes cut into parts have.
std::uint64_t optional_count(const json& object, const char* key, const std::string& where,
                             std::uint64_t absent) {
  return object.contains(key) ? count_member(object, key, where) : absent;
}

std::uint64_t count_member(const json& object, const char* key, const std::string& where) {
  const auto& v = member(object, key, where);
  if (!v.is_number_unsigned()) {
    throw UnusableInput(
        fmt::format("manifest.json: {}.{} is not a non-negative whole number", where, key));
  }
  return v.get<std::uint64_t>();
}

// The manifest names files inside the build directory; anything else would
// make verify read (and vouch for) files that were never part of the build.
std::string file_member(const json& object, const std::string& where) {
  auto name = string_member(object, "file", where);
  fs::path p(name);
  bool escapes = name.empty() || p.is_absolute() ||
                 std::any_of(p.begin(), p.end(), [](const fs::path& part) { return part == ".."; });
  if (escapes) {
    throw UnusableInput(fmt::format(
        "manifest.json: {}.file \"{}\" is not a file inside the build directory", where, name));
  }
  return name;
}

Manifest read_manifest(const fs::path& dir) {
  auto file = dir / "manifest.json";
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw UnusableInput(
        fmt::format("{}: no manifest.json here (is this the output directory of `dossier build`?)",
                    dir.string()));
  }
  json m;
  try {
    m = json::parse(in);
  } catch (const json::parse_error& e) {
    throw UnusableInput(fmt::format("{}: not valid JSON: {}", file.string(), e.what()));
  }
  Manifest out;
  if (m.contains("edition")) out.edition = edition_from_manifest(m["edition"]);
  const auto& sig = member(m, "signatures", "the top level");
  out.signatures_file = file_member(sig, "signatures");
  out.signatures_sha256 = string_member(sig, "sha256", "signatures");
  out.signatures_count = count_member(sig, "count", "signatures");
  const auto& volumes = member(m, "volumes", "the top level");
  if (!volumes.is_array()) throw UnusableInput("manifest.json: \"volumes\" is not a list");
  for (std::size_t i = 0; i < volumes.size(); ++i) {
    auto where = fmt::format("volumes[{}]", i);
    const auto& v = volumes[i];
    VolumeEntry e;
    e.file = file_member(v, where);
    e.pages = count_member(v, "pages", where);
    e.volume = optional_count(v, "volume", where, i + 1);
    e.part = optional_count(v, "part", where, 1);
    e.first_page = optional_count(v, "first_page", where, 1);
    e.volume_pages = optional_count(v, "volume_pages", where, e.pages);
    e.signatures = count_member(v, "signatures", where);
    e.first_number = count_member(v, "first_number", where);
    e.last_number = count_member(v, "last_number", where);
    e.sha256 = string_member(v, "sha256", where);
    out.volumes.push_back(std::move(e));
  }
  // Totals are a summary for people; checked when present, never needed.
  if (m.contains("totals") && m["totals"].is_object()) {
    const auto& t = m["totals"];
    if (t.contains("pages") && t["pages"].is_number_unsigned())
      out.total_pages = t["pages"].get<std::uint64_t>();
    if (t.contains("signatures") && t["signatures"].is_number_unsigned())
      out.total_signatures = t["signatures"].get<std::uint64_t>();
    if (t.contains("names_with_missing_glyphs") &&
        t["names_with_missing_glyphs"].is_number_unsigned())
      out.names_with_missing_glyphs = t["names_with_missing_glyphs"].get<std::uint64_t>();
  }
  return out;
}

// ---------------------------------------------------------------------------
// One volume

// The signatures a manifest entry says it holds, in list order.
std::vector<const Wanted*> slice(const std::vector<Wanted>& all, const VolumeEntry& entry) {
  std::vector<const Wanted*> out;
  if (entry.signatures == 0) return out;
  for (const auto& w : all) {
    if (w.number >= entry.first_number && w.number <= entry.last_number) out.push_back(&w);
  }
  return out;
}

VolumeReport check_volume(const fs::path& dir, const VolumeEntry& entry,
                          const std::vector<Wanted>& all, const Options& options) {
  const auto wanted = slice(all, entry);
  VolumeReport r;
  r.file = entry.file;
  r.volume = entry.volume;
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
  try {
    auto actual = ingest::sha256_file(path);
    if (actual != entry.sha256) {
      findings.add(0, 0,
                   fmt::format("SHA-256 mismatch: manifest {}, file {}", entry.sha256, actual));
    }
  } catch (const ingest::InputError& e) {
    findings.add(0, 0, fmt::format("cannot be read: {}", e.what()));
    return r;
  }

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
  const auto& vt = volume.text;
  check_footers(vt, entry.first_page, entry.volume_pages, findings);
  check_signatures(vt, wanted, r, findings);
  return r;
}

}  // namespace

Report verify(const Options& options) {
  Report report;
  report.dir = options.dir;
  auto manifest = read_manifest(options.dir);
  report.signatures_file = manifest.signatures_file;
  report.names_with_missing_glyphs = manifest.names_with_missing_glyphs;
  const auto csv = options.dir / manifest.signatures_file;
  const auto accepted = read_signature_list(csv);
  report.signatures = accepted.size();
  auto archive = [&](std::string file, std::string what) {
    report.archive.push_back({std::move(file), 0, 0, std::move(what)});
  };
  std::string csv_sha;
  try {
    csv_sha = ingest::sha256_file(csv);
  } catch (const ingest::InputError& e) {
    throw UnusableInput(e.what());
  }
  if (csv_sha != manifest.signatures_sha256) {
    archive(manifest.signatures_file, fmt::format("SHA-256 mismatch: manifest {}, file {}",
                                                  manifest.signatures_sha256, csv_sha));
  }
  if (accepted.size() != manifest.signatures_count) {
    archive(manifest.signatures_file, fmt::format("row count: manifest {}, file {}",
                                                  manifest.signatures_count, accepted.size()));
  }
  std::uint64_t pages = 0;
  for (const auto& v : manifest.volumes) pages += v.pages;
  if (manifest.total_pages && *manifest.total_pages != pages) {
    archive("manifest.json", fmt::format("totals.pages is {}, the volumes add up to {}",
                                         *manifest.total_pages, pages));
  }
  if (manifest.total_signatures && *manifest.total_signatures != manifest.signatures_count) {
    archive("manifest.json", fmt::format("totals.signatures is {}, signatures.count is {}",
                                         *manifest.total_signatures, manifest.signatures_count));
  }
  if (manifest.volumes.empty()) archive("manifest.json", "lists no volumes");
  if (manifest.edition) {
    for (auto& d : check_privacy(*manifest.edition, accepted, manifest.signatures_file)) {
      report.archive.push_back(std::move(d));
    }
  }

  const auto wanted = prepare(accepted);
  // Each volume, whole or in parts, holds every signature exactly once; a
  // part left out of the manifest shows only here.
  std::map<std::size_t, std::vector<const VolumeEntry*>> by_volume;
  for (const auto& v : manifest.volumes) by_volume[v.volume].push_back(&v);
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
  // Poppler's complaints about a damaged file would interleave across
  // threads; what they amount to is reported as discrepancies instead.
  silence_poppler();
  report.volumes.resize(manifest.volumes.size());
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&] {
    for (std::size_t i = next++; i < manifest.volumes.size(); i = next++) {
      try {
        report.volumes[i] = check_volume(options.dir, manifest.volumes[i], wanted, options);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  threads = static_cast<unsigned>(
      std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(1, manifest.volumes.size())));
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  pool.clear();
  if (failure) std::rethrow_exception(failure);
  return report;
}

int command(const std::filesystem::path& dir, bool quiet) {
  Options options;
  options.dir = dir;
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
