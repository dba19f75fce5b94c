#include <fmt/format.h>

#include <cstdio>

#include "app/commands.h"
#include "book/book.h"

namespace dossier::app {

namespace fs = std::filesystem;

std::unique_ptr<seal::Sealer> make_sealer(const SealCli& cli, const ingest::Config& config) {
  seal::Settings s;
  s.key = cli.key.empty() ? config.seal.key : fs::path(cli.key);
  if (s.key.empty()) return nullptr;
  if (!cli.password_file.empty()) s.password_file = fs::path(cli.password_file);
  s.tsa = cli.tsa.empty() ? config.seal.tsa : cli.tsa;
  if (cli.chain.empty()) {
    s.chain = config.seal.chain;
  } else {
    s.chain.assign(cli.chain.begin(), cli.chain.end());
  }
  if (cli.validation_data.empty()) {
    s.validation_data = config.seal.validation_data;
  } else {
    s.validation_data.assign(cli.validation_data.begin(), cli.validation_data.end());
  }
  s.reason = config.seal.reason;
  s.location = config.seal.location;
  s.contact_info = config.seal.contact_info;
  s.description = "Seal of " + (config.campaign.empty() ? config.title : config.campaign);
  return std::make_unique<seal::Sealer>(s);
}

void print_seal(const std::string& file, const manifest::Seal& seal) {
  const std::string timestamp = seal.timestamp_time
                                    ? fmt::format("; timestamp {} by {}", *seal.timestamp_time,
                                                  seal.timestamp_authority.value_or(""))
                                    : "";
  std::printf("  %s  PAdES %s, %s, %s%s\n", file.c_str(), seal.level.c_str(), seal.signer.c_str(),
              seal.signing_time.c_str(), timestamp.c_str());
}

int run_seal(const SealCommandCli& cli) {
  const auto config = ingest::load_config(
      (cli.templates.empty() ? project_file("templates") : fs::path(cli.templates)) /
      "dossier.toml");
  const auto sealer = make_sealer(cli.seal, config);
  if (!sealer) {
    throw book::RequestError(
        "no key to seal with: give --key FILE.p12 or key in [seal] of "
        "dossier.toml");
  }
  std::function<void(const std::string&)> progress;
  if (!cli.quiet)
    progress = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  const auto sealed = book::seal_set(cli.dir, *sealer, progress);
  if (cli.quiet) return 0;
  std::printf("sealed %zu volume(s) in %s; manifest %s\n", sealed.records.size(), cli.dir.c_str(),
              sealed.manifest.c_str());
  for (const auto& [file, record] : sealed.records) print_seal(file, record);
  return 0;
}

}  // namespace dossier::app
