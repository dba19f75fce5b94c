// A throw-away public key infrastructure for the seal tests, made with the
// openssl command line: a root CA, the campaign's sealing certificate
// (keyUsage digitalSignature and nonRepudiation, no extended key usage)
// in a password-protected PKCS#12 file, a timestamping authority's
// certificate (extended key usage timeStamping, critical), a CRL, and a
// second CA that trusts none of them. Plus a local RFC 3161 authority
// (tests/seal/tsa_server.py) on 127.0.0.1.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "support/process.h"

namespace dossier::test {

class SealPki {
 public:
  // Throws std::runtime_error with openssl's message when a step fails.
  SealPki();
  const std::filesystem::path& dir() const { return dir_.path(); }
  std::filesystem::path ca() const { return dir() / "ca.pem"; }
  std::filesystem::path other_ca() const { return dir() / "other-ca.pem"; }
  std::filesystem::path key() const { return dir() / "org.p12"; }
  std::filesystem::path password_file() const { return dir() / "password.txt"; }
  std::string password() const { return "correct horse"; }
  std::filesystem::path crl() const { return dir() / "ca.crl"; }
  std::filesystem::path config() const { return dir() / "pki.cnf"; }
  std::filesystem::path org_key() const { return dir() / "org.key"; }
  std::filesystem::path org_cert() const { return dir() / "org.pem"; }
  std::filesystem::path other_key() const { return dir() / "other-ca.key"; }
  // An NSS database (for pdfsig -nssdir) that trusts the CA.
  std::string nss_dir() const { return "sql:" + (dir() / "nss").string(); }

 private:
  TempDir dir_;
};

// The local timestamping authority, running while this object lives.
class TsaServer {
 public:
  enum class Mode { Answer, Refuse, Slow };
  TsaServer(const SealPki& pki, Mode mode = Mode::Answer);
  ~TsaServer();
  TsaServer(const TsaServer&) = delete;
  TsaServer& operator=(const TsaServer&) = delete;
  std::string url() const { return url_; }

 private:
  pid_t pid_ = -1;
  std::string url_;
};

}  // namespace dossier::test
