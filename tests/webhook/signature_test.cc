#include "webhook/signature.h"

#include <algorithm>
#include <cctype>
#include <string>

#include <gtest/gtest.h>

#include "netbox/golden.h"

namespace nbr::webhook {
namespace {

const Secret kGoldenSecret("golden-secret-123");

struct Hook {
  std::string body;
  std::string signature;
};

Hook ReadHook(const std::string& version, const std::string& file) {
  auto capture = testing::ReadCapture("webhook/testdata/" + version + "/" + file);
  return {capture.body, capture.Header("X-Hook-Signature")};
}

class GoldenHooks : public ::testing::TestWithParam<std::pair<std::string, std::string>> {
};

TEST_P(GoldenHooks, RealSignatureVerifies) {
  Hook hook = ReadHook(GetParam().first, GetParam().second);

  auto check = VerifySignature({kGoldenSecret}, hook.body, hook.signature);

  EXPECT_EQ(check.verdict, SignatureVerdict::kValid);
  EXPECT_EQ(check.secret_index, 0u);
  EXPECT_EQ(ComputeSignature(kGoldenSecret, hook.body), hook.signature);
}

TEST_P(GoldenHooks, TamperedBodyDoesNotVerify) {
  Hook hook = ReadHook(GetParam().first, GetParam().second);
  std::string tampered = hook.body;
  size_t pos = tampered.find("\"active\"");
  if (pos == std::string::npos) {
    pos = tampered.find("\"planned\"");
  }
  ASSERT_NE(pos, std::string::npos);
  tampered.replace(pos, 1, " ");

  EXPECT_EQ(VerifySignature({kGoldenSecret}, tampered, hook.signature).verdict,
            SignatureVerdict::kMismatch);
  EXPECT_EQ(VerifySignature({kGoldenSecret}, hook.body + "\n", hook.signature).verdict,
            SignatureVerdict::kMismatch);
}

INSTANTIATE_TEST_SUITE_P(
    NetBox, GoldenHooks,
    ::testing::Values(std::pair{"v3.1", "hook_0001_updated_device1.http"},
                      std::pair{"v3.1", "hook_0005_created_device10.http"},
                      std::pair{"v3.1", "hook_0006_deleted_device10.http"},
                      std::pair{"v4.5", "hook_0001_updated_device1.http"},
                      std::pair{"v4.5", "hook_0004_updated_device3.http"},
                      std::pair{"v4.5", "hook_0006_deleted_device10.http"},
                      std::pair{"v4.5", "hook_0007_updated_device1.http"}));

TEST(SignatureTest, WrongSecretDoesNotVerify) {
  Hook hook = ReadHook("v4.5", "hook_0001_updated_device1.http");

  auto check = VerifySignature({Secret("golden-secret-124")}, hook.body, hook.signature);

  EXPECT_EQ(check.verdict, SignatureVerdict::kMismatch);
  EXPECT_FALSE(check.secret_index.has_value());
}

TEST(SignatureTest, AnyOfTheRotatedSecretsMayHaveSigned) {
  Hook hook = ReadHook("v3.1", "hook_0002_updated_device2.http");

  auto check = VerifySignature({Secret("new-secret"), Secret(), kGoldenSecret}, hook.body,
                               hook.signature);

  EXPECT_EQ(check.verdict, SignatureVerdict::kValid);
  EXPECT_EQ(check.secret_index, 2u);
}

TEST(SignatureTest, AcceptsUppercaseHexAndSurroundingBlanks) {
  Hook hook = ReadHook("v4.5", "hook_0002_updated_device2.http");
  std::string upper = hook.signature;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });

  EXPECT_EQ(VerifySignature({kGoldenSecret}, hook.body, " " + upper + " ").verdict,
            SignatureVerdict::kValid);
}

TEST(SignatureTest, MissingAndMalformedSignatures) {
  Hook hook = ReadHook("v4.5", "hook_0002_updated_device2.http");

  EXPECT_EQ(VerifySignature({kGoldenSecret}, hook.body, "").verdict,
            SignatureVerdict::kMissing);
  EXPECT_EQ(VerifySignature({kGoldenSecret}, hook.body, "  ").verdict,
            SignatureVerdict::kMissing);
  EXPECT_EQ(
      VerifySignature({kGoldenSecret}, hook.body, "sha512=" + hook.signature).verdict,
      SignatureVerdict::kMismatch);
  EXPECT_EQ(VerifySignature({kGoldenSecret}, hook.body, hook.signature.substr(2)).verdict,
            SignatureVerdict::kMismatch);
  std::string not_hex = hook.signature;
  not_hex[5] = 'g';
  EXPECT_EQ(VerifySignature({kGoldenSecret}, hook.body, not_hex).verdict,
            SignatureVerdict::kMismatch);
  EXPECT_EQ(VerifySignature({}, hook.body, hook.signature).verdict,
            SignatureVerdict::kMismatch);
  EXPECT_EQ(VerifySignature({Secret()}, hook.body, hook.signature).verdict,
            SignatureVerdict::kMismatch);
}

}  // namespace
}  // namespace nbr::webhook
