#include "book/inputs.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <set>

#include "iso8601/iso8601.h"

namespace dossier::book {
namespace {

layout::Geometry geometry_of(const ingest::Config& c) {
  auto g = c.page_size == ingest::PageSize::Letter ? layout::Geometry::us_letter()
                                                   : layout::Geometry::a4();
  g.binding_correction = c.binding_correction;
  g.duplex = c.duplex;
  return g;
}

// Once per run: a language without a catalogue is printed in English.
void warn_about_language(const messages::Catalog& words, const BuildOptions& options) {
  if (words.found() || !options.warn) return;
  options.warn(fmt::format(
      "language \"{}\": no message catalogue ({}), so the dossier's own words are in English",
      words.language(), (options.messages / (words.language() + ".toml")).string()));
}

}  // namespace

Inputs load_inputs(const BuildOptions& options, messages::Catalogs& catalogs) {
  Inputs in;
  in.config = ingest::load_config(options.templates / "dossier.toml");
  // --language changes the dossier's own words only: the letters and the
  // texts dossier.toml gives in its language stay as they are.
  in.letters = ingest::load_letters(options.templates, in.config.language);
  in.language = options.language.value_or(in.config.language);
  word_withheld_names(in.config, catalogs.of(in.language));
  in.signatories = ingest::load_signatories(options.templates / "signatories.csv");
  // A letter without its recipient's salutation stops the run here,
  // before anything is written.
  ingest::check_letters(in.config, in.letters);
  warn_about_letters(in.letters, options.warn);
  std::set<std::string> countries;
  for (const auto& s : in.signatories) countries.insert(s.country);
  in.figures.parliamentarians = in.signatories.size();
  in.figures.parliament_countries = countries.size();
  return in;
}

void word_withheld_names(ingest::Config& config, const messages::Catalog& words) {
  if (!config.privacy.withheld_label) {
    config.privacy.withheld_label = words.text("privacy.withheld");
  }
}

Context context_for(Typesetting& t, const Inputs& in, const BuildOptions& options) {
  Context ctx{in.config,     t.cache,
              t.hyphenators, geometry_of(in.config),
              t.catalogs,    t.catalogs.of(in.language)};
  ctx.geometry.mirrored = ctx.words.right_to_left();
  warn_about_language(ctx.words, options);
  return ctx;
}

// Staff can install the missing patterns, or know why a German letter has
// ragged word gaps.
void report_hyphenation(const Hyphenators& hyphenators, const BuildOptions& options) {
  if (hyphenators.without_patterns().empty() || !options.progress) return;
  std::string languages;
  for (const auto& l : hyphenators.without_patterns()) {
    languages += (languages.empty() ? "" : ", ") + l;
  }
  options.progress(fmt::format(
      "set without hyphenation (no Debian hyphenation patterns installed for: {})", languages));
}

std::string iso_now_free_date(const ingest::Config& c) {
  // Reproducible: the configured date, or SOURCE_DATE_EPOCH, never the clock.
  if (!c.date.empty()) return c.date;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    const std::chrono::sys_seconds t{std::chrono::seconds{std::strtoll(epoch, nullptr, 10)}};
    return iso8601::format(iso8601::Moment{t});
  }
  return {};
}

}  // namespace dossier::book
