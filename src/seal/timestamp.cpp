#include "seal/timestamp.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <openssl/rand.h>

#include <ctime>
#include <memory>
#include <mutex>

#include "seal/key_file.h"
#include "seal/openssl_handles.h"
#include "seal/seal.h"

namespace dossier::seal {
namespace {

using CurlPtr = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using HeadersPtr = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;
using IntegerPtr = Owned<ASN1_INTEGER, ASN1_INTEGER_free>;
using ImprintPtr = Owned<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free>;
using AlgorPtr = Owned<X509_ALGOR, X509_ALGOR_free>;

// A reply larger than this is not a timestamp.
constexpr std::size_t kMaxReply = 1 << 20;

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto& out = *static_cast<std::string*>(user);
  if (out.size() + size * count > kMaxReply) return 0;  // curl then fails the transfer
  out.append(data, size * count);
  return size * count;
}

std::string post(const std::string& url, const std::string& body) {
  // curl's global set-up is not thread-safe; volumes are sealed in parallel.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CurlPtr curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw SealError("cannot start an HTTP request (libcurl)");
  HeadersPtr headers(curl_slist_append(nullptr, "Content-Type: application/timestamp-query"),
                     curl_slist_free_all);
  headers.reset(curl_slist_append(headers.release(), "Accept: application/timestamp-reply"));
  std::string reply;
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 15L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_FAILONERROR, 1L);
  const CURLcode rc = curl_easy_perform(curl.get());
  if (rc != CURLE_OK) {
    throw SealError(fmt::format("the timestamping authority {} cannot be reached: {}", url,
                                *error ? error : curl_easy_strerror(rc)));
  }
  return reply;
}

std::string iso_time(const ASN1_GENERALIZEDTIME* t) {
  std::tm tm{};
  if (!t || !ASN1_TIME_to_tm(t, &tm)) return {};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string der_of_token(const PKCS7* token) {
  auto der = der_encoding(token, i2d_PKCS7);
  if (der.empty()) throw SealError("the timestamp token cannot be encoded: " + openssl_error());
  return der;
}

// The token's signature checked with the certificate it carries; returns
// that certificate's subject.
std::string check_token_signature(const std::string& token) {
  auto bio = memory_bio(token);
  CmsPtr cms(d2i_CMS_bio(bio.get(), nullptr));
  if (!cms) throw SealError("the timestamp token is not CMS: " + openssl_error());
  StorePtr store(X509_STORE_new());
  BioPtr out(BIO_new(BIO_s_mem()));
  if (CMS_verify(cms.get(), nullptr, store.get(), nullptr, out.get(),
                 CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
    throw SealError("the timestamp token's signature does not hold: " + openssl_error());
  }
  STACK_OF(X509)* signers = CMS_get0_signers(cms.get());
  std::string subject;
  if (signers && sk_X509_num(signers) > 0) subject = subject_of(sk_X509_value(signers, 0));
  sk_X509_free(signers);
  return subject;
}

Timestamp describe(const std::string& token, TS_TST_INFO* info) {
  Timestamp t;
  t.token = token;
  t.time = iso_time(TS_TST_INFO_get_time(info));
  const ASN1_OCTET_STRING* imprint = TS_MSG_IMPRINT_get_msg(TS_TST_INFO_get_msg_imprint(info));
  t.imprint.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(imprint)),
                   static_cast<std::size_t>(ASN1_STRING_length(imprint)));
  const std::string signer = check_token_signature(token);
  const GENERAL_NAME* tsa = TS_TST_INFO_get_tsa(info);
  if (tsa && tsa->type == GEN_DIRNAME) {
    BioPtr out(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(out.get(), tsa->d.directoryName, 0, XN_FLAG_RFC2253);
    char* data = nullptr;
    const long n = BIO_get_mem_data(out.get(), &data);
    t.authority.assign(data, static_cast<std::size_t>(n));
  } else {
    t.authority = signer;
  }
  return t;
}

// A nonce of 64 random bits, so that an answer cannot be replayed.
IntegerPtr fresh_nonce() {
  unsigned char nonce_bytes[8];
  if (RAND_bytes(nonce_bytes, sizeof nonce_bytes) != 1) {
    throw SealError("no random bytes for a timestamp nonce: " + openssl_error());
  }
  nonce_bytes[0] &= 0x7f;  // a positive INTEGER
  Owned<BIGNUM, BN_free> bn(BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nullptr));
  return IntegerPtr(BN_to_ASN1_INTEGER(bn.get(), nullptr));
}

