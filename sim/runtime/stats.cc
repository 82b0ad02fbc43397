#include "runtime/stats.h"

#include <cctype>

namespace nbr::sim {

std::string EndpointOf(const std::string& path) {
  std::string out;
  size_t i = 0;
  while (i < path.size()) {
    size_t end = path.find('/', i);
    if (end == std::string::npos) {
      end = path.size();
    }
    std::string segment = path.substr(i, end - i);
    bool numeric =
        !segment.empty() && segment.find_first_not_of("0123456789") == std::string::npos;
    out += numeric ? "{id}" : segment;
    if (end < path.size()) {
      out += '/';
    }
    i = end + 1;
  }
  return out;
}

void Stats::Count(const std::string& method, const std::string& path, int status) {
  std::lock_guard lock(mu_);
  ++counts_[{EndpointOf(path), method, status}];
}

void Stats::Reset() {
  std::lock_guard lock(mu_);
  counts_.clear();
}

nlohmann::json Stats::ToJson() const {
  std::lock_guard lock(mu_);
  nlohmann::json requests = nlohmann::json::object();
  int64_t total = 0;
  for (const auto& [key, count] : counts_) {
    const auto& [endpoint, method, status] = key;
    auto& entry = requests[method + " " + endpoint];
    std::string code = std::to_string(status);
    int64_t before =
        entry.is_object() && entry.contains(code) ? entry[code].get<int64_t>() : 0;
    entry[code] = before + count;
    total += count;
  }
  return {{"total", total}, {"requests", requests}};
}

int64_t Stats::Get(const std::string& method, const std::string& endpoint,
                   int status) const {
  std::lock_guard lock(mu_);
  int64_t n = 0;
  for (const auto& [key, count] : counts_) {
    const auto& [e, m, s] = key;
    if (e == endpoint && m == method && (status == 0 || s == status)) {
      n += count;
    }
  }
  return n;
}

}  // namespace nbr::sim
