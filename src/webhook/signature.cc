#include "webhook/signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cctype>

namespace nbr::webhook {
namespace {

constexpr size_t kDigestBytes = 64;  // SHA-512

using Digest = std::array<unsigned char, kDigestBytes>;

std::optional<Digest> Hmac(const Secret& secret, std::string_view body) {
  Digest digest{};
  unsigned int length = 0;
  const std::string& key = secret.reveal();
  unsigned char* out = HMAC(EVP_sha512(), key.data(), static_cast<int>(key.size()),
                            reinterpret_cast<const unsigned char*>(body.data()),
                            body.size(), digest.data(), &length);
  if (out == nullptr || length != kDigestBytes) {
    return std::nullopt;
  }
  return digest;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower >= 'a' && lower <= 'f') {
    return lower - 'a' + 10;
  }
  return -1;
}

// 128 hex characters (either case) into 64 bytes.
std::optional<Digest> DecodeHex(std::string_view hex) {
  if (hex.size() != 2 * kDigestBytes) {
    return std::nullopt;
  }
  Digest out{};
  for (size_t i = 0; i < kDigestBytes; ++i) {
    int high = HexValue(hex[2 * i]);
    int low = HexValue(hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    out[i] = static_cast<unsigned char>(high << 4 | low);
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

std::string ComputeSignature(const Secret& secret, std::string_view body) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto digest = Hmac(secret, body);
  if (!digest) {
    return "";
  }
  std::string hex;
  hex.reserve(2 * kDigestBytes);
  for (unsigned char byte : *digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0xF];
  }
  return hex;
}

SignatureCheck VerifySignature(const std::vector<Secret>& secrets, std::string_view body,
                               std::string_view signature) {
  // 1. A header must be there and be a hex SHA-512 digest.
  signature = Trim(signature);
  if (signature.empty()) {
    return {SignatureVerdict::kMissing, std::nullopt};
  }
  auto given = DecodeHex(signature);
  if (!given) {
    return {SignatureVerdict::kMismatch, std::nullopt};
  }

  // 2. Any secret may have signed (rotation). Compare bytes in constant time.
  for (size_t i = 0; i < secrets.size(); ++i) {
    if (secrets[i].empty()) {
      continue;
    }
    auto expected = Hmac(secrets[i], body);
    if (expected && CRYPTO_memcmp(expected->data(), given->data(), kDigestBytes) == 0) {
      return {SignatureVerdict::kValid, i};
    }
  }
  return {SignatureVerdict::kMismatch, std::nullopt};
}

}  // namespace nbr::webhook
