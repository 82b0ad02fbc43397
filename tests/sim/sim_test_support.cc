#include "sim/sim_test_support.h"

#include <fstream>
#include <regex>
#include <sstream>

namespace nbr::sim::testing {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::string HttpMessage::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) {
      return v;
    }
  }
  return "";
}

bool HttpMessage::HasHeader(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) {
      return true;
    }
  }
  return false;
}

HttpMessage ReadHttpFile(const std::string& path) {
  std::string raw = ReadFile(path);
  HttpMessage m;
  size_t head_end = raw.find("\r\n\r\n");
  std::string head = raw.substr(0, head_end);
  m.body = head_end == std::string::npos ? "" : raw.substr(head_end + 4);
  std::stringstream lines(head);
  std::string line;
  std::getline(lines, line);
  m.start_line = line.substr(0, line.find('\r'));
  while (std::getline(lines, line)) {
    line = line.substr(0, line.find('\r'));
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      m.headers.emplace_back(line.substr(0, colon), line.substr(colon + 2));
    }
  }
  return m;
}

InProcessSim::InProcessSim(SimOptions options) {
  Status created = SimServer::Create(options, server_);
  if (created.ok()) {
    created = server_->Bind();
  }
  if (!created.ok()) {
    throw std::runtime_error(created.message());
  }
  base_url_ = server_->base_url();
  serving_ = std::thread([this] { server_->Run(); });
  auto client = Client();
  for (int i = 0; i < 200 && !client->Get("/_sim/stats"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

InProcessSim::~InProcessSim() {
  server_->Stop();
  serving_.join();
}

std::unique_ptr<httplib::Client> InProcessSim::Client() const {
  auto client = std::make_unique<httplib::Client>(base_url_);
  client->set_tcp_nodelay(true);
  client->set_read_timeout(30);
  return client;
}

WebhookReceiver::WebhookReceiver() {
  server_.set_tcp_nodelay(true);
  server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard lock(mu_);
      received_.push_back({req.body, req.headers});
    }
    res.status = status_;
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  serving_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

WebhookReceiver::~WebhookReceiver() {
  server_.stop();
  serving_.join();
}

std::vector<WebhookReceiver::Received> WebhookReceiver::received() const {
  std::lock_guard lock(mu_);
  return received_;
}

nlohmann::ordered_json Normalize(const nlohmann::ordered_json& value) {
  static const std::regex kDate(R"(^\d{4}-\d{2}-\d{2}$)");
  static const std::regex kDateTime(
      R"(^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
  static const std::regex kUuid(
      R"(^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)");
  if (value.is_object()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string& key = it.key();
      const auto& v = it.value();
      bool volatile_key = key == "created" || key == "last_updated" ||
                          key == "timestamp" || key == "request_id";
      if (key == "hostname" && v.is_string()) {
        out[key] = "<host>";
      } else if (volatile_key && v.is_string()) {
        std::string s = v.get<std::string>();
        bool space = s.size() > 10 && s[10] == ' ';
        out[key] = std::regex_match(s, kDate) ? "<date>"
                   : std::regex_match(s, kDateTime)
                       ? (space ? "<datetime-space>" : "<datetime>")
                   : std::regex_match(s, kUuid) ? "<uuid>"
                                                : s;
      } else {
        out[key] = Normalize(v);
      }
    }
    return out;
  }
  if (value.is_array()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& item : value) {
      out.push_back(Normalize(item));
    }
    return out;
  }
  return value;
}

SimOptions OptionsFor(const std::string& version, std::vector<std::string> data) {
  SimOptions o;
  o.netbox_version = version;
  o.data = std::move(data);
  o.listen = "127.0.0.1:0";
  o.http_threads = 16;
  return o;
}

}  // namespace nbr::sim::testing
