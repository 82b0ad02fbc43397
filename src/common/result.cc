#include "common/result.h"

namespace nbr {

std::string_view ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return "invalid_argument";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kAlreadyExists:
      return "already_exists";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kPermissionDenied:
      return "permission_denied";
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kIoError:
      return "io_error";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Error::ToString() const {
  return std::string(ErrorKindName(kind_)) + ": " + message_;
}

Error Error::WithContext(std::string_view context) const {
  return Error(kind_, std::string(context) + ": " + message_);
}

Error InvalidArgument(std::string message) {
  return Error(ErrorKind::kInvalidArgument, std::move(message));
}
Error NotFound(std::string message) {
  return Error(ErrorKind::kNotFound, std::move(message));
}
Error AlreadyExists(std::string message) {
  return Error(ErrorKind::kAlreadyExists, std::move(message));
}
Error Conflict(std::string message) {
  return Error(ErrorKind::kConflict, std::move(message));
}
Error PermissionDenied(std::string message) {
  return Error(ErrorKind::kPermissionDenied, std::move(message));
}
Error Unavailable(std::string message) {
  return Error(ErrorKind::kUnavailable, std::move(message));
}
Error IoError(std::string message) {
  return Error(ErrorKind::kIoError, std::move(message));
}
Error Internal(std::string message) {
  return Error(ErrorKind::kInternal, std::move(message));
}

}  // namespace nbr
