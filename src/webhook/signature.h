// Verifying NetBox's X-Hook-Signature: the hex HMAC-SHA512 of the exact body
// bytes, keyed with the webhook's secret. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/secret.h"

namespace nbr::webhook {

enum class SignatureVerdict {
  kValid,     // one of the secrets signed the body
  kMissing,   // no (or an empty) signature header
  kMismatch,  // a signature that no secret produces (or not 128 hex chars)
};

struct SignatureCheck {
  SignatureVerdict verdict = SignatureVerdict::kMissing;
  std::optional<size_t> secret_index;  // which secret matched, when kValid
};

// Lowercase hex HMAC-SHA512(secret, body): what NetBox sends.
std::string ComputeSignature(const Secret& secret, std::string_view body);

// Checks `signature` (the header value; hex in either case, surrounding
// blanks ignored) against every secret, in order, comparing in constant
// time. Secrets that are empty never match. kMismatch when `secrets` is empty
// and a signature is present.
SignatureCheck VerifySignature(const std::vector<Secret>& secrets, std::string_view body,
                               std::string_view signature);

}  // namespace nbr::webhook
