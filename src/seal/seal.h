// The seal stage: a PAdES signature (ETSI EN 319 142-1, baseline B-B, with
// a timestamp B-T, with validation data B-LT) added to a PDF this project
// wrote, as incremental updates that leave every byte of the build as it
// was. The key is an organisation's certificate and private key in a
// PKCS#12 file; the timestamp comes from an RFC 3161 authority over HTTP.
// What a seal holds is read back by verify (seal/seal_reader.h).
//
// This header is the stage's public surface for the book stage, which
// seals the files of an output set all together or not at all.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "errors/error.h"

namespace dossier::seal {

// What the user gave cannot seal: an unreadable key file or a wrong
// password, a key that does not match its certificate, a timestamping
// authority that cannot be reached or refuses, unreadable validation data.
// The message says which and never contains the password.
using SealError = StageError<ErrorKind::not_sealed, struct SealErrorTag>;

struct Settings {
  std::filesystem::path key;  // PKCS#12: the private key and its certificate
  // The key's password: the first line of this file, or else the
  // environment variable DOSSIER_SEAL_PASSWORD, or else none.
  std::optional<std::filesystem::path> password_file;
  std::string tsa;                                     // URL; empty: no timestamp (B-B)
  std::vector<std::filesystem::path> chain;            // PEM: more certificates to embed
  std::vector<std::filesystem::path> validation_data;  // certificates, CRLs, OCSP responses
  // The signature dictionary's /Reason, /Location, /ContactInfo ([seal]).
  std::string reason, location, contact_info;
  // The signature field's name for people (/TU), shown by screen readers.
  std::string description = "Seal";
};

// What a seal says, as the manifest records it.
struct SealRecord {
  std::string sha256;               // of the sealed file
  std::string level;                // "B-B", "B-T" or "B-LT"
  std::string signer;               // the certificate's subject, RFC 2253
  std::string signer_sha256;        // of the certificate's DER
  std::string signing_time;         // ISO 8601, UTC, as in the signature's /M
  std::string timestamp_time;       // ISO 8601, UTC; empty without a timestamp
  std::string timestamp_authority;  // the authority's name; empty without one
};

class Sealer {
 public:
  // Reads the key, the chain and the validation data; throws SealError.
  explicit Sealer(const Settings& settings);
  ~Sealer();
  Sealer(const Sealer&) = delete;
  Sealer& operator=(const Sealer&) = delete;

  // Writes `pdf` (a file of this project's, unsealed) with its seal to
  // `sealed`. Safe to call from several threads at once. Throws SealError
  // (the authority, a file that cannot be sealed), or an Error of kind
  // bad_input or not_written when a file cannot be read or written.
  SealRecord seal(const std::filesystem::path& pdf, const std::filesystem::path& sealed) const;

  // The level every seal of this sealer reaches.
  std::string level() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier::seal
