#include "webhooks/body_template.h"

#include <nlohmann/json.hpp>

#include "json/json_writer.h"

namespace nbr::sim {
namespace {

using nlohmann::ordered_json;

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string Evaluate(const ordered_json& context, std::string expr) {
  bool to_json = false;
  auto pipe = expr.find('|');
  if (pipe != std::string::npos) {
    to_json = Trim(expr.substr(pipe + 1)) == "tojson";
    expr = Trim(expr.substr(0, pipe));
  }
  const ordered_json* node = &context;
  size_t start = 0;
  while (start <= expr.size()) {
    size_t dot = expr.find('.', start);
    std::string key =
        expr.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object() || !node->contains(key)) {
      return "";
    }
    node = &(*node)[key];
    if (dot == std::string::npos) {
      break;
    }
    start = dot + 1;
  }
  if (node->is_string() && !to_json) {
    return node->get<std::string>();
  }
  std::string out;
  JsonWriter w(JsonStyle::kPython, &out);
  w.Value(*node);
  return out;
}

}  // namespace

std::string RenderBodyTemplate(const std::string& body_template,
                               const std::string& default_body) {
  ordered_json context = ordered_json::parse(default_body, nullptr, false);
  std::string out;
  size_t pos = 0;
  while (pos < body_template.size()) {
    size_t open = body_template.find("{{", pos);
    size_t close = open == std::string::npos ? open : body_template.find("}}", open);
    if (close == std::string::npos) {
      out.append(body_template, pos, std::string::npos);
      break;
    }
    out.append(body_template, pos, open - pos);
    out += Evaluate(context, Trim(body_template.substr(open + 2, close - open - 2)));
    pos = close + 2;
  }
  return out;
}

}  // namespace nbr::sim
