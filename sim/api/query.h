// Query strings the way Django and DRF read and rebuild them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nbr::sim {

using QueryParams = std::multimap<std::string, std::string>;

std::vector<std::string> Values(const QueryParams& q, const std::string& key);
std::optional<std::string> First(const QueryParams& q, const std::string& key);

// DRF's replace_query_param / remove_query_param: the query re-encoded
// with keys sorted, `key` set to `value` (or removed when value is null).
std::string WithParam(const std::string& base_path, const QueryParams& q,
                      const std::string& key, const std::optional<std::string>& value);

// Python's urllib.parse.quote_plus.
std::string QuotePlus(const std::string& text);

}  // namespace nbr::sim
