#include "seal/key_file.h"

#include <fmt/format.h>
#include <openssl/pem.h>

#include <cstdlib>

#include "files/files.h"
#include "seal/seal.h"

namespace dossier::seal {
namespace {

namespace fs = std::filesystem;

std::string hex(const unsigned char* bytes, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

std::string read_file(const fs::path& file, const char* what) {
  auto bytes = files::read_all(file);
  if (!bytes) throw SealError(fmt::format("{} {} cannot be read", what, file.string()));
  return std::move(*bytes);
}

}  // namespace

std::string read_password(const std::optional<fs::path>& file) {
  if (file) {
    auto text = read_file(*file, "the password file");
    auto end = text.find_first_of("\r\n");
    if (end != std::string::npos) text.resize(end);
    return text;
  }
  if (const char* env = std::getenv("DOSSIER_SEAL_PASSWORD")) return env;
  return {};
}

std::vector<CertPtr> read_certificates(const fs::path& file) {
  const auto bytes = read_file(file, "the certificate file");
  std::vector<CertPtr> out;
  auto bio = memory_bio(bytes);
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    out.emplace_back(cert);
  }
  ERR_clear_error();  // the end of the PEM data reads as an error
  if (out.empty()) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    if (X509* cert = d2i_X509(nullptr, &p, static_cast<long>(bytes.size()))) out.emplace_back(cert);
    ERR_clear_error();
  }
  if (out.empty()) {
    throw SealError(fmt::format("{} holds no certificate (PEM or DER)", file.string()));
  }
  return out;
}

Identity load_identity(const fs::path& p12_file, const std::string& password,
                       const std::vector<fs::path>& chain) {
  const auto bytes = read_file(p12_file, "the key file");
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  Pkcs12Ptr p12(d2i_PKCS12(nullptr, &p, static_cast<long>(bytes.size())));
  if (!p12) {
    ERR_clear_error();
    throw SealError(fmt::format("{} is not a PKCS#12 file (.p12 or .pfx)", p12_file.string()));
  }
  // An empty password may have been made as "" or as none at all.
  const char* pass = password.c_str();
  if (PKCS12_mac_present(p12.get()) &&
      !PKCS12_verify_mac(p12.get(), pass, static_cast<int>(password.size()))) {
    if (password.empty() && PKCS12_verify_mac(p12.get(), nullptr, 0)) {
      pass = nullptr;
    } else {
      ERR_clear_error();
      throw SealError(fmt::format(
          "wrong password for {} (give it with --password-file FILE or DOSSIER_SEAL_PASSWORD)",
          p12_file.string()));
    }
  }
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* extra = nullptr;
  if (!PKCS12_parse(p12.get(), pass, &key, &cert, &extra)) {
    auto why = openssl_error();
    throw SealError(fmt::format(
        "{} cannot be opened ({}); a file made with an old cipher (RC2, 3DES) can be converted: "
        "openssl pkcs12 -legacy -in OLD.p12 -nodes | openssl pkcs12 -export -out NEW.p12",
        p12_file.string(), why));
  }
  Identity id;
  id.key.reset(key);
  id.cert.reset(cert);
  CertStackPtr others(extra);
  if (!id.key) throw SealError(fmt::format("{} holds no private key", p12_file.string()));
  if (!id.cert) {
    throw SealError(fmt::format(
        "{} holds no certificate that belongs to its private key (the key does not match its "
        "certificate)",
        p12_file.string()));
  }
  if (X509_check_private_key(id.cert.get(), id.key.get()) != 1) {
    ERR_clear_error();
    throw SealError(fmt::format("{}: the private key does not match the certificate {}",
                                p12_file.string(), subject_of(id.cert.get())));
  }
  const int type = EVP_PKEY_get_base_id(id.key.get());
  if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC) {
    throw SealError(fmt::format("{}: a {} key; the seal signs with RSA or EC keys",
                                p12_file.string(), OBJ_nid2sn(type)));
  }
  while (others && sk_X509_num(others.get()) > 0)
    id.chain.emplace_back(sk_X509_shift(others.get()));
  for (const auto& file : chain) {
    for (auto& c : read_certificates(file)) id.chain.push_back(std::move(c));
  }
  return id;
}

std::string subject_of(const X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0,
                     XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string der_of(const X509* cert) {
  auto der = der_encoding(cert, i2d_X509);
  if (der.empty()) throw SealError("a certificate cannot be encoded: " + openssl_error());
  return der;
}

std::string certificate_sha256(const X509* cert) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (!X509_digest(cert, EVP_sha256(), md, &n)) throw SealError(openssl_error());
  return hex(md, n);
}

}  // namespace dossier::seal
