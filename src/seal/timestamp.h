// Internal to the seal stage: RFC 3161 signature timestamps. A request
// goes to the authority over HTTP (the only network access of the
// project, and only when a URL is given); a token, whether just received
// or read back from a sealed file, is checked to be signed by the
// certificate it carries and to be over the expected digest.
#pragma once

#include <string>
#include <vector>

namespace dossier::seal {

struct Timestamp {
  std::string token;      // DER ContentInfo (SignedData over a TSTInfo)
  std::string time;       // genTime, ISO 8601 UTC ("2026-12-06T23:41:05Z")
  std::string authority;  // the TSTInfo's tsa name, else its signer's subject
  std::string imprint;    // the SHA-256 digest it is over, raw bytes
};

// Asks the authority at `url` for a timestamp over `sha256` (32 raw
// bytes), with a fresh nonce, its certificate included. Throws SealError
// when it cannot be reached, answers with something else than a granted
// timestamp, or its token is not over this digest and nonce.
Timestamp request_timestamp(const std::string& url, const std::string& sha256);

// Reads and checks a token: its signature by the certificate it carries
// (not that certificate's trust: the caller decides). Throws SealError.
Timestamp read_timestamp(const std::string& token);

// The certificates a token carries (its signer first when known), DER.
std::vector<std::string> timestamp_certificates(const std::string& token);

}  // namespace dossier::seal
