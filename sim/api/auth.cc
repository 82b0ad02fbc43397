#include "api/auth.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace nbr::sim {
namespace {

constexpr char kV2Prefix[] = "nbt_";

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

AuthResult Denied(std::string detail) {
  AuthResult r;
  r.detail = std::move(detail);
  return r;
}

AuthResult Granted(const ApiToken& token) {
  AuthResult r;
  r.authenticated = true;
  r.token = token;
  return r;
}

}  // namespace

TokenStore TokenStore::Defaults() {
  TokenStore store;
  store.Add("0123456789abcdef0123456789abcdef01234567", Access::kReadWrite, "admin");
  store.Add("nbt_GoldenKey012.fedcba9876543210fedcba9876543210fedcba98",
            Access::kReadWrite, "admin");
  return store;
}

Status TokenStore::Add(const std::string& token, Access access,
                       const std::string& username) {
  ApiToken t;
  t.access = access;
  t.username = username.empty() ? "admin" : username;
  if (StartsWith(token, kV2Prefix)) {
    auto dot = token.find('.');
    if (dot == std::string::npos) {
      return Status::Error("v2 token without '.<secret>': '" + token.substr(0, 16) +
                           "...'");
    }
    t.v2 = true;
    t.key = token.substr(4, dot - 4);
    t.secret = token.substr(dot + 1);
  } else {
    t.key = token;
  }
  tokens_.push_back(std::move(t));
  return Status::Ok();
}

Status TokenStore::LoadFile(const std::string& path, TokenStore& out) {
  std::ifstream in(path);
  if (!in) {
    return Status::Error("cannot read token file '" + path + "'");
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string token, access, username;
    if (!(words >> token)) {
      continue;
    }
    words >> access >> username;
    if (access != "rw" && access != "ro") {
      return Status::Error(path + ":" + std::to_string(number) +
                           ": access must be rw or ro");
    }
    Status added =
        out.Add(token, access == "rw" ? Access::kReadWrite : Access::kReadOnly, username);
    if (!added.ok()) {
      return Status::Error(path + ":" + std::to_string(number) + ": " + added.message());
    }
  }
  return Status::Ok();
}

AuthResult TokenStore::Authenticate(const std::string& header,
                                    const NetBoxVersion& version) const {
  // First, split "<keyword> <credentials>".
  auto space = header.find(' ');
  std::string keyword = Lower(header.substr(0, space));
  std::string value = space == std::string::npos ? "" : header.substr(space + 1);
  bool known_keyword =
      keyword == "token" || (version.HasV2Tokens() && keyword == "bearer");
  if (header.empty() || !known_keyword) {
    AuthResult r;
    r.anonymous = true;
    return r;
  }
  if (value.empty()) {
    return Denied("Invalid token header. No credentials provided.");
  }

  // Then, v2 ("nbt_" prefix, 4.5+) or v1.
  if (version.HasV2Tokens() && StartsWith(value, kV2Prefix)) {
    return CheckV2(value);
  }
  return CheckV1(value, version);
}

AuthResult TokenStore::CheckV1(const std::string& value,
                               const NetBoxVersion& version) const {
  for (const auto& t : tokens_) {
    if (!t.v2 && t.key == value) {
      return Granted(t);
    }
  }
  return Denied(version.HasV2Tokens() ? "Invalid v1 token" : "Invalid token");
}

AuthResult TokenStore::CheckV2(const std::string& value) const {
  auto dot = value.find('.');
  if (dot == std::string::npos) {
    return Denied(
        "Invalid authorization header: Could not parse key from v2 token. Did you mean "
        "to "
        "use 'Token' instead of 'Bearer'?");
  }
  std::string key = value.substr(4, dot - 4);
  std::string secret = value.substr(dot + 1);
  for (const auto& t : tokens_) {
    if (t.v2 && t.key == key && t.secret == secret) {
      return Granted(t);
    }
  }
  return Denied("Invalid v2 token");
}

}  // namespace nbr::sim
