#include "netbox/http_errors.h"

#include <charconv>
#include <string>

#include <nlohmann/json.hpp>

namespace nbr::netbox {
namespace {

constexpr size_t kMaxBodyInMessage = 600;
constexpr std::string_view kRetryMarker = "[retry-after=";

std::string Excerpt(std::string_view body) {
  if (body.size() <= kMaxBodyInMessage) {
    return std::string(body);
  }
  return std::string(body.substr(0, kMaxBodyInMessage)) + "...";
}

// NetBox's {"detail": "..."} when present, else the body itself.
std::string DetailOf(std::string_view body) {
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_object() && json.contains("detail") && json["detail"].is_string()) {
    return Excerpt(json["detail"].get<std::string>());
  }
  return Excerpt(body);
}

std::string RetryNote(std::string_view retry_after) {
  if (retry_after.empty()) {
    return "";
  }
  return " " + std::string(kRetryMarker) + Excerpt(retry_after) + "]";
}

}  // namespace

Error ErrorFromAnswer(std::string_view what, int status, std::string_view body,
                      std::string_view retry_after) {
  std::string head = std::string(what) + ": HTTP " + std::to_string(status);
  if (status == 404) {
    return NotFound(head + ": " + DetailOf(body));
  }
  if (status == 400) {
    return InvalidArgument(head + ": " + Excerpt(body));
  }
  if (status == 401 || status == 403) {
    return PermissionDenied(head + ": " + DetailOf(body));
  }
  if (status == 409 || status == 412) {
    return Conflict(head + ": " + DetailOf(body));
  }
  if (status == 408 || status == 429 || (status >= 500 && status <= 599)) {
    return Unavailable(head + RetryNote(retry_after) + ": " + Excerpt(body));
  }
  return Internal(head + " is not an answer NetBox gives: " + Excerpt(body));
}

std::optional<std::chrono::seconds> RetryAfterOf(const Error& error) {
  const std::string& message = error.message();
  size_t pos = message.find(kRetryMarker);
  if (error.kind() != ErrorKind::kUnavailable || pos == std::string::npos) {
    return std::nullopt;
  }
  const char* begin = message.data() + pos + kRetryMarker.size();
  const char* end = message.data() + message.size();
  long long seconds = 0;
  auto [ptr, ec] = std::from_chars(begin, end, seconds);
  if (ec != std::errc() || ptr == end || *ptr != ']' || seconds < 0) {
    return std::nullopt;
  }
  return std::chrono::seconds(seconds);
}

}  // namespace nbr::netbox
