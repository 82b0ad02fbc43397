// API tokens and how NetBox checks the Authorization header.
#pragma once

#include <string>
#include <vector>

#include "model/version.h"
#include "util/status.h"

namespace nbr::sim {

enum class Access { kReadOnly, kReadWrite };

// A v1 token is 40 hex characters; a v2 token is "nbt_<key>.<secret>".
struct ApiToken {
  std::string key;     // the v1 token, or the v2 key (without "nbt_")
  std::string secret;  // v2 only
  bool v2 = false;
  Access access = Access::kReadWrite;
  std::string username = "admin";
};

// Outcome of checking one request's credentials.
struct AuthResult {
  bool authenticated = false;  // a known token
  bool anonymous = false;      // no credentials at all
  std::string detail;          // the 403 detail when credentials are bad
  ApiToken token;              // when authenticated
};

// The known tokens. Immutable after loading: safe to share between threads.
class TokenStore {
 public:
  // The golden captures' tokens, read-write, user "admin".
  static TokenStore Defaults();
  // One token per line: "<token> rw|ro [username]"; '#' starts a comment.
  static Status LoadFile(const std::string& path, TokenStore& out);

  Status Add(const std::string& token, Access access, const std::string& username);
  const std::vector<ApiToken>& tokens() const { return tokens_; }

  // Checks an Authorization header value ("" when absent) the way the
  // given NetBox version does.
  AuthResult Authenticate(const std::string& header, const NetBoxVersion& version) const;

 private:
  AuthResult CheckV1(const std::string& value, const NetBoxVersion& version) const;
  AuthResult CheckV2(const std::string& value) const;

  std::vector<ApiToken> tokens_;
};

}  // namespace nbr::sim
