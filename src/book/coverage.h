// Internal to the book stage: which texts of a dossier draw a character
// that no installed font covers, found the same way by `build` (from the
// shaped texts it draws) and `check` (by itemising, without shaping).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "book/book.h"
#include "layout/layout.h"

namespace dossier::book {

// How `text` set in `style` is itemised: its scripts and fonts, and the
// characters no font covers.
using ItemiseOf = std::function<text::Itemisation(const std::string& text, const text::Style&)>;

// The same, read off a text already shaped.
text::Itemisation itemisation_of(const text::ShapedText& shaped);

// Per script of the names: how many names use it, and in which fonts.
struct ScriptTally {
  std::map<std::string, std::pair<std::uint64_t, std::set<text::FontId>>> scripts;
};

// "Berlin · Germany": the line under a signer's name.
std::string place_line(const ingest::Signature& s);
// The same with the country's name already looked up (ingest::country_name
// asks ICU each time: a layout of many signatures looks each code up once).
std::string place_line(const ingest::Signature& s, const std::string& country_name);

// Every signature whose name or place line misses a glyph, in number order;
// with `tally`, also the scripts of the names.
std::vector<UncoveredText> signature_coverage(const std::vector<ingest::Signature>& signatures,
                                              const ItemiseOf& itemise_of,
                                              ScriptTally* tally = nullptr);

// Every other text on these pages (cover, letter, headings, summary) that
// misses a glyph, each distinct text once, appended to `out`.
void add_page_coverage(const std::vector<layout::Page>& pages, const std::string& where,
                       std::vector<UncoveredText>& out);

// coverage.csv: one row per missing character of each text (number, where,
// text, character as "U+XXXX NAME", its script). Always written, so that an
// empty report says "nothing missing" rather than "not checked".
void write_coverage(const std::filesystem::path& file, const std::vector<UncoveredText>& texts);

// Signatures among `texts` (number > 0), each counted once.
std::uint64_t signatures_affected(const std::vector<UncoveredText>& texts);

}  // namespace dossier::book
