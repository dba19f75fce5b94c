// The tables `dossier sample` draws from, as read from data/sample/. Private
// to the sample stage: sample.cpp draws, tables.cpp reads and checks.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sample/sample.h"

namespace dossier::sample {

// ---------------------------------------------------------------------------
// Name and place tables
//
// The dossier merges rows whose normalised name, city and country agree, so
// two strangers who share all three lose a signature. The tables are sized so
// that this stays rare: the German-speaking half draws from hundreds of given
// names and about a thousand surnames across some 800 towns, the other groups
// from 30 to 160 given names per gender, 35 to 450 surnames and 17 to 160
// towns of their own, the smallest tables going with the smallest groups.
// Within a country towns are weighted by population, so small places turn up
// about as often as their size suggests; between countries the weights keep
// the campaign's mix (the German-speaking list is about 65% Germany, 19%
// Switzerland and 16% Austria). Names are drawn uniformly; second given
// names, patronymics and double surnames appear about as often as people
// write them where that is the custom.
//
// The tables themselves are text files in data/sample/ (see its README.md):
// a draw picks by position, so the order of their lines is part of the
// output and must not be sorted.

// A name as written, and its ASCII form for e-mail addresses when that
// cannot be derived by stripping diacritics (non-Latin scripts).
struct Word {
  std::string text;
  std::string ascii;
};

// Many European surnames change with gender (Kowalski/Kowalska,
// Novák/Nováková, Иванов/Иванова, Jónsson/Jónsdóttir).
struct Surname {
  Word male;
  Word female;
};

struct City {
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2
  std::uint32_t weight;
};

// A weighted list of places. `upto[i]` is the sum of the weights of items
// 0..i, so a draw below `total` finds its place by binary search: the long
// lists of small towns would make a linear walk the slowest part of a row.
struct Cities {
  std::vector<City> items;
  std::vector<std::uint32_t> upto;
  std::uint32_t total = 0;

  void add(City city) {
    total += city.weight;
    upto.push_back(total);
    items.push_back(std::move(city));
  }
};

// Nicknames some people put in quotes between their names.
struct Nickname {
  bool female;
  std::string given;
  std::string nick;
};

// ---------------------------------------------------------------------------
// Groups

enum class Order : std::uint8_t {
  kGivenFamily,
  kFamilyGiven,  // Hungarian at home
  kVietnamese,   // family, middle, given
  kSpanish,      // given, father's surname, mother's surname
  kPortuguese,   // given names, mother's surname, father's surname
  kNoSpace,      // Chinese and Korean: family then given, no space
  kJapanese,     // family then given, with or without a space
};

enum class Ascii : std::uint8_t {
  kStored,  // non-Latin: every Word carries its romanisation
  kStrip,   // drop diacritics
  kGerman,  // ä ö ü become ae oe ue, as Germans write them in addresses
};

struct Variety {                    // each per 10,000 names
  std::uint16_t middle = 0;         // a second given name, a patronymic
  std::uint16_t double_family = 0;  // Müller-Lüdenscheidt
  std::uint16_t initial = 0;        // "A. Berg"
  std::uint16_t title = 0;          // "Dr."
  std::uint16_t comma = 0;          // "Berg, Anna", as some type into forms
  std::uint16_t nickname = 0;       // William "Bill" Smith
  std::uint16_t long_name = 0;      // compound names over 60 characters
};

struct Group {
  std::string id;
  std::uint32_t weight = 0;  // per 10,000 signatures
  Order order = Order::kGivenFamily;
  Ascii ascii = Ascii::kStrip;
  std::vector<Word> male;
  std::vector<Word> female;
  std::vector<Surname> family;
  Cities home;
  std::uint16_t abroad = 0;  // per 10,000 living in Germany or Switzerland
  Variety variety{};
  std::vector<Surname> middle;  // gendered middle names; else a second given name
  std::vector<std::string> titles;
  std::vector<Nickname> nicknames;
  // The given names of the very long compound names some Spaniards carry.
  std::vector<Word> long_male;
  std::vector<Word> long_female;
};

struct Tables::Data {
  std::vector<Group> groups;
  Cities abroad;  // where people of every group live when they live in Germany or Switzerland
};

}  // namespace dossier::sample
