#include "book/seal_set.h"

#include <fmt/format.h>

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "digest/sha256.h"
#include "files/files.h"
#include "manifest/manifest.h"
#include "parallel/parallel_for.h"

namespace dossier::book {
namespace {

namespace fs = std::filesystem;

// Each file sealed beside itself and moved over it: a file is either the
// build's or sealed, never half of each. The first failure is rethrown
// once every thread has stopped.
template <typename Record>
void seal_files(const std::vector<fs::path>& files, const seal::Sealer& sealer, unsigned threads,
                const std::function<void(const std::string&)>& say, Record&& record) {
  std::mutex failure_mutex;
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  parallel::parallel_for(files.size(), threads, [&](std::size_t i) {
    if (failed) return;
    try {
      const fs::path& file = files[i];
      fs::path sealing = file;
      sealing += ".sealing";
      auto r = sealer.seal(file, sealing);
      fs::rename(sealing, file);
      say(fmt::format("sealed {} ({}{})", file.filename().string(), r.level,
                      r.timestamp_time.empty() ? "" : ", timestamped " + r.timestamp_time));
      record(i, std::move(r));
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      failed = true;
    }
  });
  if (failure) std::rethrow_exception(failure);
}

unsigned sealing_threads(std::size_t files, const seal::Sealer& sealer) {
  // A timestamp is a round trip to the authority: worth more threads than
  // cores, but an authority may limit how many requests one client makes.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned wanted = sealer.level() == "B-B" ? cores : std::max(cores, 4u);
  return static_cast<unsigned>(std::min<std::size_t>(files, wanted));
}

}  // namespace

void seal_staged(OutputSet& output, std::vector<manifest::Volume>& volumes,
                 const seal::Sealer& sealer, const std::function<void(const std::string&)>& say) {
  std::vector<fs::path> files;
  for (const auto& v : volumes) files.push_back(output.staged(v.file));
  say(fmt::format("sealing {} file(s), PAdES {}", files.size(), sealer.level()));
  seal_files(files, sealer, sealing_threads(files.size(), sealer), say,
             [&](std::size_t i, const seal::SealRecord& r) { volumes[i].seal = to_manifest(r); });
}

namespace {

// The manifest of the build in `dir`, once every volume it lists is
// checked to be the unsealed file the build wrote.
manifest::Manifest unsealed_build(const fs::path& dir) {
  const auto manifest_text = files::read_all(dir / "manifest.json");
  if (!manifest_text) {
    throw RequestError(fmt::format(
        "{} has no manifest.json: dossier seal works on the folder of a build", dir.string()));
  }
  manifest::Manifest m;
  try {
    m = manifest::from_json(*manifest_text);
  } catch (const std::exception& e) {
    throw RequestError(fmt::format("{}: {}", (dir / "manifest.json").string(), e.what()));
  }
  if (m.volumes.empty()) throw RequestError(fmt::format("{} lists no volume", dir.string()));
  // Only the files the manifest vouches for, as the build wrote them.
  for (const auto& v : m.volumes) {
    if (v.seal) {
      throw RequestError(fmt::format("{} is sealed already ({}, {})", v.file, v.seal->signer,
                                     v.seal->signing_time));
    }
    if (v.file.empty() || v.file.find('/') != std::string::npos || v.file == "..") {
      throw RequestError(
          fmt::format("the manifest names a file outside {}: {}", dir.string(), v.file));
    }
    const auto hash = digest::sha256_file(dir / v.file);
    if (hash != v.sha256) {
      throw RequestError(
          fmt::format("{} is not the file its manifest lists (SHA-256 differs): run dossier verify",
                      (dir / v.file).string()));
    }
  }
  return m;
}

}  // namespace

SealedSet seal_set(const fs::path& dir, const seal::Sealer& sealer,
                   const std::function<void(const std::string&)>& progress) {
  auto say = [&](const std::string& s) {
    if (progress) progress(s);
  };
  auto m = unsealed_build(dir);
  OutputSet output(dir);
  std::vector<fs::path> files;
  for (const auto& v : m.volumes) {
    fs::copy_file(dir / v.file, output.staged(v.file), fs::copy_options::overwrite_existing);
    files.push_back(output.staged(v.file));
  }
  say(fmt::format("sealing {} volume(s) in {}, PAdES {}", files.size(), dir.string(),
                  sealer.level()));
  SealedSet result;
  result.records.resize(files.size());
  seal_files(files, sealer, sealing_threads(files.size(), sealer), say,
             [&](std::size_t i, seal::SealRecord r) {
               result.records[i] = {m.volumes[i].file, to_manifest(r)};
             });
  for (std::size_t i = 0; i < m.volumes.size(); ++i) {
    m.volumes[i].seal = result.records[i].second;
  }
  if (!files::write_all(output.staged("manifest.json"), manifest::to_json(m))) {
    throw WriteFailure(
        output.shown(fmt::format("cannot write {}", (dir / "manifest.json").string())));
  }
  std::vector<std::string> names;
  for (const auto& v : m.volumes) names.push_back(v.file);
  names.emplace_back("manifest.json");
  say("replacing the unsealed volumes");
  output.commit(names, names);
  result.manifest = dir / "manifest.json";
  return result;
}

manifest::Seal to_manifest(const seal::SealRecord& r) {
  manifest::Seal s;
  s.sha256 = r.sha256;
  s.level = r.level;
  s.signer = r.signer;
  s.signer_sha256 = r.signer_sha256;
  s.signing_time = r.signing_time;
  if (!r.timestamp_time.empty()) s.timestamp_time = r.timestamp_time;
  if (!r.timestamp_authority.empty()) s.timestamp_authority = r.timestamp_authority;
  return s;
}

}  // namespace dossier::book
