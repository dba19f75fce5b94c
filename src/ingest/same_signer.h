// Internal to the ingest stage: which rows are the same signer, counted
// the way petition platforms count them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

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
  bool merge_;
  bool by_email_;
  std::unordered_map<std::string, std::size_t> addresses_;  // digest -> index
  std::unordered_map<std::string, std::size_t> names_;
};

}  // namespace dossier::ingest
