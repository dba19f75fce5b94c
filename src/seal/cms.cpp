#include "seal/cms.h"

#include "seal/der.h"
#include "seal/seal.h"

namespace dossier::seal {
namespace {

// Object identifiers (RFC 5652, RFC 5035, RFC 3161, RFC 5754, RFC 8017).
constexpr const char* kData = "1.2.840.113549.1.7.1";
constexpr const char* kSignedData = "1.2.840.113549.1.7.2";
constexpr const char* kContentType = "1.2.840.113549.1.9.3";
constexpr const char* kMessageDigest = "1.2.840.113549.1.9.4";
constexpr const char* kSigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
constexpr const char* kTimestampToken = "1.2.840.113549.1.9.16.2.14";
constexpr const char* kSha256 = "2.16.840.1.101.3.4.2.1";
constexpr const char* kRsaEncryption = "1.2.840.113549.1.1.1";
constexpr const char* kEcdsaWithSha256 = "1.2.840.10045.4.3.2";

std::string attribute(const char* type, std::string value) {
  return der::sequence({der::oid(type), der::set_of({std::move(value)})});
}

// RFC 5754: SHA-256's parameters are absent.
std::string sha256_algorithm() { return der::sequence({der::oid(kSha256)}); }

template <typename T>
std::string encoded(const T* object, int (*encode)(const T*, unsigned char**)) {
  auto der = der_encoding(object, encode);
  if (der.empty()) throw SealError("cannot encode the signer's certificate: " + openssl_error());
  return der;
}

std::string issuer_of(const X509* cert) {
  return encoded<X509_NAME>(X509_get_issuer_name(cert), i2d_X509_NAME);
}
std::string serial_of(const X509* cert) {
  return encoded<ASN1_INTEGER>(X509_get0_serialNumber(cert), i2d_ASN1_INTEGER);
}

std::string sha256(const std::string& bytes) {
  unsigned char md[32];
  unsigned int n = 0;
  if (!EVP_Digest(bytes.data(), bytes.size(), md, &n, EVP_sha256(), nullptr)) {
    throw SealError(openssl_error());
  }
  return std::string(reinterpret_cast<char*>(md), n);
}

std::string signature_algorithm(const EVP_PKEY* key) {
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) return der::sequence({der::oid(kEcdsaWithSha256)});
  return der::sequence({der::oid(kRsaEncryption), der::null()});
}

}  // namespace

std::string signed_attributes(const X509* signer, const std::string& content_sha256) {
  // ESSCertIDv2 with SHA-256 (the default, so no algorithm) and the
  // issuer and serial: the certificate is bound to the signature.
  const std::string general_names = der::sequence({der::context(4, issuer_of(signer))});
  const std::string ess_cert_id =
      der::sequence({der::octet_string(sha256(der_of(signer))),
                     der::sequence({general_names, serial_of(signer)})});
  const std::string signing_certificate = der::sequence({der::sequence({ess_cert_id})});
  return der::set_of({attribute(kContentType, der::oid(kData)),
                      attribute(kMessageDigest, der::octet_string(content_sha256)),
                      attribute(kSigningCertificateV2, signing_certificate)});
}

std::string sign_attributes(const Identity& identity, const std::string& attributes) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  std::size_t n = 0;
  if (!ctx ||
      EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, identity.key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &n,
                     reinterpret_cast<const unsigned char*>(attributes.data()),
                     attributes.size()) != 1) {
    throw SealError("cannot sign: " + openssl_error());
  }
  std::string signature(n, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &n,
                     reinterpret_cast<const unsigned char*>(attributes.data()),
                     attributes.size()) != 1) {
    throw SealError("cannot sign: " + openssl_error());
  }
  signature.resize(n);
  return signature;
}

std::string signed_data(const Identity& identity, const std::string& attributes,
                        const std::string& signature, const std::string& timestamp_token) {
  const X509* signer = identity.cert.get();
  std::vector<std::string> signer_info = {
      der::small_integer(1), der::sequence({issuer_of(signer), serial_of(signer)}),
      sha256_algorithm(),
      // The signed attributes under the implicit tag [0] instead of SET.
      der::context(0, der::contents_of(attributes)), signature_algorithm(identity.key.get()),
      der::octet_string(signature)};
  if (!timestamp_token.empty()) {
    signer_info.push_back(der::context(
        1, der::contents_of(der::set_of({attribute(kTimestampToken, timestamp_token)}))));
  }
  std::string certificates = der_of(signer);
  for (const auto& c : identity.chain) certificates += der_of(c.get());
  const std::string content = der::sequence({
      der::small_integer(1),
      der::set_of({sha256_algorithm()}),
      der::sequence({der::oid(kData)}),
      der::context(0, certificates),
      der::set_of({der::sequence(signer_info)}),
  });
  return der::sequence({der::oid(kSignedData), der::context(0, content)});
}

}  // namespace dossier::seal
