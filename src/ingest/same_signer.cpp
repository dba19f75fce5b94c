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

SignerKeys::SignerKeys(bool merge, bool by_email) : merge_(merge), by_email_(by_email) {}

SignerKey SignerKeys::key(const Signature& s, std::string_view email) {
  SignerKey key;
  if (!merge_) return key;
  if (by_email_) {
    std::size_t first = 0, last = email.size();
    while (first < last && is_space(email[first])) ++first;
    while (last > first && is_space(email[last - 1])) --last;
    if (first < last) {
      // The SHA-256 of the address in its compared form: its bytes are
      // needed only to tell whether two rows share one.
      if (!digester_) digester_.emplace();
      key.kind = SignerKey::Kind::Address;
      key.address = digester_->digest(fold_case(email.substr(first, last - first)));
      return key;
    }
  }
  key.kind = SignerKey::Kind::Name;
  key.name = fold_case(s.name) + '\x1f' + fold_case(s.city) + '\x1f' + s.country;
  return key;
}

SameSigner::SameSigner(bool merge, bool by_email) : merge_(merge), by_email_(by_email) {}

std::optional<std::size_t> SameSigner::earlier(SignerKey key, std::size_t index) {
  switch (key.kind) {
    case SignerKey::Kind::None:
      return std::nullopt;
    case SignerKey::Kind::Address:
      return addresses_.find_or_add(key.address, index);
    case SignerKey::Kind::Name:
      break;
  }
  auto [at, fresh] = names_.emplace(std::move(key.name), index);
  if (fresh) return std::nullopt;
  return at->second;
}

namespace {

// Where a digest's probe starts, and the tag that tells most other digests
// from it without reading them: two different parts of the digest, whose
// bits are uniformly spread already.
std::size_t home_slot(const digest::Sha256Digester::Digest& digest, std::size_t mask) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, digest.data(), sizeof bits);
  return static_cast<std::size_t>(bits) & mask;
}

std::uint32_t tag_of(const digest::Sha256Digester::Digest& digest) {
  std::uint32_t bits = 0;
  std::memcpy(&bits, digest.data() + sizeof(std::uint64_t), sizeof bits);
  return bits;
}

}  // namespace

std::optional<std::size_t> SameSigner::AddressIndex::find_or_add(const Digest& digest,
                                                                 std::size_t index) {
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  const std::uint32_t tag = tag_of(digest);
  for (std::size_t i = home_slot(digest, mask);; i = (i + 1) & mask) {
    auto& slot = slots_[i];
    if (slot.entry_plus_one == 0) {
      entries_.push_back({digest, index});
      slot = {tag, static_cast<std::uint32_t>(entries_.size())};
      return std::nullopt;
    }
    if (slot.tag == tag) {
      const auto& entry = entries_[slot.entry_plus_one - 1];
      if (entry.digest == digest) return entry.index;
    }
  }
}

void SameSigner::AddressIndex::grow() {
  constexpr std::size_t kFirstSize = 1024;
  slots_.assign(std::max(kFirstSize, slots_.size() * 2), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t e = 0; e < entries_.size(); ++e) {
    const auto& digest = entries_[e].digest;
    std::size_t i = home_slot(digest, mask);
    while (slots_[i].entry_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = {tag_of(digest), static_cast<std::uint32_t>(e + 1)};
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
