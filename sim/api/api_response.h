// A response of the emulated REST API before it is written to the wire.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/cost_model.h"

namespace nbr::sim {

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON, compact like DRF
  bool has_body = true;
  std::vector<std::pair<std::string, std::string>> headers;
  RequestWork work;  // what the cost model charges for

  // {"detail": "..."} with the given status.
  static ApiResponse Detail(int status, const std::string& detail);
  // Any JSON (an error dict or list) with the given status.
  static ApiResponse Json(int status, const nlohmann::ordered_json& body);
  static ApiResponse NoContent();
};

// "Allow" of list and detail endpoints.
inline constexpr char kAllowList[] = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS";
inline constexpr char kAllowDetail[] = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
// Device components' list endpoints (interfaces) also name TRACE.
inline constexpr char kAllowComponentList[] =
    "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE";
inline constexpr char kAllowReadOnly[] = "GET, HEAD, OPTIONS";

}  // namespace nbr::sim
