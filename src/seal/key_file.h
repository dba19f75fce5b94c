// Internal to the seal stage: the signer's key and certificates, read from
// a PKCS#12 file, and the password that opens it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "seal/openssl_handles.h"

namespace dossier::seal {

struct Identity {
  KeyPtr key;
  CertPtr cert;                // the certificate of `key`
  std::vector<CertPtr> chain;  // issuers, from the PKCS#12 file and --chain
};

// The password: the first line of `file` (its line break dropped), or the
// environment variable DOSSIER_SEAL_PASSWORD, or empty.
std::string read_password(const std::optional<std::filesystem::path>& file);

// Throws SealError: unreadable file, not PKCS#12, wrong password, no
// private key, no certificate that belongs to the key, a key type the
// seal cannot sign with (RSA and EC can).
Identity load_identity(const std::filesystem::path& p12, const std::string& password,
                       const std::vector<std::filesystem::path>& chain);

// Every certificate in a PEM or DER file; throws SealError when there is
// none.
std::vector<CertPtr> read_certificates(const std::filesystem::path& file);

// The certificate's subject as people read it (RFC 2253: "CN=...,O=...").
std::string subject_of(const X509* cert);
// SHA-256 of the certificate's DER, in lower-case hex.
std::string certificate_sha256(const X509* cert);
// The certificate's DER encoding.
std::string der_of(const X509* cert);

}  // namespace dossier::seal
