// The emulator's result type for expected failures (a bad command line, an
// unreadable inventory). Exceptions from libraries are caught at the edge
// and turned into one of these.
#pragma once

#include <string>
#include <utility>

namespace nbr::sim {

class Status {
 public:
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return ok_; }
  const std::string& message() const { return message_; }

 private:
  Status() = default;
  explicit Status(std::string message) : ok_(false), message_(std::move(message)) {}

  bool ok_ = true;
  std::string message_;
};

}  // namespace nbr::sim
