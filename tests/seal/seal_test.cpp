// Sealed archive copies (PAdES), checked as an archivist would: poppler's
// pdfsig with an NSS database that trusts the campaign's root, `dossier
// verify --trust`, qpdf, and the bytes before the seal compared with the
// build's. The keys, the CA and the timestamping authority are made for
// the run (support/seal_pki.h); nothing leaves the machine.
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/fixtures.h"
#include "support/process.h"
#include "support/seal_pki.h"

namespace dossier::test {
namespace {

namespace fs = std::filesystem;

const std::string kFixture =
    std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/signatures-3000.csv";
const std::vector<std::string> kVolumes = {"01-alexander-lukashenko.pdf", "02-andrei-shved.pdf",
                                           "03-ivan-kubrakov.pdf", "04-oleg-matkin.pdf"};

class Seal : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pki_ = new SealPki();
    tsa_ = new TsaServer(*pki_);
    built_ = new TempDir();
    auto r = run({DOSSIER_BINARY, "build", "--signatures", kFixture, "--out",
                  built_->path().string(), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete built_;
    delete tsa_;
    delete pki_;
  }

  // A copy of the unsealed build to seal.
  void copy_build(const fs::path& to) { fs::copy(built_->path(), to, fs::copy_options::recursive); }

  std::vector<std::string> seal_args(const fs::path& dir, bool timestamp = true) {
    std::vector<std::string> a = {DOSSIER_BINARY,
                                  "seal",
                                  dir.string(),
                                  "--key",
                                  pki_->key().string(),
                                  "--password-file",
                                  pki_->password_file().string()};
    if (timestamp) {
      a.push_back("--tsa");
      a.push_back(tsa_->url());
    }
    return a;
  }

  static std::string pdfsig(const fs::path& file) {
    return run({"pdfsig", "-nssdir", pki_->nss_dir(), file.string()}).out;
  }

  static nlohmann::json manifest(const fs::path& dir) {
    return nlohmann::json::parse(read_file(dir / "manifest.json"));
  }

  static void expect_unchanged(const fs::path& dir) {
    for (const auto& v : kVolumes) {
      EXPECT_EQ(read_file(dir / v), read_file(built_->path() / v)) << v << " was touched";
    }
    EXPECT_EQ(read_file(dir / "manifest.json"), read_file(built_->path() / "manifest.json"));
    for (const auto& e : fs::directory_iterator(dir)) {
      EXPECT_EQ(e.path().string().find(".staging"), std::string::npos) << e.path();
    }
  }

  static SealPki* pki_;
  static TsaServer* tsa_;
  static TempDir* built_;
};

SealPki* Seal::pki_ = nullptr;
TsaServer* Seal::tsa_ = nullptr;
TempDir* Seal::built_ = nullptr;

TEST_F(Seal, TimestampedSealsHoldInPdfsigAndVerify) {
  TempDir out;
  const auto dir = out / "set";
  copy_build(dir);
  auto r = run(seal_args(dir));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("sealed 4 volume(s)"), std::string::npos) << r.out;

