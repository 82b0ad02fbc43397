#include "api/api_response.h"

#include "json/json_writer.h"

namespace nbr::sim {

ApiResponse ApiResponse::Detail(int status, const std::string& detail) {
  nlohmann::ordered_json body = {{"detail", detail}};
  return Json(status, body);
}

ApiResponse ApiResponse::Json(int status, const nlohmann::ordered_json& body) {
  ApiResponse r;
  r.status = status;
  JsonWriter w(JsonStyle::kCompact, &r.body);
  w.Value(body);
  return r;
}

ApiResponse ApiResponse::NoContent() {
  ApiResponse r;
  r.status = 204;
  r.has_body = false;
  return r;
}

}  // namespace nbr::sim
