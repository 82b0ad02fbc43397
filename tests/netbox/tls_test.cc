// The client over HTTPS: verify_tls and ca_file are honoured.
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "netbox/golden.h"
#include "netbox/http_client.h"
#include "support/temp_dir.h"

namespace nbr::netbox {
namespace {

// Writes a self-signed certificate for IP 127.0.0.1 and its key as PEM files.
bool WriteSelfSignedCertificate(const std::string& cert_path,
                                const std::string& key_path) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"),
                                                          EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  if (!key || !cert) {
    return false;
  }
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), name);

  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  X509_EXTENSION* san =
      X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1");
  if (san == nullptr) {
    return false;
  }
  X509_add_ext(cert.get(), san, -1);
  X509_EXTENSION_free(san);
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
    return false;
  }

  FILE* cert_file = std::fopen(cert_path.c_str(), "w");
  FILE* key_file = std::fopen(key_path.c_str(), "w");
  bool ok = cert_file && key_file && PEM_write_X509(cert_file, cert.get()) == 1 &&
            PEM_write_PrivateKey(key_file, key.get(), nullptr, nullptr, 0, nullptr,
                                 nullptr) == 1;
  if (cert_file) {
    std::fclose(cert_file);
  }
  if (key_file) {
    std::fclose(key_file);
  }
  return ok;
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cert_ = dir_.File("cert.pem").string();
    std::string key = dir_.File("key.pem").string();
    ASSERT_TRUE(WriteSelfSignedCertificate(cert_, key));

    server_ = std::make_unique<httplib::SSLServer>(cert_.c_str(), key.c_str());
    ASSERT_TRUE(server_->is_valid());
    std::string body = testing::GoldenBody("v4.5", "02_status");
    server_->Get("/api/status/", [body](const httplib::Request&, httplib::Response& res) {
      res.set_content(body, "application/json");
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  void TearDown() override {
    if (server_) {
      server_->stop();
    }
    if (thread_.joinable()) {
      thread_.join();
    }
  }

  Result<ServerInfo> StatusWith(bool verify_tls, std::string ca_file) {
    config::NetBoxSettings settings;
    settings.url = "https://127.0.0.1:" + std::to_string(port_);
    settings.token = Secret("0123456789abcdef0123456789abcdef01234567");
    settings.verify_tls = verify_tls;
    settings.ca_file = std::move(ca_file);
    settings.timeout = std::chrono::milliseconds(2000);
    settings.requests_per_second = 0;
    auto client = MakeHttpClient(settings);
    if (!client.ok()) {
      return client.error();
    }
    return (*client)->GetStatus();
  }

  testing::TempDir dir_;
  std::string cert_;
  std::unique_ptr<httplib::SSLServer> server_;
  int port_ = 0;
  std::thread thread_;
};

TEST_F(TlsTest, RefusesAnUntrustedCertificate) {
  auto status = StatusWith(/*verify_tls=*/true, "");

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind(), ErrorKind::kUnavailable);
}

TEST_F(TlsTest, TrustsTheConfiguredCaFile) {
  auto status = StatusWith(/*verify_tls=*/true, cert_);

  ASSERT_TRUE(status.ok()) << status.error().ToString();
  EXPECT_EQ(status->major, 4);
}

TEST_F(TlsTest, SkipsVerificationWhenTold) {
  auto status = StatusWith(/*verify_tls=*/false, "");

  ASSERT_TRUE(status.ok()) << status.error().ToString();
}

}  // namespace
}  // namespace nbr::netbox
