#include "ingest/country_names.h"

#include <unicode/locid.h>
#include <unicode/udata.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>

#include <map>
#include <memory>

#include "ingest/match_key.h"

namespace dossier::ingest {
namespace {

// The languages campaign staff write in, whatever the signer's country.
constexpr const char* kStaffLanguages[] = {"en", "de", "fr", "it", "es"};
constexpr int kPrimary = 0, kOwnLanguage = 1, kOtherForm = 2;

std::string display_name(const std::string& code, const char* language) {
  icu::UnicodeString name;
  icu::Locale("", code.c_str()).getDisplayCountry(icu::Locale(language), name);
  std::string out;
  name.toUTF8String(out);
  return out == code ? std::string() : out;  // ICU falls back to the code
}

struct BundleClose {
  void operator()(UResourceBundle* b) const { ures_close(b); }
};
using Bundle = std::unique_ptr<UResourceBundle, BundleClose>;

// ICU's short and variant region names of one language ("UK", "Czech
// Republic", "Ivory Coast"), from its region data tables.
std::map<std::string, std::string> other_forms(const char* language) {
  std::map<std::string, std::string> out;
  UErrorCode err = U_ZERO_ERROR;
  Bundle root(ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "region", language, &err));
  if (U_FAILURE(err)) return out;
  for (const char* table : {"Countries%short", "Countries%variant"}) {
    UErrorCode e = U_ZERO_ERROR;
    Bundle forms(ures_getByKey(root.get(), table, nullptr, &e));
    if (U_FAILURE(e)) continue;
    while (ures_hasNext(forms.get())) {
      UErrorCode ee = U_ZERO_ERROR;
      Bundle item(ures_getNextResource(forms.get(), nullptr, &ee));
      if (U_FAILURE(ee)) break;
      int32_t len = 0;
      const UChar* s = ures_getString(item.get(), &len, &ee);
      const char* key = ures_getKey(item.get());
      if (U_FAILURE(ee) || !key) continue;
      std::string name;
      icu::UnicodeString(s, len).toUTF8String(name);
      out.emplace(name, key);
    }
  }
  return out;
}

}  // namespace

std::string country_name(const std::string& code) {
  if (code.empty()) return {};
  icu::Locale locale("", code.c_str());
  icu::UnicodeString name;
  locale.getDisplayCountry(icu::Locale::getEnglish(), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? code : out;
}

CountryNames::CountryNames() {
  for (const char* const* c = uloc_getISOCountries(); *c; ++c) codes_.insert(*c);

  // The languages of each region: those of ICU's locales for it, and the
  // likely one (ICU's likely-subtags data: und_PL is pl_Latn_PL).
  std::map<std::string, std::set<std::string>> languages;
  for (int32_t i = 0; i < uloc_countAvailable(); ++i) {
    icu::Locale l(uloc_getAvailable(i));
    if (*l.getCountry() && codes_.count(l.getCountry())) {
      languages[l.getCountry()].insert(l.getLanguage());
    }
  }
  for (const auto& code : codes_) {
    UErrorCode err = U_ZERO_ERROR;
    char likely[ULOC_FULLNAME_CAPACITY];
    uloc_addLikelySubtags(("und_" + code).c_str(), likely, sizeof likely, &err);
    if (U_SUCCESS(err)) languages[code].insert(icu::Locale(likely).getLanguage());
  }

  for (const auto& code : codes_) {
    for (const char* language : kStaffLanguages) add(display_name(code, language), code, kPrimary);
    for (const auto& language : languages[code]) {
      add(display_name(code, language.c_str()), code, kOwnLanguage);
    }
    add(icu::Locale("", code.c_str()).getISO3Country(), code, kOtherForm);
  }
  for (const char* language : kStaffLanguages) {
    for (const auto& [name, code] : other_forms(language)) {
      if (codes_.count(code)) add(name, code, kOtherForm);
    }
  }
}

void CountryNames::add(const std::string& name, const std::string& code, int tier) {
  if (name.empty()) return;
  auto key = match_key(name);
  if (key.empty()) return;
  auto [it, fresh] = by_key_.try_emplace(key, Entry{code, tier});
  if (fresh || it->second.code == code) {
    it->second.tier = std::min(it->second.tier, tier);
    return;
  }
  if (tier < it->second.tier) {
    it->second = {code, tier};
  } else if (tier == it->second.tier) {
    it->second.code.clear();  // one name, two countries: not a match
  }
}

std::string CountryNames::code(const std::string& value) const {
  if (value.size() == 2) {
    std::string upper = value;
    for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (codes_.count(upper)) return upper;
  }
  auto it = by_key_.find(match_key(value));
  return it == by_key_.end() ? std::string() : it->second.code;
}

}  // namespace dossier::ingest
