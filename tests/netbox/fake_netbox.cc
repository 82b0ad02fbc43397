#include "netbox/fake_netbox.h"

#include <chrono>
#include <stdexcept>

namespace nbr::testing {

FakeNetBox::FakeNetBox() {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    Dispatch(req, res);
  };
  server_.Get(".*", handler);
  server_.Patch(".*", handler);
  server_.Post(".*", handler);
  server_.set_tcp_nodelay(true);
  server_.set_keep_alive_timeout(1);  // closes idle connections quickly

  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) {
    throw std::runtime_error("cannot bind a test server");
  }
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

FakeNetBox::~FakeNetBox() {
  {
    std::lock_guard lock(mu_);
    released_ = true;
  }
  released_cv_.notify_all();
  server_.stop();
  thread_.join();
}

void FakeNetBox::On(const std::string& method, const std::string& target,
                    FakeReply reply) {
  On(method, target, [reply](const httplib::Request&) { return reply; });
}

void FakeNetBox::On(const std::string& method, const std::string& target,
                    Responder responder) {
  std::lock_guard lock(mu_);
  script_[{method, target}] = std::move(responder);
}

void FakeNetBox::HangOn(const std::string& method, const std::string& target) {
  On(method, target, [this](const httplib::Request&) {
    std::unique_lock lock(mu_);
    released_cv_.wait(lock, [this] { return released_; });
    return FakeReply{503, "{}", {}};
  });
}

std::vector<SeenRequest> FakeNetBox::seen() const {
  std::lock_guard lock(mu_);
  return seen_;
}

void FakeNetBox::Dispatch(const httplib::Request& request, httplib::Response& response) {
  Responder responder;
  {
    std::lock_guard lock(mu_);
    seen_.push_back({request.method, request.target, request.body, request.headers});
    auto it = script_.find({request.method, request.target});
    if (it == script_.end()) {
      it = script_.find({request.method, request.path});
    }
    if (it != script_.end()) {
      responder = it->second;
    }
  }

  FakeReply reply =
      responder ? responder(request) : FakeReply{404, R"({"detail":"Not found."})"};
  response.status = reply.status;
  for (const auto& [name, value] : reply.headers) {
    response.set_header(name, value);
  }
  response.set_content(reply.body, "application/json");
}

}  // namespace nbr::testing
