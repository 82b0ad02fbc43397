// A secret (NetBox token, webhook secret, admin token). It never prints:
// formatting one gives "[redacted]". Every secret loaded is also registered
// with the log redactor (log/logging.h) so that it cannot reach a log line
// even when copied into a plain string.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace nbr {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}

  bool empty() const { return value_.empty(); }
  // The only way to the clear text: call it where the secret is used.
  const std::string& reveal() const { return value_; }

  bool operator==(const Secret& other) const = default;

 private:
  std::string value_;
};

inline std::ostream& operator<<(std::ostream& os, const Secret&) {
  return os << "[redacted]";
}

}  // namespace nbr
