
#include "book/manifest_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "book/edition_record.h"
#include "book/seal_set.h"
#include "digest/sha256.h"
#include "files/files.h"
#include "manifest/manifest.h"

namespace dossier::book {
namespace {

manifest::Manifest read_piece(const std::filesystem::path& file) {
  const auto text = files::read_all(file);
  if (!text) throw RequestError(fmt::format("{}: cannot read it", file.string()));
  manifest::Manifest m;
  try {
    m = manifest::from_json(*text);
  } catch (const manifest::NotJson& e) {
    throw RequestError(fmt::format("{}: not a manifest ({})", file.string(), e.what()));
  } catch (const manifest::FormatError& e) {
    throw RequestError(fmt::format("{}: not a dossier manifest ({})", file.string(), e.what()));
  }
  if (!m.inputs) throw RequestError(fmt::format("{}: not a dossier manifest", file.string()));
  return m;
}

manifest::Input input_record(const ingest::InputStats& i, const BuildResult& result) {
  return {.file = i.file,
          .sha256 = i.sha256,
          .rows_read = i.rows_read,
          .accepted = i.accepted,
          .duplicates = i.duplicates,
          .rejected = i.rejected,
          .names_with_missing_glyphs = result.names_with_missing_glyphs,
          .format = i.format,
          .encoding = i.encoding,
          .delimiter = i.delimiter,
          .sheet = i.sheet,
          .duplicate_rule = i.duplicate_rule,
          .unknown_country_rows = i.unknown_country_rows};
}

manifest::Totals totals(const BuildResult& result, std::size_t parliamentarians,
                        const ingest::InputStats& stats) {
  std::uint64_t pages = 0;
  for (const auto& v : result.volumes) pages += v.pages;
  return {.volumes = result.volumes.size(),
          .pages = pages,
          .signatures = result.signatures,
          .parliamentarians = parliamentarians,
          .rows_read = stats.rows_read,
          .duplicates = stats.duplicates,
          .rejected = stats.rejected,
          .names_with_missing_glyphs = result.names_with_missing_glyphs,
          .texts_with_missing_glyphs = result.uncovered.size()};
}

}  // namespace

void write_manifest(OutputSet& output, const BuildResult& result, const std::string& title,
                    std::size_t parliamentarians, const Petition& petition) {
  const auto& set = petition.set;
  manifest::Manifest m;
  m.title = title;
  m.synthetic = result.synthetic;
  m.edition = edition_record(petition.edition, set.signatures);
  m.volumes = result.volumes;
  m.inputs.emplace();
  for (const auto& i : result.inputs) m.inputs->push_back(input_record(i, result));
  m.signatures = {.file = result.accepted.filename().string(),
                  .sha256 = digest::sha256_file(output.staged("signatures.csv")),
                  .count = result.signatures};
  m.coverage = manifest::Coverage{.file = "coverage.csv", .texts = result.uncovered.size()};
  m.totals = totals(result, parliamentarians, set.stats);
  std::ofstream out(output.staged("manifest.json"), std::ios::binary);
  out << manifest::to_json(m);
  out.flush();
  if (!out) throw OutputError(fmt::format("cannot write {}", result.manifest.string()));
}

std::size_t merge_manifests(const std::vector<std::filesystem::path>& inputs,
                            const std::filesystem::path& out) {
  std::optional<manifest::Manifest> merged;
  std::vector<manifest::Volume> pieces;
  for (const auto& file : inputs) {
    auto m = read_piece(file);
    if (merged && (m.inputs != merged->inputs || m.signatures != merged->signatures ||
                   m.title != merged->title)) {
      throw RequestError(fmt::format(
          "{}: built from other inputs than {}; pieces of one dossier share their inputs",
          file.string(), inputs.front().string()));
    }
    std::move(m.volumes.begin(), m.volumes.end(), std::back_inserter(pieces));
    if (!merged) merged = std::move(m);
  }
  if (!merged) throw RequestError("no manifests to merge");
  // In dossier order, each piece once.
  std::stable_sort(pieces.begin(), pieces.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a.volume.value_or(0), a.part.value_or(1)) <
           std::make_pair(b.volume.value_or(0), b.part.value_or(1));
  });
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    if (pieces[i].file == pieces[i - 1].file) {
      throw RequestError(fmt::format("{} appears in more than one manifest", pieces[i].file));
    }
  }
  std::uint64_t pages = 0;
  for (const auto& p : pieces) pages += p.pages;
  merged->volumes = std::move(pieces);
  if (!merged->totals) merged->totals.emplace();
  merged->totals->volumes = merged->volumes.size();
  merged->totals->pages = pages;
  // Written like a build's set: staged, then renamed into place, into a
  // folder created when missing (as in the README's fan-out example).
  auto dir = out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path();
  OutputSet output(dir);
  const auto name = out.filename().string();
  {
    std::ofstream o(output.staged(name), std::ios::binary);
    o << manifest::to_json(*merged);
    o.flush();
    if (!o) throw WriteFailure(fmt::format("cannot write {}", out.string()));
  }
  output.commit({name}, {});
  return merged->volumes.size();
}

}  // namespace dossier::book
