#include "api/pipeline.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

namespace nbr::sim {
namespace {

ApiResponse ServerError(const NetBoxVersion& v) {
  nlohmann::ordered_json body = {
      {"error", "Simulated server error (netbox-sim fault)."},
      {"exception", "OperationalError"},
      {"netbox_version", v.FullVersion()},
      {"python_version", v.AtLeast(4, 0) ? "3.14.10" : "3.11.2"}};
  return ApiResponse::Json(500, body);
}

ApiResponse Throttled(int retry_after_s) {
  ApiResponse r =
      ApiResponse::Detail(429, "Request was throttled. Expected available in " +
                                   std::to_string(retry_after_s) +
                                   (retry_after_s == 1 ? " second." : " seconds."));
  r.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
  return r;
}

// Checks the credentials; returns nullopt when the request may proceed.
std::optional<ApiResponse> Authorize(const AppState& app, const httplib::Request& req,
                                     Auth auth, RequestInfo& info) {
  AuthResult result = app.tokens.Authenticate(req.get_header_value("Authorization"),
                                              app.settings.version);
  if (!result.detail.empty()) {
    return ApiResponse::Detail(403, result.detail);
  }
  if (result.anonymous) {
    if (auth == Auth::kAnonymousAllowed) {
      return std::nullopt;
    }
    return ApiResponse::Detail(403, "Authentication credentials were not provided.");
  }
  info.username = result.token.username;
  if (auth == Auth::kWrite && result.token.access != Access::kReadWrite) {
    return ApiResponse::Detail(403, "You do not have permission to perform this action.");
  }
  return std::nullopt;
}

void WriteHeaders(const AppState& app, const httplib::Request& req,
                  const RequestInfo& info, const char* allow, ApiResponse& r,
                  httplib::Response& res) {
  const NetBoxVersion& v = app.settings.version;
  bool v4 = v.AtLeast(4, 0);
  res.set_header("Vary", v4 ? "HX-Request, Accept-Language, Cookie, origin"
                            : "Accept, Cookie, Origin");
  res.set_header("Allow", allow);
  if (v.HasRequestIdHeader()) {
    res.set_header("X-Request-ID", info.request_id);
  }
  bool json_request =
      req.get_header_value("Content-Type").find("application/json") != std::string::npos;
  if (v.ApiVersionOnEveryResponse() || json_request) {
    res.set_header("API-Version", v.ApiVersion());
  }
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "same-origin");
  if (v4) {
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  }
  res.set_header("X-Frame-Options", "SAMEORIGIN");
  if (v4) {
    res.set_header("Content-Language", "en");
  }
  for (const auto& [name, value] : r.headers) {
    res.set_header(name, value);
  }
}

}  // namespace

std::string NewRequestId() {
  thread_local std::mt19937_64 rng(
      std::random_device{}() ^ std::hash<std::thread::id>()(std::this_thread::get_id()));
  uint64_t a = rng(), b = rng();
  a = (a & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xFFFF),
                static_cast<unsigned>(a & 0xFFFF), static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return buf;
}

void ServeApi(AppState& app, const httplib::Request& req, httplib::Response& res,
              Auth auth, const char* allow, const ApiHandler& handler) {
  // 1. Who is asking, and from which host (absolute URLs use it).
  RequestInfo info;
  info.request_id = NewRequestId();
  info.base = "http://" + req.get_header_value("Host");

  // 2. The faults that apply to this request.
  FaultDecision fault = app.faults.Decide(req.method, req.path);
  if (fault.latency_ms > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(fault.latency_ms));
  }
  if (fault.action == FaultDecision::Action::kHang) {
    app.faults.Hang(app.faults.Settings().hang_ms);
  }

  // 3. A server worker for the rest of the request.
  CostModel::WorkerSlot slot(app.cost);

  // 4. Credentials, the fault's answer or the handler's.
  ApiResponse r;
  if (auto denied = Authorize(app, req, auth, info)) {
    r = std::move(*denied);
  } else if (fault.action == FaultDecision::Action::kError) {
    r = ServerError(app.settings.version);
    r.status = fault.status;
  } else if (fault.action == FaultDecision::Action::kRateLimit) {
    r = Throttled(fault.retry_after_s);
  } else {
    r = handler(req, info);
  }

  // 5. The time the real server would have taken.
  app.cost.Spend(r.work);

  // 6. NetBox's headers and the body, or a connection cut mid-response.
  res.status = r.status;
  WriteHeaders(app, req, info, allow, r, res);
  if (fault.action == FaultDecision::Action::kDrop) {
    size_t length = r.body.size() + 64;
    res.set_content_provider(length, "application/json",
                             [](size_t, size_t, httplib::DataSink&) { return false; });
  } else if (r.has_body) {
    res.set_content(r.body, "application/json");
  }
  app.stats.Count(req.method, req.path, r.status);
}

}  // namespace nbr::sim
