#include <fmt/format.h>
#include <hyphen.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdlib>
#include <stdexcept>

#include "layout/layout.h"

namespace dossier::layout {

struct Hyphenator::Dict {
  HyphenDict* dict = nullptr;
  ~Dict() {
    if (dict) hnj_hyphen_free(dict);
  }
};

Hyphenator::Hyphenator(const std::filesystem::path& dictionary) : dict_(std::make_unique<Dict>()) {
  dict_->dict = hnj_hyphen_load(dictionary.c_str());
  if (!dict_->dict) {
    throw std::runtime_error(fmt::format(
        "cannot load hyphenation patterns {} (install hyphen-en-us with scripts/install-deps)",
        dictionary.string()));
  }
}

Hyphenator::~Hyphenator() = default;

std::vector<std::size_t> Hyphenator::points(std::string_view word) const {
  std::vector<std::size_t> out;
  // libhyphen wants lower-case letters only; words with digits, marks or
  // punctuation inside are left whole.
  std::string lower;
  int32_t i = 0, n = static_cast<int32_t>(word.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(word.data(), i, n, c);
    if (c < 0 || !u_isalpha(c)) return out;
    UChar32 l = u_tolower(c);
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, l);
    if (len != U8_LENGTH(c)) return out;  // byte offsets must stay aligned
    lower.append(buf, static_cast<std::size_t>(len));
  }
  if (lower.size() < 5) return out;
  std::vector<char> hyphens(lower.size() + 5, '0');
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  int rc = hnj_hyphen_hyphenate2(dict_->dict, lower.c_str(), static_cast<int>(lower.size()),
                                 hyphens.data(), nullptr, &rep, &pos, &cut);
  if (rep) {
    // Non-standard hyphenation (changes spelling) is not used for English.
    for (std::size_t k = 0; k < lower.size(); ++k) std::free(rep[k]);
    std::free(rep);
    std::free(pos);
    std::free(cut);
    return out;
  }
  if (rc != 0) return out;
  // hyphens[k] odd: a hyphen may follow character k (libhyphen counts
  // characters, not bytes, with a UTF-8 dictionary). Keep two letters
  // before and three after (the patterns' LEFTHYPHENMIN/RIGHTHYPHENMIN).
  std::vector<std::size_t> starts;  // byte offset of each character
  for (std::size_t b = 0; b < lower.size(); ++b) {
    if ((static_cast<unsigned char>(lower[b]) & 0xC0) != 0x80) starts.push_back(b);
  }
  const std::size_t chars = starts.size();
  for (std::size_t k = 1; k + 3 < chars; ++k) {
    if ((hyphens[k] - '0') & 1) out.push_back(starts[k + 1]);
  }
  return out;
}

}  // namespace dossier::layout
