// A fast, append-only JSON writer. One device serializer drives it for both
// shapes NetBox produces: the REST API's compact output (DRF: "," and ":",
// UTF-8 as is) and the webhook body (Python json.dumps: ", " and ": ",
// non-ASCII escaped as \uXXXX).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace nbr::sim {

enum class JsonStyle { kCompact, kPython };

// Not thread-safe; writes into a caller-owned string. The caller keeps the
// nesting balanced: the writer only places separators.
class JsonWriter {
 public:
  JsonWriter(JsonStyle style, std::string* out) : style_(style), out_(out) {}

  JsonStyle style() const { return style_; }

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);

  void String(std::string_view value);
  void Int(int64_t value);
  void Double(double value);
  void Bool(bool value);
  void Null();
  void OptString(const std::optional<std::string>& value);
  void OptInt(const std::optional<int64_t>& value);
  void OptDouble(const std::optional<double>& value);
  // Any JSON value, written in this writer's style.
  void Value(const nlohmann::json& value);
  void Value(const nlohmann::ordered_json& value);
  // A fragment already serialized in this writer's style.
  void Raw(std::string_view fragment);

 private:
  template <typename Json>
  void WriteJson(const Json& value);
  void BeforeValue();
  void AppendEscaped(std::string_view value);

  JsonStyle style_;
  std::string* out_;
  bool need_comma_ = false;
};

// Python's repr of a float as json.dumps writes it ("1.0", "0.1", "1e+16").
std::string PythonFloat(double value);

}  // namespace nbr::sim
