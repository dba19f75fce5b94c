// SHA-256 through OpenSSL, for file hashes (manifest, verify) and for
// comparing values without keeping them (e-mail addresses).
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace dossier::digest {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // The 32 bytes of the digest; the object is spent after this.
  std::string finish();

 private:
  struct Context;
  std::unique_ptr<Context> ctx_;
};

// SHA-256 of many short values one after another (a digest per row of an
// export): OpenSSL looks the algorithm up once, not once per value, and
// the digest needs no allocation.
class Sha256Digester {
 public:
  using Digest = std::array<unsigned char, 32>;
  Sha256Digester();
  ~Sha256Digester();
  Sha256Digester(const Sha256Digester&) = delete;
  Sha256Digester& operator=(const Sha256Digester&) = delete;
  Sha256Digester(Sha256Digester&&) noexcept;
  Sha256Digester& operator=(Sha256Digester&&) noexcept;

  Digest digest(std::string_view bytes);

 private:
  struct Handles;
  std::unique_ptr<Handles> handles_;
};

// The 32-byte digest of `bytes`.
std::string sha256(std::string_view bytes);
// Lowercase hexadecimal, as sha256sum prints it.
std::string hex(std::string_view bytes);
// The hex digest of a file's bytes, read in blocks; nullopt if it cannot be
// read (the caller names the file in its own error).
std::optional<std::string> sha256_file_hex(const std::filesystem::path& file);
// The same for a file the caller needs: throws Error (bad input) naming the
// file when it cannot be read.
std::string sha256_file(const std::filesystem::path& file);

}  // namespace dossier::digest
