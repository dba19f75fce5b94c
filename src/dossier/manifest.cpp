#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "dossier/dossier.h"
#include "dossier/output_set.h"
#include "pdf/pdf.h"

namespace dossier::book {

std::size_t merge_manifests(const std::vector<std::filesystem::path>& inputs,
                            const std::filesystem::path& out) {
  nlohmann::ordered_json merged;
  std::vector<nlohmann::ordered_json> pieces;
  for (const auto& file : inputs) {
    std::ifstream in(file);
    if (!in) throw ingest::InputError(fmt::format("{}: cannot read it", file.string()));
    nlohmann::ordered_json m;
    try {
      m = nlohmann::ordered_json::parse(in);
    } catch (const nlohmann::json::exception& e) {
      throw ingest::InputError(fmt::format("{}: not a manifest ({})", file.string(), e.what()));
    }
    if (!m.contains("volumes") || !m.contains("inputs") || !m.contains("signatures")) {
      throw ingest::InputError(fmt::format("{}: not a dossier manifest", file.string()));
    }
    if (merged.is_null()) {
      merged = m;
      merged["volumes"] = nlohmann::ordered_json::array();
    } else if (m["inputs"] != merged["inputs"] || m["signatures"] != merged["signatures"] ||
               m["title"] != merged["title"]) {
      throw ingest::InputError(fmt::format(
          "{}: built from other inputs than {}; pieces of one dossier share their inputs",
          file.string(), inputs.front().string()));
    }
    for (const auto& v : m["volumes"]) pieces.push_back(v);
  }
  if (merged.is_null()) throw ingest::InputError("no manifests to merge");
  // In dossier order, each piece once.
  std::stable_sort(pieces.begin(), pieces.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a.value("volume", 0), a.value("part", 1)) <
           std::make_pair(b.value("volume", 0), b.value("part", 1));
  });
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    if (pieces[i]["file"] == pieces[i - 1]["file"]) {
      throw ingest::InputError(fmt::format("{} appears in more than one manifest",
                                           pieces[i]["file"].get<std::string>()));
    }
  }
  std::uint64_t pages = 0;
  for (const auto& p : pieces) pages += p["pages"].get<std::uint64_t>();
  merged["volumes"] = pieces;
  merged["totals"]["volumes"] = pieces.size();
  merged["totals"]["pages"] = pages;
  // Written like a build's set: staged, then renamed into place, into a
  // folder created when missing (as in the README's fan-out example).
  auto dir = out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path();
  OutputSet output(dir);
  const auto name = out.filename().string();
  {
    std::ofstream o(output.staged(name), std::ios::binary);
    o << merged.dump(2) << '\n';
    o.flush();
    if (!o) throw WriteFailure(fmt::format("cannot write {}", out.string()));
  }
  output.commit({name}, {});
  return pieces.size();
}

}  // namespace dossier::book
