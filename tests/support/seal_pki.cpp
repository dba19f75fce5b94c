#include "support/seal_pki.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

namespace dossier::test {
namespace {

constexpr const char* kConfig = R"([req]
distinguished_name = dn
[dn]
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[seal]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[timestamping]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca]
default_ca = ca_config
[ca_config]
database = ./index.txt
crlnumber = ./crlnumber
default_md = sha256
default_crl_days = 3650
[tsa]
default_tsa = tsa_config
[tsa_config]
dir = .
serial = ./tsaserial
crypto_device = builtin
signer_cert = ./tsa.pem
certs = ./ca.pem
signer_key = ./tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.2
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
)";

void must(const std::vector<std::string>& argv) {
  auto r = run(argv);
  if (r.exit_code != 0) {
    throw std::runtime_error(argv[0] + " " + argv[1] + " failed: " + r.err);
  }
}

}  // namespace

SealPki::SealPki() {
  const auto d = dir().string() + "/";
  write_file(config(), kConfig);
  write_file(dir() / "index.txt", "");
  write_file(dir() / "crlnumber", "01\n");
  write_file(dir() / "tsaserial", "01\n");
  write_file(password_file(), password() + "\n");
  const std::string cnf = config().string();
  auto root = [&](const std::string& name, const std::string& subject) {
    must({"openssl", "req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout",
          d + name + ".key", "-out", d + name + ".pem", "-days", "3650", "-subj", subject,
          "-config", cnf, "-extensions", "root"});
  };
  auto issue = [&](const std::string& name, const std::string& subject,
                   const std::string& extensions) {
    must({"openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", d + name + ".key",
          "-out", d + name + ".csr", "-subj", subject, "-config", cnf});
    must({"openssl", "x509", "-req", "-in", d + name + ".csr", "-CA", d + "ca.pem", "-CAkey",
          d + "ca.key", "-CAcreateserial", "-out", d + name + ".pem", "-days", "3650", "-extfile",
          cnf, "-extensions", extensions});
  };
  root("ca", "/C=DE/O=Campaign Test PKI/CN=Campaign Test Root");
  root("other-ca", "/C=DE/O=Someone Else/CN=Unrelated Root");
  issue("org", "/C=DE/O=Campaign e.V./CN=Campaign Archive Seal", "seal");
  issue("tsa", "/C=DE/O=Campaign Test PKI/CN=Campaign Test Timestamping", "timestamping");
  must({"openssl", "pkcs12", "-export", "-inkey", d + "org.key", "-in", d + "org.pem", "-certfile",
        d + "ca.pem", "-name", "Campaign Archive Seal", "-out", key().string(), "-passout",
        "pass:" + password()});
  // `openssl ca` resolves the database relative to where it runs.
  auto crl = run({"sh", "-c",
                  "cd '" + dir().string() +
                      "' && openssl ca -config pki.cnf -gencrl -keyfile "
                      "ca.key -cert ca.pem -out ca.crl"});
  if (crl.exit_code != 0) throw std::runtime_error("openssl ca -gencrl failed: " + crl.err);
  std::filesystem::create_directory(dir() / "nss");
  must({"certutil", "-N", "-d", nss_dir(), "--empty-password"});
  must({"certutil", "-A", "-d", nss_dir(), "-n", "campaign-root", "-t", "CT,C,C", "-i",
        ca().string()});
}

TsaServer::TsaServer(const SealPki& pki, Mode mode) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const std::string script = std::string(DOSSIER_SOURCE_DIR) + "/tests/seal/tsa_server.py";
  const std::string config = pki.config().string();
  const char* flag = mode == Mode::Refuse ? "--refuse" : mode == Mode::Slow ? "--slow" : nullptr;
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execlp("python3", "python3", script.c_str(), config.c_str(), flag, static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string port;
  char c;
  while (read(fds[0], &c, 1) == 1 && c != '\n') port += c;
  close(fds[0]);
  if (port.empty()) throw std::runtime_error("the timestamping authority did not start");
  url_ = "http://127.0.0.1:" + port + "/";
}

TsaServer::~TsaServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

}  // namespace dossier::test
