// Internal to the ingest stage: which rows are the same signer, counted
// the way petition platforms count them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "digest/sha256.h"
#include "ingest/ingest.h"

namespace dossier::ingest {

class SameSigner {
 public:
  // `merge` false: every row is its own signer (--keep-duplicates).
  // `by_email`: the export has an e-mail column, and a signer is their
  // address; rows without one fall back to the name rule.
  SameSigner(bool merge, bool by_email);

  // Whether an earlier row was the same signer: the same address (trimmed,
  // case-insensitive) or, without one, the same name, city and country
  // after ICU case folding. Returns the index the earlier row was kept
  // under (so the caller can merge what the rows say, such as consent);
  // else remembers this row under `index` and returns nullopt. The address
  // is kept only as a SHA-256 digest in memory, for as long as this object
  // lives, and never written.
  std::optional<std::size_t> earlier(const Signature& s, std::string_view email, std::size_t index);

  // The rule, as the manifest records it.
  std::string rule() const;

 private:
  using Digest = digest::Sha256Digester::Digest;

  // The digests of the addresses seen and the index each was kept under,
  // in an open-addressing table: a digest is a uniform hash already, and a
  // node per address made every look-up a chain of cache misses.
  class AddressIndex {
   public:
    // The index kept under `digest`; else stores `index` under it and
    // returns nullopt.
    std::optional<std::size_t> find_or_add(const Digest& digest, std::size_t index);

   private:
    struct Slot {
      Digest digest{};
      std::size_t index_plus_one = 0;  // 0: empty
    };
    void grow();

    std::vector<Slot> slots_;  // a power of two, at most half full
    std::size_t used_ = 0;
  };

  bool merge_;
  bool by_email_;
  std::optional<digest::Sha256Digester> digester_;  // made for the first address
  AddressIndex addresses_;
  std::unordered_map<std::string, std::size_t> names_;
};

}  // namespace dossier::ingest
