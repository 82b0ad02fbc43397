#include "daemon/http_service.h"

#include <httplib.h>
#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "store/json.h"

namespace nbr::daemon {
namespace {

constexpr const char* kJson = "application/json";

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), kJson);
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, status, {{"error", message}});
}

int StatusFor(const Error& e) {
  switch (e.kind()) {
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kInvalidArgument:
      return 400;
    case ErrorKind::kConflict:
    case ErrorKind::kAlreadyExists:
      return 409;
    case ErrorKind::kPermissionDenied:
      return 403;
    case ErrorKind::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

nlohmann::json ReportRowJson(const store::Report& r) {
  return {{"id", r.id},
          {"started_at", FormatTimestamp(r.started_at)},
          {"finished_at", FormatTimestamp(r.finished_at)},
          {"trigger", r.trigger},
          {"summary", r.summary}};
}

void SendReport(httplib::Response& res, const Result<store::Report>& row) {
  if (!row.ok()) {
    SendError(res, StatusFor(row.error()), row.error().message());
    return;
  }
  nlohmann::json j = nlohmann::json::parse(row->report_json, nullptr, false);
  if (j.is_discarded()) {
    SendError(res, 500, "stored report is not JSON");
    return;
  }
  j["id"] = row->id;
  SendJson(res, 200, j);
}

}  // namespace

HttpService::HttpService(const config::WebhookSettings& settings,
                         WebhookReceiver& webhooks, store::Store& store, Metrics& metrics,
                         ServiceHooks hooks)
    : settings_(settings),
      webhooks_(webhooks),
      store_(store),
      metrics_(metrics),
      hooks_(std::move(hooks)),
      server_(std::make_unique<httplib::Server>()) {
  // Without TCP_NODELAY every keep-alive answer waits on a delayed ACK.
  server_->set_tcp_nodelay(true);
  server_->set_payload_max_length(settings.max_body_bytes);
  server_->set_read_timeout(10, 0);
  server_->set_write_timeout(10, 0);
  server_->set_keep_alive_max_count(100);
  server_->new_task_queue = [] { return new httplib::ThreadPool(8); };
  Routes();
}

HttpService::~HttpService() {
  Stop();
}

void HttpService::UpdateSettings(const config::WebhookSettings& settings) {
  std::lock_guard lock(settings_mu_);
  settings_ = settings;
}

bool HttpService::Authorized(const std::string& header) const {
  std::lock_guard lock(settings_mu_);
  const std::string& token = settings_.admin_token.reveal();
  const std::string prefix = "Bearer ";
  if (token.empty() || header.size() != prefix.size() + token.size() ||
      header.compare(0, prefix.size(), prefix) != 0) {
    return false;
  }
  return CRYPTO_memcmp(header.data() + prefix.size(), token.data(), token.size()) == 0;
}

void HttpService::Routes() {
  auto& s = *server_;

  s.Post(settings_.path, [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<std::string_view> signature;
    std::string header;
    if (req.has_header("X-Hook-Signature")) {
      header = req.get_header_value("X-Hook-Signature");
      signature = header;
    }
    WebhookAnswer answer = webhooks_.Handle(req.body, signature);
    res.status = answer.status;
    res.set_content(answer.body, kJson);
  });

  s.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain");
  });

  s.Get("/readyz", [this](const httplib::Request&, httplib::Response& res) {
    std::string reason = hooks_.not_ready_reason ? hooks_.not_ready_reason() : "";
    if (reason.empty()) {
      res.set_content("ready\n", "text/plain");
    } else {
      res.status = 503;
      res.set_content("not ready: " + reason + "\n", "text/plain");
    }
  });

  s.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics_.Render(), "text/plain; version=0.0.4");
  });

  s.Get("/api/v1/reports", [this](const httplib::Request&, httplib::Response& res) {
    auto rows = store_.ListReports(100);
    if (!rows.ok()) {
      SendError(res, StatusFor(rows.error()), rows.error().message());
      return;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : *rows) {
      out.push_back(ReportRowJson(r));
    }
    SendJson(res, 200, out);
  });

  s.Get("/api/v1/reports/latest",
        [this](const httplib::Request&, httplib::Response& res) {
          auto latest = store_.LatestReport();
          if (!latest.ok()) {
            SendError(res, StatusFor(latest.error()), latest.error().message());
          } else if (!*latest) {
            SendError(res, 404, "no reconciliation report yet");
          } else {
            SendReport(res, **latest);
          }
        });

  s.Get(R"(/api/v1/reports/(\d+))",
        [this](const httplib::Request& req, httplib::Response& res) {
          SendReport(res, store_.GetReport(std::stoll(req.matches[1])));
        });

  s.Get("/api/v1/subscriptions", [this](const httplib::Request&, httplib::Response& res) {
    auto subs = store_.ListSubscriptions();
    if (!subs.ok()) {
      SendError(res, StatusFor(subs.error()), subs.error().message());
      return;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& sub : *subs) {
      out.push_back(store::ToJson(sub));
    }
    SendJson(res, 200, out);
  });

  s.Get("/api/v1/processes", [this](const httplib::Request& req, httplib::Response& res) {
    store::ProcessQuery query;
    if (req.has_param("status")) {
      auto status = store::ParseProcessStatus(req.get_param_value("status"));
      if (!status.ok()) {
        SendError(res, 400, status.error().message());
        return;
      }
      query.statuses = {*status};
    }
    auto processes = store_.ListProcesses(query);
    if (!processes.ok()) {
      SendError(res, StatusFor(processes.error()), processes.error().message());
      return;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : *processes) {
      out.push_back(store::ToJson(p));
    }
    SendJson(res, 200, out);
  });

  s.Post("/api/v1/passes", [this](const httplib::Request& req, httplib::Response& res) {
    if (!Authorized(req.get_header_value("Authorization"))) {
      SendError(res, 403, "an admin token is required (Authorization: Bearer ...)");
      return;
    }
    hooks_.start_pass();
    SendJson(res, 202, {{"result", "queued"}});
  });

  s.Post(R"(/api/v1/processes/(\d+)/confirm)", [this](const httplib::Request& req,
                                                      httplib::Response& res) {
    if (!Authorized(req.get_header_value("Authorization"))) {
      SendError(res, 403, "an admin token is required (Authorization: Bearer ...)");
      return;
    }
    auto result = hooks_.confirm(std::stoll(req.matches[1]), "operator:http");
    if (!result.ok()) {
      SendError(res, StatusFor(result.error()), result.error().message());
      return;
    }
    SendJson(res, 200, *result);
  });

  s.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        spdlog::error("HTTP {} {} failed: {}", req.method, req.path, what);
        SendError(res, 500, "internal error");
      });
}

Status HttpService::Bind() {
  const std::string& host = settings_.listen_address;
  if (settings_.listen_port == 0) {
    port_ = server_->bind_to_any_port(host);
  } else {
    port_ =
        server_->bind_to_port(host, settings_.listen_port) ? settings_.listen_port : -1;
  }
  if (port_ <= 0) {
    return Unavailable("cannot listen on " + host + ":" +
                       std::to_string(settings_.listen_port) +
                       " (address in use or not available)");
  }
  return Status::Ok();
}

void HttpService::Start() {
  thread_ = std::thread([this] { server_->listen_after_bind(); });
}

void HttpService::Stop() {
  if (server_) {
    server_->stop();
  }
  if (thread_.joinable()) {
    thread_.join();
  }
}

}  // namespace nbr::daemon
