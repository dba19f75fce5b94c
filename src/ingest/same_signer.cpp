#include "ingest/same_signer.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "digest/sha256.h"
#include "ingest/match_key.h"

namespace dossier::ingest {
namespace {

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
      // The SHA-256 of the address in its compared form: its bytes are
      // needed only to tell whether two rows share one.
      if (!digester_) digester_.emplace();
      return addresses_.find_or_add(digester_->digest(fold_case(email.substr(first, last - first))),
                                    index);
    }
  }
  return remember(names_, fold_case(s.name) + '\x1f' + fold_case(s.city) + '\x1f' + s.country);
}

namespace {

// Where a digest's probe starts: its first bytes, already uniformly spread.
std::size_t home_slot(const digest::Sha256Digester::Digest& digest, std::size_t mask) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, digest.data(), sizeof bits);
  return static_cast<std::size_t>(bits) & mask;
}

}  // namespace

std::optional<std::size_t> SameSigner::AddressIndex::find_or_add(const Digest& digest,
                                                                 std::size_t index) {
  if ((used_ + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = home_slot(digest, mask);; i = (i + 1) & mask) {
    auto& slot = slots_[i];
    if (slot.index_plus_one == 0) {
      slot = {digest, index + 1};
      ++used_;
      return std::nullopt;
    }
    if (slot.digest == digest) return slot.index_plus_one - 1;
  }
}

void SameSigner::AddressIndex::grow() {
  constexpr std::size_t kFirstSize = 1024;
  std::vector<Slot> old = std::exchange(slots_, {});
  slots_.resize(std::max(kFirstSize, old.size() * 2));
  const std::size_t mask = slots_.size() - 1;
  for (const auto& slot : old) {
    if (slot.index_plus_one == 0) continue;
    std::size_t i = home_slot(slot.digest, mask);
    while (slots_[i].index_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
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
