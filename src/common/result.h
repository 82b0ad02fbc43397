// The one result type for expected failures.
//
// Every function that can fail in a way the caller must handle returns a
// Status (no value) or a Result<T>. Exceptions thrown by libraries are caught
// at the edge of the module that calls them and converted into an Error;
// they never cross a module boundary.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace nbr {

// What kind of failure an Error is. Callers branch on the kind, never on the
// message text.
enum class ErrorKind {
  kInvalidArgument,   // bad input: configuration, command line, request body
  kNotFound,          // the thing asked for does not exist (e.g. NetBox 404)
  kAlreadyExists,     // a uniqueness rule refused the change
  kConflict,          // the state does not allow it now (busy, wrong status)
  kPermissionDenied,  // NetBox 401/403, a bad admin token
  kUnavailable,       // retryable: network error, 5xx, 429, timeout
  kIoError,           // file system or database failure
  kInternal,          // a bug or a broken invariant
};

// Returns a stable lowercase name for the kind ("not_found", ...).
std::string_view ErrorKindName(ErrorKind kind);

class Error {
 public:
  Error(ErrorKind kind, std::string message)
      : kind_(kind), message_(std::move(message)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }

  // True for failures that may go away by themselves (NetBox down, 5xx,
  // 429, timeouts): the caller should back off and try again.
  bool retryable() const { return kind_ == ErrorKind::kUnavailable; }

  // "<kind>: <message>".
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>".
  Error WithContext(std::string_view context) const;

 private:
  ErrorKind kind_;
  std::string message_;
};

Error InvalidArgument(std::string message);
Error NotFound(std::string message);
Error AlreadyExists(std::string message);
Error Conflict(std::string message);
Error PermissionDenied(std::string message);
Error Unavailable(std::string message);
Error IoError(std::string message);
Error Internal(std::string message);

// A value or an Error. Access to value() on an error (or error() on a value)
// is a programming error and aborts via std::get's exception.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : data_(std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<Error>(data_); }

 private:
  std::variant<T, Error> data_;
};

// Success or an Error, for operations without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit

  static Status Ok() { return Status(); }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_{ErrorKind::kInternal, ""};
  bool ok_ = true;
};

}  // namespace nbr

// Propagates an error from an expression that yields a Status or a Result.
#define NBR_RETURN_IF_ERROR(expr) \
  do {                            \
    auto nbr_status_ = (expr);    \
    if (!nbr_status_.ok()) {      \
      return nbr_status_.error(); \
    }                             \
  } while (false)

#define NBR_CONCAT_INNER_(a, b) a##b
#define NBR_CONCAT_(a, b) NBR_CONCAT_INNER_(a, b)

// Declares `lhs` from a Result, or returns its error from the enclosing
// function: NBR_ASSIGN_OR_RETURN(auto device, client.GetDevice(7));
#define NBR_ASSIGN_OR_RETURN(lhs, expr)                \
  auto NBR_CONCAT_(nbr_result_, __LINE__) = (expr);    \
  if (!NBR_CONCAT_(nbr_result_, __LINE__).ok()) {      \
    return NBR_CONCAT_(nbr_result_, __LINE__).error(); \
  }                                                    \
  lhs = std::move(NBR_CONCAT_(nbr_result_, __LINE__)).value()
