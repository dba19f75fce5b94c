// Owning handles for the OpenSSL objects the seal stage and verify use:
// each frees its object with the library's own function, whatever path
// the code leaves by.
#pragma once

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <string>

namespace dossier::seal {

template <typename T, void (*Free)(T*)>
struct Freer {
  void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Freer<T, Free>>;

using BioPtr = Owned<BIO, BIO_free_all>;
using CertPtr = Owned<X509, X509_free>;
using CrlPtr = Owned<X509_CRL, X509_CRL_free>;
using KeyPtr = Owned<EVP_PKEY, EVP_PKEY_free>;
using Pkcs12Ptr = Owned<PKCS12, PKCS12_free>;
using Pkcs7Ptr = Owned<PKCS7, PKCS7_free>;
using CmsPtr = Owned<CMS_ContentInfo, CMS_ContentInfo_free>;
using StorePtr = Owned<X509_STORE, X509_STORE_free>;
using StoreCtxPtr = Owned<X509_STORE_CTX, X509_STORE_CTX_free>;
using MdCtxPtr = Owned<EVP_MD_CTX, EVP_MD_CTX_free>;
using TsReqPtr = Owned<TS_REQ, TS_REQ_free>;
using TsRespPtr = Owned<TS_RESP, TS_RESP_free>;
using TstInfoPtr = Owned<TS_TST_INFO, TS_TST_INFO_free>;
using TsVerifyPtr = Owned<TS_VERIFY_CTX, TS_VERIFY_CTX_free>;
using OcspRespPtr = Owned<OCSP_RESPONSE, OCSP_RESPONSE_free>;

inline void free_certs(STACK_OF(X509) * certs) { sk_X509_pop_free(certs, X509_free); }
using CertStackPtr = Owned<STACK_OF(X509), free_certs>;

// The most recent error in OpenSSL's queue, as text, and the queue
// emptied (it is per thread and would otherwise leak into the next call).
inline std::string openssl_error() {
  unsigned long code = ERR_peek_last_error();
  std::string out;
  if (code) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    out = buf;
  }
  ERR_clear_error();
  return out.empty() ? "unknown OpenSSL error" : out;
}

// An object's DER encoding through its i2d function; empty when OpenSSL
// cannot encode it (the caller says what it was).
template <typename T>
std::string der_encoding(const T* object, int (*encode)(const T*, unsigned char**)) {
  unsigned char* buf = nullptr;
  const int n = encode(object, &buf);
  if (n <= 0) return {};
  std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
  OPENSSL_free(buf);
  return out;
}

// A memory BIO over bytes that outlive it.
inline BioPtr memory_bio(const std::string& bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

}  // namespace dossier::seal