// The DER request (RFC 3161 2.4.1) for a timestamp over `sha256`, with the
// authority's certificate asked for.
std::string encode_request(const std::string& sha256, const ASN1_INTEGER* nonce) {
  TsReqPtr req(TS_REQ_new());
  ImprintPtr imprint(TS_MSG_IMPRINT_new());
  AlgorPtr algorithm(X509_ALGOR_new());
  X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
  if (!TS_REQ_set_version(req.get(), 1) ||
      !TS_MSG_IMPRINT_set_algo(imprint.get(), algorithm.get()) ||
      !TS_MSG_IMPRINT_set_msg(imprint.get(),
                              reinterpret_cast<unsigned char*>(const_cast<char*>(sha256.data())),
                              static_cast<int>(sha256.size())) ||
      !TS_REQ_set_msg_imprint(req.get(), imprint.get()) || !nonce ||
      !TS_REQ_set_nonce(req.get(), nonce) || !TS_REQ_set_cert_req(req.get(), 1)) {
    throw SealError("cannot make a timestamp request: " + openssl_error());
  }
  std::string body = der_encoding(req.get(), i2d_TS_REQ);
  if (body.empty()) throw SealError("cannot encode a timestamp request: " + openssl_error());
  return body;
}

// Throws unless the authority granted the request, with or without
// modifications; its reasons, if it gave any, go in the message.
void check_granted(TS_RESP* resp, const std::string& url) {
  TS_STATUS_INFO* status = TS_RESP_get_status_info(resp);
  const long code = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status));
  if (code == 0 || code == 1) return;  // granted, granted with modifications
  std::string why;
  if (const auto* texts = TS_STATUS_INFO_get0_text(status)) {
    for (int i = 0; i < sk_ASN1_UTF8STRING_num(texts); ++i) {
      const auto* s = sk_ASN1_UTF8STRING_value(texts, i);
      why += std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                         static_cast<std::size_t>(ASN1_STRING_length(s)));
    }
  }
  throw SealError(fmt::format("the timestamping authority {} refused the request (status {}{}{})",
                              url, code, why.empty() ? "" : ": ", why));
}

}  // namespace

Timestamp request_timestamp(const std::string& url, const std::string& sha256) {
  const IntegerPtr nonce = fresh_nonce();
  const std::string reply = post(url, encode_request(sha256, nonce.get()));
  const auto* p = reinterpret_cast<const unsigned char*>(reply.data());
  TsRespPtr resp(d2i_TS_RESP(nullptr, &p, static_cast<long>(reply.size())));
  if (!resp) {
    throw SealError(
        fmt::format("the timestamping authority {} answered with something else than "
                    "a timestamp reply",
                    url));
  }
  check_granted(resp.get(), url);
  TS_TST_INFO* info = TS_RESP_get_tst_info(resp.get());
  PKCS7* token = TS_RESP_get_token(resp.get());
  if (!info || !token) throw SealError(fmt::format("{} granted a timestamp but sent none", url));
  const ASN1_INTEGER* answered = TS_TST_INFO_get_nonce(info);
  if (!answered || ASN1_INTEGER_cmp(answered, nonce.get()) != 0) {
    throw SealError(
        fmt::format("the timestamp from {} is not an answer to this request (nonce)", url));
  }
  auto t = describe(der_of_token(token), info);
  if (t.imprint != sha256) {
    throw SealError(fmt::format("the timestamp from {} is over another digest", url));
  }
  return t;
}

Timestamp read_timestamp(const std::string& token) {
  auto bio = memory_bio(token);
  Pkcs7Ptr p7(d2i_PKCS7_bio(bio.get(), nullptr));
  if (!p7) throw SealError("the timestamp token cannot be read: " + openssl_error());
  TstInfoPtr info(PKCS7_to_TS_TST_INFO(p7.get()));
  if (!info) throw SealError("the timestamp token holds no TSTInfo: " + openssl_error());
  return describe(token, info.get());
}

std::vector<std::string> timestamp_certificates(const std::string& token) {
  auto bio = memory_bio(token);
  CmsPtr cms(d2i_CMS_bio(bio.get(), nullptr));
  std::vector<std::string> out;
  if (!cms) return out;
  STACK_OF(X509)* certs = CMS_get1_certs(cms.get());
  for (int i = 0; certs && i < sk_X509_num(certs); ++i)
    out.push_back(der_of(sk_X509_value(certs, i)));
  sk_X509_pop_free(certs, X509_free);
  return out;
}

}  // namespace dossier::seal