  const auto m = manifest(dir);
  const auto unsealed = manifest(built_->path());
  for (std::size_t i = 0; i < kVolumes.size(); ++i) {
    const auto& v = kVolumes[i];
    SCOPED_TRACE(v);
    const auto file = dir / v;
    // The build's bytes come first, unchanged: an incremental update.
    const auto sealed = read_file(file);
    const auto original = read_file(built_->path() / v);
    ASSERT_GT(sealed.size(), original.size());
    EXPECT_EQ(sealed.substr(0, original.size()), original);

    const auto sig = pdfsig(file);
    EXPECT_NE(sig.find("Signature Type: ETSI.CAdES.detached"), std::string::npos) << sig;
    EXPECT_NE(sig.find("Signing Hash Algorithm: SHA-256"), std::string::npos) << sig;
    EXPECT_NE(sig.find("Signer Certificate Common Name: Campaign Archive Seal"), std::string::npos);
    EXPECT_NE(sig.find("Total document signed"), std::string::npos) << sig;
    EXPECT_NE(sig.find("Signature Validation: Signature is Valid."), std::string::npos) << sig;
    EXPECT_NE(sig.find("Certificate Validation: Certificate is Trusted."), std::string::npos)
        << sig;
    auto check = run({"qpdf", "--check", file.string()});
    EXPECT_EQ(check.exit_code, 0) << check.out;

    // The manifest: the build's digest stays, the seal's is beside it.
    const auto& entry = m.at("volumes").at(i);
    EXPECT_EQ(entry.at("sha256"), unsealed.at("volumes").at(i).at("sha256"));
    const auto& seal = entry.at("seal");
    EXPECT_EQ(seal.at("sha256").get<std::string>(),
              output_of({"sha256sum", file.string()}).substr(0, 64));
    EXPECT_EQ(seal.at("level"), "B-T");
    EXPECT_EQ(seal.at("signer"), "CN=Campaign Archive Seal,O=Campaign e.V.,C=DE");
    EXPECT_FALSE(seal.at("timestamp_time").get<std::string>().empty());
    EXPECT_NE(seal.at("timestamp_authority").get<std::string>().find("Campaign Test Timestamping"),
              std::string::npos);
  }

  auto verified = run({DOSSIER_BINARY, "verify", dir.string(), "--trust", pki_->ca().string()});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_NE(verified.out.find("sealed (PAdES B-T) by CN=Campaign Archive Seal"), std::string::npos)
      << verified.out;
  EXPECT_NE(verified.out.find("; trusted"), std::string::npos) << verified.out;
  // Without trust anchors the seal is checked, and the output says what
  // was not.
  auto untrusted = run({DOSSIER_BINARY, "verify", dir.string()});
  EXPECT_EQ(untrusted.exit_code, 0) << untrusted.out;
  EXPECT_NE(untrusted.out.find("signer not checked against a trust anchor"), std::string::npos);
  // Sealing twice is refused.
  auto again = run(seal_args(dir));
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("sealed already"), std::string::npos) << again.err;
}

