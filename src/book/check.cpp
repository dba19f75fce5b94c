// `dossier check`: the pre-flight read of an export, with build's own code
// (read_petition, signature_coverage) and without rendering anything.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "book/book.h"
#include "book/coverage.h"
#include "book/edition_record.h"
#include "book/inputs.h"
#include "book/petition.h"
#include "book/sections.h"

namespace dossier::book {

CheckResult check(const BuildOptions& options, const text::FontLibrary& fonts) {
  auto say = [&](const std::string& s) {
    if (options.progress) options.progress(s);
  };
  auto config = ingest::load_config(options.templates / "dossier.toml");
  word_withheld_names(
      config, messages::Catalog(options.messages, options.language.value_or(config.language)));
  // The letters too: what of them is not set is said before the night of
  // the build.
  const auto letters = ingest::load_letters(options.templates, config.language);
  ingest::check_letters(config, letters);
  warn_about_letters(letters, options.warn);
  ensure_out_dir(options.out_dir);
  auto in_out_dir = [&](const std::string& name) { return options.out_dir / name; };
  auto petition = read_petition(options, config, in_out_dir, say);
  CheckResult result;
  result.stats = petition.set.stats;
  result.rejects = in_out_dir("rejects.csv");
  result.privacy = privacy_report(petition, options.read.consent_column);

  // Itemising (no shaping) is what keeps a check of 100,000 names to a
  // fraction of a build; places repeat, so each is itemised once.
  std::unordered_map<std::string, text::Itemisation> places;
  ScriptTally tally;
  result.uncovered = signature_coverage(
      petition.set.signatures,
      [&](const std::string& t, const text::Style& style) {
        if (style.role == layout::signature_name_style("").role) {
          return text::itemise(fonts, t, style);
        }
        auto key = style.region + '\x1f' + t;
        auto it = places.find(key);
        if (it == places.end()) it = places.emplace(key, text::itemise(fonts, t, style)).first;
        return it->second;
      },
      &tally);
  result.names_with_missing_glyphs = signatures_affected(result.uncovered);
  result.coverage = options.out_dir / "coverage.csv";
  write_coverage(result.coverage, result.uncovered);

  for (const auto& [script, use] : tally.scripts) {
    CheckResult::ScriptUse s;
    s.script = script;
    s.names = use.first;
    for (auto font : use.second) {
      const auto& family = fonts.info(font).family;
      if (std::find(s.fonts.begin(), s.fonts.end(), family) == s.fonts.end()) {
        s.fonts.push_back(family);
      }
    }
    result.scripts.push_back(std::move(s));
  }
  std::stable_sort(result.scripts.begin(), result.scripts.end(),
                   [](const auto& a, const auto& b) { return a.names > b.names; });
  return result;
}

}  // namespace dossier::book
