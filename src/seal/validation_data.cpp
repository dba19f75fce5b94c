#include "seal/validation_data.h"

#include <fmt/format.h>
#include <openssl/pem.h>

#include <algorithm>
#include <set>

#include "files/files.h"
#include "seal/key_file.h"
#include "seal/openssl_handles.h"
#include "seal/seal.h"

namespace dossier::seal {
namespace {

bool read_crls(const std::string& bytes, ValidationData& data) {
  bool found = false;
  auto bio = memory_bio(bytes);
  while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) {
    CrlPtr owned(crl);
    data.crls.push_back(der_encoding(crl, i2d_X509_CRL));
    found = true;
  }
  ERR_clear_error();
  if (found) return true;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  CrlPtr crl(d2i_X509_CRL(nullptr, &p, static_cast<long>(bytes.size())));
  ERR_clear_error();
  if (!crl) return false;
  data.crls.push_back(der_encoding(crl.get(), i2d_X509_CRL));
  return true;
}

bool read_ocsp(const std::string& bytes, ValidationData& data) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  OcspRespPtr resp(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(bytes.size())));
  ERR_clear_error();
  if (!resp) return false;
  if (OCSP_response_status(resp.get()) != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
    throw SealError("an OCSP response that is not \"successful\" proves nothing");
  }
  data.ocsp_responses.push_back(der_encoding(resp.get(), i2d_OCSP_RESPONSE));
  return true;
}

}  // namespace

void read_validation_file(const std::filesystem::path& file, ValidationData& data) {
  auto bytes = files::read_all(file);
  if (!bytes)
    throw SealError(fmt::format("the validation data file {} cannot be read", file.string()));
  try {
    for (const auto& cert : read_certificates(file))
      data.certificates.push_back(der_of(cert.get()));
    return;
  } catch (const SealError&) {
    // Not certificates: a CRL or an OCSP response, perhaps.
  }
  if (read_crls(*bytes, data)) return;
  try {
    if (read_ocsp(*bytes, data)) return;
  } catch (const SealError& e) {
    throw SealError(fmt::format("{}: {}", file.string(), e.what()));
  }
  throw SealError(fmt::format(
      "{} is neither a certificate, a CRL nor an OCSP response (PEM or DER)", file.string()));
}

void drop_repeats(ValidationData& data) {
  for (auto* list : {&data.certificates, &data.crls, &data.ocsp_responses}) {
    std::set<std::string> seen;
    std::vector<std::string> kept;
    for (auto& der : *list) {
      if (seen.insert(der).second) kept.push_back(std::move(der));
    }
    *list = std::move(kept);
  }
}

}  // namespace dossier::seal
