#include "seal/seal.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

#include "digest/sha256.h"
#include "files/files.h"
#include "seal/cms.h"
#include "seal/key_file.h"
#include "seal/pdf_update.h"
#include "seal/timestamp.h"
#include "seal/validation_data.h"

namespace dossier::seal {
namespace {

// Room for a timestamp token beyond the signature itself: a token with
// its authority's certificate and chain is 2 to 8 KB.
constexpr std::size_t kTokenRoom = 16 * 1024;
constexpr std::size_t kSignatureRoom = 2 * 1024;

struct Times {
  std::string pdf;  // D:20261206234105+00'00'
  std::string iso;  // 2026-12-06T23:41:05Z
};

Times now_utc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char pdf[32], iso[32];
  std::strftime(pdf, sizeof pdf, "D:%Y%m%d%H%M%S+00'00'", &tm);
  std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return {pdf, iso};
}

}  // namespace

struct Sealer::Impl {
  Settings settings;
  Identity identity;
  ValidationData validation;  // from --validation-data, the key's chain added
  std::size_t reserved = 0;
};

Sealer::Sealer(const Settings& settings) : impl_(std::make_unique<Impl>()) {
  impl_->settings = settings;
  if (!settings.validation_data.empty() && settings.tsa.empty()) {
    throw SealError(
        "validation data makes a PAdES B-LT seal, which needs a timestamp: give --tsa too");
  }
  impl_->identity =
      load_identity(settings.key, read_password(settings.password_file), settings.chain);
  std::size_t certificates = der_of(impl_->identity.cert.get()).size();
  for (const auto& c : impl_->identity.chain) certificates += der_of(c.get()).size();
  impl_->reserved = certificates + kSignatureRoom + (settings.tsa.empty() ? 0 : kTokenRoom);
  for (const auto& file : settings.validation_data) {
    read_validation_file(file, impl_->validation);
  }
  if (!impl_->validation.empty()) {
    impl_->validation.certificates.push_back(der_of(impl_->identity.cert.get()));
    for (const auto& c : impl_->identity.chain) {
      impl_->validation.certificates.push_back(der_of(c.get()));
    }
  }
}

Sealer::~Sealer() = default;

std::string Sealer::level() const {
  if (impl_->settings.tsa.empty()) return "B-B";
  return impl_->validation.empty() ? "B-T" : "B-LT";
}

SealRecord Sealer::seal(const std::filesystem::path& pdf,
                        const std::filesystem::path& sealed) const {
  const auto& s = impl_->settings;
  auto bytes = files::read_all(pdf);
  if (!bytes) throw Error(ErrorKind::bad_input, fmt::format("{} cannot be read", pdf.string()));
  const Times time = now_utc();
  const SignatureFields fields{time.pdf, s.reason, s.location, s.contact_info, s.description};

  SealRecord record;
  std::size_t reserved = impl_->reserved;
  PreparedSignature prepared;
  Timestamp timestamp;
  // A second try only when the authority's token was larger than the room
  // left for it: then with exactly the room the first one needed.
  for (int attempt = 0;; ++attempt) {
    try {
      prepared = prepare_signature(*bytes, fields, reserved);
    } catch (const SealError& e) {
      throw SealError(fmt::format("{}: {}", pdf.string(), e.what()));
    }
    digest::Sha256 covered;
    covered.update(prepared.before_contents());
    covered.update(prepared.after_contents());
    const auto attributes = signed_attributes(impl_->identity.cert.get(), covered.finish());
    const auto signature = sign_attributes(impl_->identity, attributes);
    if (!s.tsa.empty()) timestamp = request_timestamp(s.tsa, digest::sha256(signature));
    const auto cms = signed_data(impl_->identity, attributes, signature, timestamp.token);
    if (put_signature(prepared, cms)) break;
    if (attempt > 0) throw SealError("the signature does not fit the room reserved for it");
    reserved = cms.size() + 1024;
  }
  if (!impl_->validation.empty()) {
    ValidationData data = impl_->validation;
    for (auto& der : timestamp_certificates(timestamp.token)) {
      data.certificates.push_back(std::move(der));
    }
    drop_repeats(data);
    add_validation_data(prepared.file, data);
  }
  if (!files::write_all(sealed, prepared.file)) {
    throw Error(ErrorKind::not_written, fmt::format("{} cannot be written", sealed.string()));
  }
  record.sha256 = digest::hex(digest::sha256(prepared.file));
  record.level = level();
  record.signer = subject_of(impl_->identity.cert.get());
  record.signer_sha256 = certificate_sha256(impl_->identity.cert.get());
  record.signing_time = time.iso;
  record.timestamp_time = timestamp.time;
  record.timestamp_authority = timestamp.authority;
  return record;
}

}  // namespace dossier::seal
