#include "digest/sha256.h"

#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "errors/error.h"

namespace dossier::digest {

struct Sha256::Context {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md{EVP_MD_CTX_new(), EVP_MD_CTX_free};
};

namespace {
[[noreturn]] void fail() {
  throw Error(ErrorKind::internal, "OpenSSL could not compute a SHA-256 digest");
}
}  // namespace

Sha256::Sha256() : ctx_(std::make_unique<Context>()) {
  if (!ctx_->md || EVP_DigestInit_ex(ctx_->md.get(), EVP_sha256(), nullptr) != 1) fail();
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
  if (EVP_DigestUpdate(ctx_->md.get(), bytes.data(), bytes.size()) != 1) fail();
}

std::string Sha256::finish() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  if (EVP_DigestFinal_ex(ctx_->md.get(), digest, &len) != 1) fail();
  return std::string(reinterpret_cast<const char*>(digest), len);
}

struct Sha256Digester::Handles {
  std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md{EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                     EVP_MD_free};
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), EVP_MD_CTX_free};
};

Sha256Digester::Sha256Digester() : handles_(std::make_unique<Handles>()) {
  if (!handles_->md || !handles_->ctx) fail();
}

Sha256Digester::~Sha256Digester() = default;
Sha256Digester::Sha256Digester(Sha256Digester&&) noexcept = default;
Sha256Digester& Sha256Digester::operator=(Sha256Digester&&) noexcept = default;

Sha256Digester::Digest Sha256Digester::digest(std::string_view bytes) {
  unsigned char full[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  auto* ctx = handles_->ctx.get();
  if (EVP_DigestInit_ex2(ctx, handles_->md.get(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx, bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(ctx, full, &len) != 1 || len != Digest().size()) {
    fail();
  }
  Digest out;
  std::copy(full, full + out.size(), out.begin());
  return out;
}

std::string sha256(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.finish();
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

std::optional<std::string> sha256_file_hex(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  Sha256 h;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    h.update(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) return std::nullopt;
  return hex(h.finish());
}

std::string sha256_file(const std::filesystem::path& file) {
  auto hex = sha256_file_hex(file);
  if (!hex) throw Error(ErrorKind::bad_input, file.string() + ": cannot read it");
  return std::move(*hex);
}

}  // namespace dossier::digest
