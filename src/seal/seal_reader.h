// The seal stage's reading side, for verify: what the seal of a sealed
// file says, and whether it holds. Checked here: the signature over its
// byte range (which must run to the end of the seal's revision, /Contents
// alone left out), the ESS signing-certificate-v2 attribute naming the
// signer's certificate, the timestamp's imprint and signature, the
// certificates against trust anchors when given, and that nothing after
// the seal's revision changes anything but validation data (/DSS).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dossier::seal {

struct SealCheck {
  std::string level;  // "B-B", "B-T", "B-LT"
  std::string signer, signer_sha256;
  std::string signing_time;                         // ISO 8601, from /M
  std::string timestamp_time, timestamp_authority;  // empty without a timestamp
  // SHA-256 (hex) of the bytes before the seal's update: the build's file.
  std::string unsealed_sha256;
  // Against the trust anchors: nullopt when none were given.
  std::optional<bool> trusted;
  std::vector<std::string> problems;  // each a sentence; empty: the seal holds
};

// Throws SealError when `file` holds no certificate to trust.
void check_trust_file(const std::filesystem::path& file);

// nullopt when the file has no signature field. Throws SealError when the
// trust anchors cannot be read.
std::optional<SealCheck> check_seal(const std::string& bytes,
                                    const std::optional<std::filesystem::path>& trust);

}  // namespace dossier::seal
