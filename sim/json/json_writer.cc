#include "json/json_writer.h"

#include <charconv>
#include <cmath>

namespace nbr::sim {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendUnicodeEscape(std::string* out, uint32_t unit) {
  out->append("\\u");
  for (int shift = 12; shift >= 0; shift -= 4) {
    out->push_back(kHex[(unit >> shift) & 0xF]);
  }
}

// Decodes one UTF-8 sequence at value[i]; advances i. Invalid bytes map to
// U+FFFD like Python's "replace" would.
uint32_t DecodeUtf8(std::string_view value, size_t& i) {
  auto byte = static_cast<unsigned char>(value[i]);
  int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
  uint32_t code = extra == 3 ? byte & 0x07 : extra == 2 ? byte & 0x0F : byte & 0x1F;
  if (extra > 0 && i + extra >= value.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    code = (code << 6) | (static_cast<unsigned char>(value[i + k]) & 0x3F);
  }
  i += extra + 1;
  return code;
}

}  // namespace

std::string PythonFloat(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "Infinity" : "-Infinity";
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  std::string text(buf, end);
  if (text.find_first_of(".en") == std::string::npos) {
    text += ".0";
  }
  return text;
}

void JsonWriter::BeforeValue() {
  if (need_comma_) {
    out_->append(style_ == JsonStyle::kPython ? ", " : ",");
  }
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_->push_back('{');
  need_comma_ = false;
}

void JsonWriter::EndObject() {
  out_->push_back('}');
  need_comma_ = true;
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_->push_back('[');
  need_comma_ = false;
}

void JsonWriter::EndArray() {
  out_->push_back(']');
  need_comma_ = true;
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  out_->push_back('"');
  AppendEscaped(key);
  out_->append(style_ == JsonStyle::kPython ? "\": " : "\":");
  need_comma_ = false;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  out_->push_back('"');
  AppendEscaped(value);
  out_->push_back('"');
  need_comma_ = true;
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  out_->append(buf, end);
  need_comma_ = true;
}

void JsonWriter::Double(double value) {
  BeforeValue();
  out_->append(PythonFloat(value));
  need_comma_ = true;
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_->append(value ? "true" : "false");
  need_comma_ = true;
}

void JsonWriter::Null() {
  BeforeValue();
  out_->append("null");
  need_comma_ = true;
}

void JsonWriter::OptString(const std::optional<std::string>& value) {
  value ? String(*value) : Null();
}

void JsonWriter::OptInt(const std::optional<int64_t>& value) {
  value ? Int(*value) : Null();
}

void JsonWriter::OptDouble(const std::optional<double>& value) {
  value ? Double(*value) : Null();
}

void JsonWriter::Value(const nlohmann::json& value) {
  WriteJson(value);
}

void JsonWriter::Value(const nlohmann::ordered_json& value) {
  WriteJson(value);
}

void JsonWriter::Raw(std::string_view fragment) {
  BeforeValue();
  out_->append(fragment);
  need_comma_ = true;
}

template <typename Json>
void JsonWriter::WriteJson(const Json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      BeginObject();
      for (auto it = value.begin(); it != value.end(); ++it) {
        Key(it.key());
        WriteJson(it.value());
      }
      EndObject();
      return;
    case nlohmann::json::value_t::array:
      BeginArray();
      for (const auto& item : value) {
        WriteJson(item);
      }
      EndArray();
      return;
    case nlohmann::json::value_t::string:
      String(value.template get_ref<const std::string&>());
      return;
    case nlohmann::json::value_t::number_integer:
      Int(value.template get<int64_t>());
      return;
    case nlohmann::json::value_t::number_unsigned:
      Int(static_cast<int64_t>(value.template get<uint64_t>()));
      return;
    case nlohmann::json::value_t::number_float:
      Double(value.template get<double>());
      return;
    case nlohmann::json::value_t::boolean:
      Bool(value.template get<bool>());
      return;
    default:
      Null();
  }
}

void JsonWriter::AppendEscaped(std::string_view value) {
  bool ascii_only = style_ == JsonStyle::kPython;
  for (size_t i = 0; i < value.size();) {
    // First, the run of characters that need no escaping, in one append.
    size_t run = i;
    while (run < value.size()) {
      auto c = static_cast<unsigned char>(value[run]);
      if (c < 0x20 || c == '"' || c == '\\' || (ascii_only && c >= 0x80)) {
        break;
      }
      ++run;
    }
    out_->append(value.data() + i, run - i);
    i = run;
    if (i == value.size()) {
      break;
    }
    auto c = static_cast<unsigned char>(value[i]);
    if (c == '"' || c == '\\') {
      out_->push_back('\\');
      out_->push_back(static_cast<char>(c));
      ++i;
    } else if (c == '\n') {
      out_->append("\\n");
      ++i;
    } else if (c == '\r') {
      out_->append("\\r");
      ++i;
    } else if (c == '\t') {
      out_->append("\\t");
      ++i;
    } else if (c == '\b') {
      out_->append("\\b");
      ++i;
    } else if (c == '\f') {
      out_->append("\\f");
      ++i;
    } else if (c < 0x20) {
      AppendUnicodeEscape(out_, c);
      ++i;
    } else if (c < 0x80 || style_ == JsonStyle::kCompact) {
      out_->push_back(static_cast<char>(c));
      ++i;
    } else {
      uint32_t code = DecodeUtf8(value, i);
      if (code >= 0x10000) {
        code -= 0x10000;
        AppendUnicodeEscape(out_, 0xD800 + (code >> 10));
        AppendUnicodeEscape(out_, 0xDC00 + (code & 0x3FF));
      } else {
        AppendUnicodeEscape(out_, code);
      }
    }
  }
}

}  // namespace nbr::sim