TEST_F(Seal, AChangedByteBreaksTheSeal) {
  TempDir out;
  const auto dir = out / "set";
  copy_build(dir);
  ASSERT_EQ(run(seal_args(dir)).exit_code, 0);
  const auto file = dir / kVolumes[1];
  auto bytes = read_file(file);
  // A bit of the build's bytes, inside the signed range.
  bytes[fs::file_size(built_->path() / kVolumes[1]) / 3] ^= 1;
  write_file(file, bytes);
  EXPECT_NE(pdfsig(file).find("Digest Mismatch"), std::string::npos);
  auto r = run({DOSSIER_BINARY, "verify", dir.string(), "--trust", pki_->ca().string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find(kVolumes[1] + ": seal: the signature does not match the file's bytes"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("the bytes before the seal are not the build's"), std::string::npos);
}

// A later incremental update that puts page 6's text on page 5 leaves the
// signature valid over its own revision; verify names what it changed.
TEST_F(Seal, ALaterUpdateThatChangesAPageIsNamed) {
  TempDir out;
  const auto dir = out / "set";
  copy_build(dir);
  ASSERT_EQ(run(seal_args(dir, false)).exit_code, 0);
  const auto file = dir / kVolumes[0];
  auto pages =
      nlohmann::json::parse(output_of({"qpdf", "--json", "--json-key=pages", file.string()}));
  const auto page5 = pages.at("pages").at(4).at("contents").at(0).get<std::string>();
  const auto page6 = pages.at("pages").at(5).at("contents").at(0).get<std::string>();
  const auto number = page5.substr(0, page5.find(' '));
  const auto content = output_of({"qpdf", "--show-object=" + page6.substr(0, page6.find(' ')),
                                  "--filtered-stream-data", file.string()});
  auto bytes = read_file(file);
  const auto prev = bytes.substr(bytes.rfind("startxref") + 10);
  const auto object_at = bytes.size();
  bytes += number + " 0 obj\n<</Length " + std::to_string(content.size()) + ">>\nstream\n" +
           content + "\nendstream\nendobj\n";
  const auto xref_at = bytes.size();
  char entry[32];
  std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", object_at);
  bytes += "xref\n" + number + " 1\n" + entry + "trailer\n<</Size 99999/Root 1 0 R/Prev " +
           std::to_string(std::stoull(prev)) + ">>\nstartxref\n" + std::to_string(xref_at) +
           "\n%%EOF\n";
  write_file(file, bytes);

  auto r = run({DOSSIER_BINARY, "verify", dir.string(), "--trust", pki_->ca().string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("seal: changed after sealing by a later update: the content of page 5"),
            std::string::npos)
      << r.out;
}

TEST_F(Seal, ASignerOutsideTheTrustAnchorsIsNotTrusted) {
  TempDir out;
  const auto dir = out / "set";
  copy_build(dir);
  ASSERT_EQ(run(seal_args(dir)).exit_code, 0);
  auto r = run({DOSSIER_BINARY, "verify", dir.string(), "--trust", pki_->other_ca().string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("NOT trusted"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("seal: the signer's certificate is not trusted"), std::string::npos);
  EXPECT_NE(r.out.find("seal: the timestamp authority's certificate is not trusted"),
            std::string::npos);
}

TEST_F(Seal, ValidationDataMakesLongTermSeals) {
  TempDir out;
  const auto dir = out / "set";
  copy_build(dir);
  auto args = seal_args(dir);
  for (const auto& f : {pki_->crl(), pki_->ca()}) {
    args.push_back("--validation-data");
    args.push_back(f.string());
  }
  auto r = run(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto file = dir / kVolumes[2];
  // The /DSS, read back: the CRL and the certificates of the signer, its
  // CA and the timestamping authority.
  const auto json =
      nlohmann::json::parse(output_of({"qpdf", "--json", "--json-key=qpdf", file.string()}));
  const auto& objects = json.at("qpdf").at(1);
  const auto root = objects.at("trailer").at("value").at("/Root").get<std::string>();
  const auto& catalog = objects.at("obj:" + root).at("value");
  ASSERT_TRUE(catalog.contains("/DSS")) << catalog.dump();
  const auto& dss = objects.at("obj:" + catalog.at("/DSS").get<std::string>()).at("value");
  EXPECT_EQ(dss.at("/CRLs").size(), 1u);
  EXPECT_EQ(dss.at("/Certs").size(), 3u) << dss.dump();
  const auto crl_ref = dss.at("/CRLs").at(0).get<std::string>();
  write_file(out / "dss.crl",
             output_of({"qpdf", "--show-object=" + crl_ref.substr(0, crl_ref.find(' ')),
                        "--raw-stream-data", file.string()}));
  EXPECT_NE(output_of({"openssl", "crl", "-inform", "DER", "-noout", "-issuer", "-in",
                       (out / "dss.crl").string()})
                .find("Campaign Test Root"),
            std::string::npos);
  const auto sig = pdfsig(file);
  EXPECT_NE(sig.find("Signature is Valid."), std::string::npos) << sig;
  EXPECT_NE(sig.find("Certificate is Trusted."), std::string::npos) << sig;
  EXPECT_EQ(manifest(dir).at("volumes").at(2).at("seal").at("level"), "B-LT");
  auto v = run({DOSSIER_BINARY, "verify", dir.string(), "--trust", pki_->ca().string()});
  EXPECT_EQ(v.exit_code, 0) << v.out;
  EXPECT_NE(v.out.find("sealed (PAdES B-LT)"), std::string::npos) << v.out;
}

TEST_F(Seal, WithoutAnAuthorityTheSealIsBasic) {
  TempDir out;
  const auto dir = out / "set";
  copy_build(dir);
  auto r = run(seal_args(dir, false));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto m = manifest(dir);
  const auto& seal = m.at("volumes").at(3).at("seal");
  EXPECT_EQ(seal.at("level"), "B-B");
  EXPECT_FALSE(seal.contains("timestamp_time"));
  EXPECT_NE(pdfsig(dir / kVolumes[3]).find("Signature is Valid."), std::string::npos);
  auto v = run({DOSSIER_BINARY, "verify", dir.string(), "--trust", pki_->ca().string()});
  EXPECT_EQ(v.exit_code, 0) << v.out;
  EXPECT_NE(v.out.find("no timestamp"), std::string::npos) << v.out;
}

TEST_F(Seal, AWrongPasswordChangesNothing) {
  TempDir out;
  const auto dir = out / "set";
  copy_build(dir);
  write_file(out / "wrong.txt", "incorrect horse\n");
  auto r = run({DOSSIER_BINARY, "seal", dir.string(), "--key", pki_->key().string(),
                "--password-file", (out / "wrong.txt").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("wrong password"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("incorrect horse"), std::string::npos) << "never print the password";
  expect_unchanged(dir);
}

// A PKCS#12 file whose key is not its certificate's: openssl's own tools
// refuse to make one, so it is assembled bag by bag.
TEST_F(Seal, AKeyThatIsNotTheCertificatesChangesNothing) {
  TempDir out;
  const auto dir = out / "set";
  copy_build(dir);
  auto read_pem = [](const fs::path& p, auto reader) {
    FILE* f = std::fopen(p.c_str(), "r");
    auto* o = reader(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    return o;
  };
  EVP_PKEY* key = read_pem(pki_->other_key(), PEM_read_PrivateKey);
  X509* cert = read_pem(pki_->org_cert(), PEM_read_X509);
  ASSERT_TRUE(key && cert);
  STACK_OF(PKCS12_SAFEBAG)* bags = nullptr;
  ASSERT_TRUE(PKCS12_add_cert(&bags, cert));
  ASSERT_TRUE(PKCS12_add_key(&bags, key, 0, PKCS12_DEFAULT_ITER, NID_aes_256_cbc, "pw"));
  STACK_OF(PKCS7)* safes = nullptr;
  ASSERT_TRUE(PKCS12_add_safe(&safes, bags, -1, 0, "pw"));
  PKCS12* p12 = PKCS12_add_safes(safes, 0);
  ASSERT_TRUE(p12);
  ASSERT_TRUE(PKCS12_set_mac(p12, "pw", -1, nullptr, 0, PKCS12_DEFAULT_ITER, nullptr));
  FILE* f = std::fopen((out / "mismatch.p12").c_str(), "wb");
  i2d_PKCS12_fp(f, p12);
  std::fclose(f);
  PKCS12_free(p12);
  sk_PKCS7_pop_free(safes, PKCS7_free);
  sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
  X509_free(cert);
  EVP_PKEY_free(key);
  write_file(out / "pw.txt", "pw\n");

  auto r = run({DOSSIER_BINARY, "seal", dir.string(), "--key", (out / "mismatch.p12").string(),
                "--password-file", (out / "pw.txt").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("certificate"), std::string::npos) << r.err;
  expect_unchanged(dir);
}

TEST_F(Seal, AnAuthorityThatCannotBeReachedOrRefusesChangesNothing) {
  TempDir out;
  const auto dir = out / "set";
  copy_build(dir);
  // A port nothing listens on: the authority that was just stopped.
  std::string closed;
  {
    TsaServer gone(*pki_);
    closed = gone.url();
  }
  auto args = seal_args(dir, false);
  args.push_back("--tsa");
  args.push_back(closed);
  auto r = run(args);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot be reached"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("still holds the previous set"), std::string::npos) << r.err;
  expect_unchanged(dir);

  TsaServer refusing(*pki_, TsaServer::Mode::Refuse);
  args.back() = refusing.url();
  r = run(args);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("503"), std::string::npos) << r.err;
  expect_unchanged(dir);
}

TEST_F(Seal, AnInterruptLeavesTheUnsealedSet) {
  TempDir out;
  const auto dir = out / "set";
  copy_build(dir);
  const auto arrived = pki_->dir() / "slow-request-arrived";
  fs::remove(arrived);
  TsaServer slow(*pki_, TsaServer::Mode::Slow);
  auto args = seal_args(dir, false);
  args.push_back("--tsa");
  args.push_back(slow.url());
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  // Once the authority has the first request, every volume is staged and
  // the seal waits for its answer.
  for (int i = 0; i < 600 && !fs::exists(arrived); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(fs::exists(arrived)) << "the seal never asked the authority";
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  expect_unchanged(dir);
}

TEST_F(Seal, BuildSealsAsItsLastStep) {
  TempDir out;
  auto r = run({DOSSIER_BINARY, "build", "--signatures", kFixture, "--out", out.path().string(),
                "--seal-key", pki_->key().string(), "--password-file",
                pki_->password_file().string(), "--tsa", tsa_->url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("sealed:"), std::string::npos) << r.out;
  const auto m = manifest(out.path());
  const auto unsealed = manifest(built_->path());
  for (std::size_t i = 0; i < kVolumes.size(); ++i) {
    // The build's own digest is that of the unsealed bytes, the same as a
    // build without a key.
    EXPECT_EQ(m.at("volumes").at(i).at("sha256"), unsealed.at("volumes").at(i).at("sha256"));
    EXPECT_EQ(m.at("volumes").at(i).at("seal").at("level"), "B-T");
    const auto sealed = read_file(out / kVolumes[i]);
    const auto original = read_file(built_->path() / kVolumes[i]);
    EXPECT_EQ(sealed.substr(0, original.size()), original) << kVolumes[i];
  }
  auto v = run({DOSSIER_BINARY, "verify", out.path().string(), "--trust", pki_->ca().string()});
  EXPECT_EQ(v.exit_code, 0) << v.out;
  // A wrong password stops the build before it renders anything.
  TempDir other;
  write_file(other / "wrong.txt", "no\n");
  auto wrong =
      run({DOSSIER_BINARY, "build", "--signatures", kFixture, "--out", (other / "set").string(),
           "--seal-key", pki_->key().string(), "--password-file", (other / "wrong.txt").string()});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("wrong password"), std::string::npos) << wrong.err;
  EXPECT_FALSE(fs::exists(other / "set" / "manifest.json"));
}

// The archive edition ships in the templates: every consenting signer in
// full, the accepted signatures attached, sealed with the key [seal] names.
TEST_F(Seal, TheArchiveEditionIsSealedWithTheConfiguredKey) {
  TempDir work;
  write_templates(work / "templates", "key", "\"" + pki_->key().string() + "\"");
  auto r = run({DOSSIER_BINARY, "build", "--edition", "archive", "--signatures", kFixture,
                "--templates", (work / "templates").string(), "--out", (work / "archive").string(),
                "--password-file", pki_->password_file().string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto m = manifest(work / "archive");
  EXPECT_EQ(m.at("edition").at("name"), "archive");
  for (const auto& v : m.at("volumes")) {
    EXPECT_EQ(v.at("seal").at("level"), "B-B") << v.dump();
  }
  const auto volume = (work / "archive" / kVolumes[0]).string();
  EXPECT_NE(output_of({"qpdf", "--list-attachments", volume}).find("signatures.csv"),
            std::string::npos);
  EXPECT_NE(pdfsig(volume).find("Signature is Valid."), std::string::npos);
  auto v =
      run({DOSSIER_BINARY, "verify", (work / "archive").string(), "--trust", pki_->ca().string()});
  EXPECT_EQ(v.exit_code, 0) << v.out;

  // Without a key it is built, and says that it is not sealed.
  TempDir plain;
  auto unsealed = run({DOSSIER_BINARY, "build", "--edition", "archive", "--signatures", kFixture,
                       "--out", (plain / "archive").string(), "--quiet"});
  ASSERT_EQ(unsealed.exit_code, 0) << unsealed.err;
  EXPECT_NE(unsealed.err.find("its volumes are not sealed"), std::string::npos) << unsealed.err;
  EXPECT_FALSE(manifest(plain / "archive").at("volumes").at(0).contains("seal"));
}

}  // namespace
}  // namespace dossier::test
