// Names a configuration refers to: the nearest known key to a slip of the
// keyboard, and ISO 3166 country codes.
#include <unicode/uregion.h>

#include <algorithm>
#include <string>

#include "config/config.h"

namespace dossier::config {
namespace {

// Optimal string alignment distance: insertions, deletions, substitutions
// and transpositions of neighbours ("defualt") each cost one.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

}  // namespace

std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  // One slip in a short word, two in a longer one, three in a long one:
  // beyond that a suggestion is more likely to mislead than to help.
  const std::size_t allowed = word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : 3;
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  const auto w = lower(word);
  for (const auto& c : candidates) {
    auto d = edit_distance(w, lower(c));
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

bool is_country_code(std::string_view code) {
  if (code.size() != 2) return false;
  const std::string c(code);
  UErrorCode err = U_ZERO_ERROR;
  const URegion* region = uregion_getRegionFromCode(c.c_str(), &err);
  if (U_FAILURE(err) || region == nullptr) return false;
  // A deprecated code (BU for Myanmar) resolves to today's region: only a
  // code that is its region's own names what signers' exports hold.
  return uregion_getType(region) == URGN_TERRITORY && c == uregion_getRegionCode(region);
}

}  // namespace dossier::config
