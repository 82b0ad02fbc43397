#include "webhooks/event_rule.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace nbr::sim {
namespace {

using nlohmann::json;

Status ReadSecretFile(const std::string& path, std::string& secret) {
  std::ifstream in(path);
  if (!in) {
    return Status::Error("cannot read secret file '" + path + "'");
  }
  std::stringstream buf;
  buf << in.rdbuf();
  secret = buf.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) {
    secret.pop_back();
  }
  return Status::Ok();
}

Status ParseRule(const json& j, const std::string& base_dir, EventRule& rule) {
  if (!j.is_object() || !j.contains("url") || !j["url"].is_string()) {
    return Status::Error("an event rule needs a \"url\"");
  }
  rule.url = j["url"].get<std::string>();
  rule.secret = j.value("secret", "");
  if (j.contains("secret_file")) {
    std::filesystem::path file = j["secret_file"].get<std::string>();
    if (file.is_relative() && !base_dir.empty()) {
      file = std::filesystem::path(base_dir) / file;
    }
    Status read = ReadSecretFile(file.string(), rule.secret);
    if (!read.ok()) {
      return read;
    }
  }
  if (j.contains("body_version") && !j["body_version"].is_null()) {
    rule.body_version = NetBoxVersion::Parse(j["body_version"].get<std::string>());
    if (!rule.body_version) {
      return Status::Error("bad body_version in rule for " + rule.url);
    }
  }
  rule.body_template = j.value("body_template", "");
  if (j.contains("events")) {
    rule.events.clear();
    for (const auto& e : j["events"]) {
      std::string name = e.get<std::string>();
      // NetBox 4.1+ names them object_created etc. in the rule itself.
      if (name.rfind("object_", 0) == 0) {
        name = name.substr(7);
      }
      rule.events.insert(name);
    }
  }
  if (j.contains("object_types")) {
    rule.object_types.clear();
    for (const auto& t : j["object_types"]) {
      std::string type = t.get<std::string>();
      if (type != "dcim.device" && type != "ipam.ipaddress") {
        return Status::Error("unsupported object type '" + type + "' in rule for " +
                             rule.url + " (dcim.device and ipam.ipaddress are served)");
      }
      rule.object_types.insert(type);
    }
  }
  if (j.contains("headers")) {
    for (auto it = j["headers"].begin(); it != j["headers"].end(); ++it) {
      rule.headers.emplace_back(it.key(), it.value().get<std::string>());
    }
  }
  return Status::Ok();
}

}  // namespace

Status ParseEventRules(const json& rules, const std::string& base_dir,
                       std::vector<EventRule>& out) {
  if (!rules.is_array()) {
    return Status::Error("event rules must be a JSON list");
  }
  try {
    for (const auto& j : rules) {
      EventRule rule;
      Status parsed = ParseRule(j, base_dir, rule);
      if (!parsed.ok()) {
        return parsed;
      }
      out.push_back(std::move(rule));
    }
  } catch (const json::exception& e) {
    return Status::Error(std::string("bad event rule: ") + e.what());
  }
  return Status::Ok();
}

Status LoadEventRules(const std::string& path, std::vector<EventRule>& out) {
  std::ifstream in(path);
  if (!in) {
    return Status::Error("cannot read event rules '" + path + "'");
  }
  json rules = json::parse(in, nullptr, false);
  if (rules.is_discarded()) {
    return Status::Error("event rules '" + path + "' are not valid JSON");
  }
  Status parsed =
      ParseEventRules(rules, std::filesystem::path(path).parent_path().string(), out);
  return parsed.ok() ? parsed : Status::Error(path + ": " + parsed.message());
}

}  // namespace nbr::sim
