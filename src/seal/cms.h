// Internal to the seal stage: the CMS SignedData (RFC 5652) of a PAdES
// baseline signature, CAdES-detached over the PDF's byte range. Signed
// attributes: content type, message digest and the ESS signing-certificate-
// v2 (RFC 5035); no signing time, which PAdES puts in the signature
// dictionary's /M instead. Unsigned: the signature timestamp, when there
// is one.
#pragma once

#include <string>

#include "seal/key_file.h"

namespace dossier::seal {

// The signed attributes, DER-encoded as the SET OF that is signed.
std::string signed_attributes(const X509* signer, const std::string& content_sha256);

// The signer's signature over `attributes` (SHA-256; PKCS #1 v1.5 for RSA,
// ECDSA for EC).
std::string sign_attributes(const Identity& identity, const std::string& attributes);

// The whole ContentInfo. `timestamp_token` (a DER ContentInfo from the
// authority) is added as the signature-timestamp attribute unless empty.
std::string signed_data(const Identity& identity, const std::string& attributes,
                        const std::string& signature, const std::string& timestamp_token);

}  // namespace dossier::seal
