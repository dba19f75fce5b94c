// Internal to the ingest stage: which rows are the same signer, counted
// the way petition platforms count them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "digest/sha256.h"
#include "ingest/ingest.h"

namespace dossier::ingest {

// What rows of one signer have in common: the same address (trimmed,
// case-insensitive) or, without one, the same name, city and country after
// ICU case folding. The address is kept only as its SHA-256 digest.
struct SignerKey {
  enum class Kind { None, Address, Name } kind = Kind::None;  // None: never a duplicate
  digest::Sha256Digester::Digest address{};
  std::string name;  // folded name, city and country
};

// Makes the keys of rows. It depends on the row alone, so rows may be
// keyed on another thread than the one that compares them (each thread
// with its own SignerKeys: the digester is scratch).
class SignerKeys {
 public:
  // `merge` false: every row is its own signer (--keep-duplicates).
  // `by_email`: the export has an e-mail column, and a signer is their
  // address; rows without one fall back to the name rule.
  SignerKeys(bool merge, bool by_email);

  SignerKey key(const Signature& s, std::string_view email);

 private:
  bool merge_;
  bool by_email_;
  std::optional<digest::Sha256Digester> digester_;  // made for the first address
};

class SameSigner {
 public:
  SameSigner(bool merge, bool by_email);

  // The keys of this rule, for whichever thread reads the rows.
  SignerKeys keys() const { return SignerKeys(merge_, by_email_); }

  // Whether an earlier row had the same key. Returns the index the earlier
  // row was kept under (so the caller can merge what the rows say, such as
  // consent); else remembers this row under `index` and returns nullopt.
  // Address digests are held in memory for as long as this object lives,
  // and never written.
  std::optional<std::size_t> earlier(SignerKey key, std::size_t index);

  // The rule, as the manifest records it.
  std::string rule() const;

 private:
  using Digest = digest::Sha256Digester::Digest;

  // The digests of the addresses seen and the index each was kept under.
  // The digests are stored in arrival order; an open-addressing table of
  // 8-byte slots (a few bits of the digest, which is a uniform hash
  // already, and where the digest is stored) finds them. A node per
  // address, or 40-byte slots, made every look-up a string of cache
  // misses and page faults.
  class AddressIndex {
   public:
    // The index kept under `digest`; else stores `index` under it and
    // returns nullopt.
    std::optional<std::size_t> find_or_add(const Digest& digest, std::size_t index);

   private:
    struct Entry {
      Digest digest;
      std::size_t index;
    };
    struct Slot {
      std::uint32_t tag = 0;
      std::uint32_t entry_plus_one = 0;  // 0: empty
    };
    void grow();

    std::vector<Entry> entries_;
    std::vector<Slot> slots_;  // a power of two, at most half full
  };

  bool merge_;
  bool by_email_;
  AddressIndex addresses_;
  std::unordered_map<std::string, std::size_t> names_;
};

}  // namespace dossier::ingest
