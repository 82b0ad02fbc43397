#include "netbox/transport.h"

#include <exception>

#include <httplib.h>
#include <spdlog/spdlog.h>

#include "netbox/auth.h"

namespace nbr::netbox {
namespace {

// Idle keep-alive connections kept; more may be open while busy.
constexpr size_t kMaxIdleConnections = 4;

std::string UserAgent() {
  return std::string("netbox-reconciler/") + NBR_VERSION;
}

}  // namespace

Transport::Transport(const config::NetBoxSettings& settings, BaseUrl base,
                     RequestObserver observer)
    : settings_(settings),
      base_(std::move(base)),
      observer_(std::move(observer)),
      limiter_(settings.requests_per_second, clock_) {}

Transport::~Transport() = default;

Result<HttpAnswer> Transport::Send(std::string_view method, std::string_view endpoint,
                                   std::string_view path, const std::string& body,
                                   PathMode mode) {
  // 1. Wait for the rate limit, then build the request.
  limiter_.Acquire();
  httplib::Request request;
  request.method = std::string(method);
  request.path = mode == PathMode::kUnderPrefix ? base_.prefix + std::string(path)
                                                : std::string(path);
  request.headers = {
      {"Accept", "application/json"},
      // NetBox 3.1 sends API-Version only when the request has this.
      {"Content-Type", "application/json"},
      {"User-Agent", UserAgent()},
  };
  if (!settings_.token.empty()) {
    request.headers.emplace("Authorization", AuthorizationValue(settings_.token));
  }
  request.body = body;
  std::string what = request.method + " " + request.path;

  // 2. Exchange it on a pooled connection.
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<httplib::Client> client = Borrow();
  httplib::Result result{nullptr, httplib::Error::Unknown};
  std::string failure;
  try {
    result = client->send(request);
    if (!result) {
      failure = httplib::to_string(result.error());
    }
  } catch (const std::exception& e) {
    failure = e.what();
  }
  requests_.fetch_add(1);

  // 3. No answer: drop the connection, report it as retryable.
  if (!failure.empty()) {
    Observe(method, endpoint, 0, start);
    return Unavailable(RedactToken(
        "NetBox " + what + ": no answer (" + failure + ") from " + base_.Origin(),
        settings_.token));
  }

  // 4. An answer: keep the connection for the next request.
  HttpAnswer answer;
  answer.status = result->status;
  answer.body = std::move(result->body);
  answer.retry_after = result->get_header_value("Retry-After");
  GiveBack(std::move(client));
  Observe(method, endpoint, answer.status, start);
  return answer;
}

std::unique_ptr<httplib::Client> Transport::Borrow() {
  {
    std::lock_guard lock(pool_mu_);
    if (!idle_.empty()) {
      auto client = std::move(idle_.back());
      idle_.pop_back();
      return client;
    }
  }
  return NewClient();
}

void Transport::GiveBack(std::unique_ptr<httplib::Client> client) {
  std::lock_guard lock(pool_mu_);
  if (idle_.size() < kMaxIdleConnections) {
    idle_.push_back(std::move(client));
  }
}

std::unique_ptr<httplib::Client> Transport::NewClient() const {
  auto client = std::make_unique<httplib::Client>(base_.Origin());
  client->set_tcp_nodelay(true);
  client->set_keep_alive(true);
  client->set_connection_timeout(settings_.timeout);
  client->set_read_timeout(settings_.timeout);
  client->set_write_timeout(settings_.timeout);
  client->set_follow_location(false);
  if (base_.scheme == "https") {
    client->enable_server_certificate_verification(settings_.verify_tls);
    if (!settings_.ca_file.empty()) {
      client->set_ca_cert_path(settings_.ca_file);
    }
  }
  return client;
}

void Transport::Observe(std::string_view method, std::string_view endpoint, int status,
                        std::chrono::steady_clock::time_point start) {
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::debug("netbox {} {} -> {} in {:.3f} s", method, endpoint, status, seconds);
  if (observer_) {
    observer_(RequestRecord{std::string(method), std::string(endpoint), status, seconds});
  }
}

}  // namespace nbr::netbox
