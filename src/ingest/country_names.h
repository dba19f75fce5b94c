// Country names: values as petition exports hold them ("DE",
// "Deutschland", "Schweiz", "Polska", "Türkiye") turned into ISO 3166-1
// alpha-2 codes (internal to the ingest stage), and a code's English name
// as the volumes print it.
#pragma once

#include <set>
#include <string>
#include <unordered_map>

namespace dossier::ingest {

// "Germany" for "DE" (English display name from ICU); the code itself when
// ICU does not know it.
std::string country_name(const std::string& code);

class CountryNames {
 public:
  // Builds the table from ICU's locale data (a few thousand names; a few
  // milliseconds): for every region ICU knows, its display names in
  // English, German, French, Italian and Spanish, in each language spoken
  // there (every ICU locale of that region, and its likely language), the
  // short and variant forms ("UK", "Czech Republic"), and its alpha-3 code.
  CountryNames();

  // The alpha-2 code for an ISO code (either case) or a name, compared
  // case- and accent-insensitively; empty when nothing matches, or when a
  // name means different countries in different languages.
  std::string code(const std::string& value) const;

 private:
  void add(const std::string& name, const std::string& code, int tier);

  std::set<std::string> codes_;
  struct Entry {
    std::string code;  // empty: ambiguous
    int tier = 0;      // lower wins: primary names, own languages, other forms
  };
  std::unordered_map<std::string, Entry> by_key_;
};

}  // namespace dossier::ingest
