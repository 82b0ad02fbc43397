#include "api/query.h"

#include <cctype>

namespace nbr::sim {

std::vector<std::string> Values(const QueryParams& q, const std::string& key) {
  std::vector<std::string> out;
  auto [begin, end] = q.equal_range(key);
  for (auto it = begin; it != end; ++it) {
    out.push_back(it->second);
  }
  return out;
}

std::optional<std::string> First(const QueryParams& q, const std::string& key) {
  auto it = q.find(key);
  if (it == q.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::string QuotePlus(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '_' || c == '.' || c == '-' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string WithParam(const std::string& base_path, const QueryParams& q,
                      const std::string& key, const std::optional<std::string>& value) {
  // A multimap is already sorted by key, and keeps insertion order within
  // one key, like Django's QueryDict sorted by urlencode(sorted(...)).
  QueryParams copy = q;
  copy.erase(key);
  if (value) {
    copy.emplace(key, *value);
  }
  std::string query;
  for (const auto& [k, v] : copy) {
    query += (query.empty() ? "?" : "&") + QuotePlus(k) + "=" + QuotePlus(v);
  }
  return base_path + query;
}

}  // namespace nbr::sim
