#include <fmt/format.h>
#include <hyphen.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>

#include "layout/layout.h"

namespace dossier::layout {

namespace {
struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// The word in lower case, or nullopt if it is not all letters or a
// letter's lower case is of another length in UTF-8 (the byte offsets of
// the points must be the word's own).
std::optional<std::string> lower_case_letters(std::string_view word) {
  std::string lower;
  int32_t i = 0, n = static_cast<int32_t>(word.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(word.data(), i, n, c);
    if (c < 0 || !u_isalpha(c)) return std::nullopt;
    UChar32 l = u_tolower(c);
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, l);
    if (len != U8_LENGTH(c)) return std::nullopt;
    lower.append(buf, static_cast<std::size_t>(len));
  }
  return lower;
}

// The byte offset of each character of UTF-8 text.
std::vector<std::size_t> character_starts(const std::string& utf8) {
  std::vector<std::size_t> starts;
  for (std::size_t b = 0; b < utf8.size(); ++b) {
    if ((static_cast<unsigned char>(utf8[b]) & 0xC0) != 0x80) starts.push_back(b);
  }
  return starts;
}

// Re-encodes a word of `chars` letters in the dictionary's 8-bit charset,
// one byte a letter. False if the charset lacks one of its letters: the
// word is then left whole.
bool to_charset(UConverter* charset, std::string& word, std::size_t chars) {
  std::string encoded(chars * 4 + 1, '\0');
  UErrorCode err = U_ZERO_ERROR;
  ucnv_reset(charset);
  ucnv_setFromUCallBack(charset, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  UErrorCode conv = U_ZERO_ERROR;
  const auto n8 =
      ucnv_fromAlgorithmic(charset, UCNV_UTF8, encoded.data(), static_cast<int32_t>(encoded.size()),
                           word.data(), static_cast<int32_t>(word.size()), &conv);
  if (U_FAILURE(err) || U_FAILURE(conv) || static_cast<std::size_t>(n8) != chars) return false;
  word.assign(encoded.data(), static_cast<std::size_t>(n8));
  return true;
}

// libhyphen's hyphenation digits for a word in the dictionary's encoding,
// or nullopt where it gives none to use.
std::optional<std::vector<char>> hyphenation_digits(HyphenDict* dict, const std::string& word) {
  std::vector<char> hyphens(word.size() + 5, '0');
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  int rc = hnj_hyphen_hyphenate2(dict, word.c_str(), static_cast<int>(word.size()), hyphens.data(),
                                 nullptr, &rep, &pos, &cut);
  if (rep) {
    // Non-standard hyphenation (it changes the spelling: German "Schiffahrt")
    // is not used: the word is left whole.
    for (std::size_t k = 0; k < word.size(); ++k) std::free(rep[k]);
    std::free(rep);
    std::free(pos);
    std::free(cut);
    return std::nullopt;
  }
  if (rc != 0) return std::nullopt;
  return hyphens;
}

}  // namespace

struct Hyphenator::Dict {
  HyphenDict* dict = nullptr;
  // Debian's pattern files are in their language's old 8-bit charset where
  // they are not UTF-8 (hyph_de_DE ISO8859-1, hyph_ru_RU KOI8-R, hyph_pl_PL
  // ISO8859-2): words go to libhyphen in that charset, a byte a letter.
  std::unique_ptr<UConverter, ConverterCloser> charset;
  ~Dict() {
    if (dict) hnj_hyphen_free(dict);
  }
};

std::optional<std::filesystem::path> hyphenation_patterns(std::string_view language,
                                                          const std::filesystem::path& dir) {
  // "de", "de-CH", "pt_BR": the language, then its region if given.
  std::string lang(language.substr(0, language.find_first_of("-_")));
  std::transform(lang.begin(), lang.end(), lang.begin(), [](char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  if (lang.empty()) return std::nullopt;
  std::string region;
  if (auto at = language.find_first_of("-_"); at != std::string_view::npos) {
    region = std::string(language.substr(at + 1, 2));
    std::transform(region.begin(), region.end(), region.begin(), [](char c) {
      return static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    });
  }
  // The language's own country first (de_DE, ru_RU, be_BY), US English for
  // plain "en" as the letter has always been set.
  const std::map<std::string, std::string> home{
      {"en", "US"}, {"de", "DE"}, {"fr", "FR"}, {"es", "ES"}, {"it", "IT"}, {"nl", "NL"},
      {"pl", "PL"}, {"ru", "RU"}, {"be", "BY"}, {"uk", "UA"}, {"pt", "PT"}, {"cs", "CZ"}};
  std::vector<std::string> names;
  if (!region.empty()) names.push_back("hyph_" + lang + "_" + region + ".dic");
  if (auto it = home.find(lang); it != home.end()) {
    names.push_back("hyph_" + lang + "_" + it->second + ".dic");
  }
  names.push_back("hyph_" + lang + ".dic");
  for (const auto& name : names) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(dir / name, ec)) return dir / name;
  }
  // Any file of the language, in name order.
  std::vector<std::filesystem::path> found;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const auto f = e.path().filename().string();
    if (f.starts_with("hyph_" + lang + "_") && f.ends_with(".dic")) found.push_back(e.path());
  }
  std::sort(found.begin(), found.end());
  if (!found.empty()) return found.front();
  return std::nullopt;
}

Hyphenator::Hyphenator(const std::filesystem::path& dictionary) : dict_(std::make_unique<Dict>()) {
  dict_->dict = hnj_hyphen_load(dictionary.c_str());
  if (!dict_->dict) {
    throw LayoutError(
        fmt::format("cannot load hyphenation patterns {} (install Debian's hyphen-* packages with "
                    "scripts/install-deps)",
                    dictionary.string()));
  }
  if (!dict_->dict->utf8) {
    UErrorCode err = U_ZERO_ERROR;
    dict_->charset.reset(ucnv_open(dict_->dict->cset, &err));
    if (U_FAILURE(err)) {
      throw LayoutError(fmt::format("hyphenation patterns {}: unknown charset {}",
                                    dictionary.string(), dict_->dict->cset));
    }
  }
}

Hyphenator::~Hyphenator() = default;

std::vector<std::size_t> Hyphenator::points(std::string_view word) const {
  // libhyphen wants lower-case letters only; words with digits, marks or
  // punctuation inside are left whole.
  auto lower = lower_case_letters(word);
  if (!lower || lower->size() < 5) return {};
  const auto starts = character_starts(*lower);
  const std::size_t chars = starts.size();
  if (dict_->charset && !to_charset(dict_->charset.get(), *lower, chars)) return {};
  const auto hyphens = hyphenation_digits(dict_->dict, *lower);
  if (!hyphens) return {};
  // (*hyphens)[k] odd: a hyphen may follow character k (libhyphen counts
  // characters, not bytes, with a UTF-8 dictionary, and an 8-bit charset
  // has a byte a character). Keep two letters before and three after (the
  // patterns' LEFTHYPHENMIN/RIGHTHYPHENMIN).
  std::vector<std::size_t> out;
  for (std::size_t k = 1; k + 3 < chars; ++k) {
    if (((*hyphens)[k] - '0') & 1) out.push_back(starts[k + 1]);
  }
  return out;
}

}  // namespace dossier::layout
