// Internal to the book stage: what a build or the letters read besides
// the export, and what they set their sections with.
#pragma once

#include <string>
#include <vector>

#include "book/book.h"
#include "book/sections.h"

namespace dossier::book {

// dossier.toml, the letters and the parliamentarians who signed them.
struct Inputs {
  ingest::Config config;
  std::vector<ingest::LetterTemplate> letters;
  std::vector<ingest::Signatory> signatories;
  Figures figures;
  // The dossier's own words: --language, else dossier.toml's `language`.
  std::string language;
};

// What a run sets its sections with, held for the whole run: the shaped
// texts, the hyphenation patterns loaded, the message catalogues read.
struct Typesetting {
  Typesetting(const text::FontLibrary& fonts, const BuildOptions& options)
      : cache(fonts), catalogs(options.messages) {}
  text::ShapeCache cache;
  Hyphenators hyphenators;
  messages::Catalogs catalogs;
};

// Reads the inputs; the withheld line comes from `catalogs` unless
// dossier.toml words it. Throws before anything is written when a letter
// lacks its recipient's salutation.
Inputs load_inputs(const BuildOptions& options, messages::Catalogs& catalogs);

// The line printed for a withheld name: dossier.toml's [privacy] withheld,
// else `words`' privacy.withheld. Build and check alike, before the
// export is read (redaction prints it).
void word_withheld_names(ingest::Config& config, const messages::Catalog& words);

// The sections' context in the dossier's language, mirrored for a right to
// left one; warns once when that language has no catalogue.
Context context_for(Typesetting& typesetting, const Inputs& in, const BuildOptions& options);

// The languages set without hyphenation, named once on `progress`.
void report_hyphenation(const Hyphenators& hyphenators, const BuildOptions& options);

// The documents' date: dossier.toml's, else SOURCE_DATE_EPOCH, never the
// clock; empty without either.
std::string iso_now_free_date(const ingest::Config& c);

}  // namespace dossier::book
