#include "ingest/same_signer.h"

#include "digest/sha256.h"
#include "ingest/match_key.h"

namespace dossier::ingest {
namespace {

// The SHA-256 of an address in its compared form: its bytes are needed
// only to tell whether two rows share one.
std::string address_digest(std::string_view trimmed_folded) {
  return digest::sha256(trimmed_folded);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

SameSigner::SameSigner(bool merge, bool by_email) : merge_(merge), by_email_(by_email) {}

std::optional<std::size_t> SameSigner::earlier(const Signature& s, std::string_view email,
                                               std::size_t index) {
  if (!merge_) return std::nullopt;
  auto remember = [&](std::unordered_map<std::string, std::size_t>& seen,
                      std::string key) -> std::optional<std::size_t> {
    auto [at, fresh] = seen.emplace(std::move(key), index);
    if (fresh) return std::nullopt;
    return at->second;
  };
  if (by_email_) {
    std::size_t first = 0, last = email.size();
    while (first < last && is_space(email[first])) ++first;
    while (last > first && is_space(email[last - 1])) --last;
    if (first < last) {
      return remember(addresses_, address_digest(fold_case(email.substr(first, last - first))));
    }
  }
  return remember(names_, fold_case(s.name) + '\x1f' + fold_case(s.city) + '\x1f' + s.country);
}

std::string SameSigner::rule() const {
  if (!merge_) return "none: every row kept (--keep-duplicates)";
  if (by_email_) {
    return "same e-mail address (trimmed, case-insensitive); rows without one: same name, city "
           "and country (case-folded)";
  }
  return "same name, city and country (case-folded)";
}

}  // namespace dossier::ingest
