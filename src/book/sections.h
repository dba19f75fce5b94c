// Internal to the book stage: the sections of a volume, each laid out on
// its own pages (running headers and footers are added by the volume).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "layout/layout.h"
#include "messages/messages.h"

namespace dossier::book {

// The hyphenation patterns of each language a run sets text in, loaded
// when first asked for; the languages Debian has none for are remembered,
// to be named once in the build's output.
class Hyphenators {
 public:
  // Null for a language without patterns: set without hyphenation.
  const layout::Hyphenator* for_language(const std::string& language);
  const std::vector<std::string>& without_patterns() const { return missing_; }

 private:
  std::map<std::string, std::unique_ptr<layout::Hyphenator>> loaded_;
  std::vector<std::string> missing_;
};

struct Context {
  const ingest::Config& config;
  text::ShapeCache& cache;
  Hyphenators& hyphenators;
  layout::Geometry geometry;
  // The dossier's words in its language, and each letter's language's.
  messages::Catalogs& catalogs;
  const messages::Catalog& words;
};

// Says what of the letters is not set (raw HTML, a picture without
// alternative text), with its file and line, through `warn`.
void warn_about_letters(const std::vector<ingest::LetterTemplate>& letters,
                        const std::function<void(const std::string&)>& warn);

// Whether text in `language` (BCP 47), or text whose first strong
// character is right to left (UAX #9 P2-P3), is set right to left.
bool right_to_left(const std::string& language, const std::string& text);

// Each section of a volume is a Sect of its own in the structure tree
// (its number tells them apart); each letter of a recipient is one.
enum class SectionId : std::uint32_t {
  Cover = 1,
  Parliamentarians,
  Signatures,
  Summary,
  FirstLetter = 100,
};
layout::Tag section_tag(SectionId id, std::size_t offset = 0);

struct Figures {
  std::size_t parliamentarians = 0;
  std::size_t parliament_countries = 0;
  std::uint64_t signatures = 0;
  bool synthetic = false;
};

// A section's pages and the bookmarks inside it (page index within the
// section).
struct Section {
  std::vector<layout::Page> pages;
  std::vector<std::pair<std::string, std::size_t>> marks;
};

// `part_line` ("Volume 2 · Part 1 of 3") for a volume cut into parts.
Section cover(const Context& ctx, const ingest::Recipient& recipient, const Figures& figures,
              const std::string& part_line);
Section letter(const Context& ctx, const ingest::Recipient& recipient,
               const std::vector<ingest::LetterTemplate>& letters, const Figures& figures);
Section parliamentarians(const Context& ctx, const std::vector<ingest::Signatory>& signatories);
Section summary(const Context& ctx, const std::map<std::string, std::uint64_t>& by_country,
                std::uint64_t total);

using ingest::grouped;

}  // namespace dossier::book
