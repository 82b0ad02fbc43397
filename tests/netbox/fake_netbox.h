// A scripted NetBox for client tests: a real cpp-httplib server on
// 127.0.0.1, on a port the kernel picks, answering what the test set up.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace nbr::testing {

struct FakeReply {
  FakeReply(int status_code, std::string body_text, httplib::Headers extra = {})
      : status(status_code), body(std::move(body_text)), headers(std::move(extra)) {}

  int status;
  std::string body;
  httplib::Headers headers;
};

// What the server saw of one request.
struct SeenRequest {
  std::string method;
  std::string target;  // path and query as sent
  std::string body;
  httplib::Headers headers;
};

class FakeNetBox {
 public:
  using Responder = std::function<FakeReply(const httplib::Request&)>;

  FakeNetBox();
  ~FakeNetBox();

  // Answers `method` on `target`: an exact path+query first, then the path
  // alone. Unscripted requests get 404 {"detail": "Not found."}.
  void On(const std::string& method, const std::string& target, FakeReply reply);
  void On(const std::string& method, const std::string& target, Responder responder);
  // Every request to `method` holds its worker until the server stops.
  void HangOn(const std::string& method, const std::string& target);

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  std::vector<SeenRequest> seen() const;

 private:
  void Dispatch(const httplib::Request& request, httplib::Response& response);

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;

  mutable std::mutex mu_;
  std::condition_variable released_cv_;
  bool released_ = false;
  std::map<std::pair<std::string, std::string>, Responder> script_;
  std::vector<SeenRequest> seen_;
};

}  // namespace nbr::testing
