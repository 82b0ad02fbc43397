// Reading the golden captures copied into tests/*/testdata: raw HTTP
// messages (start line, headers, CRLF, byte-exact body).
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace nbr::testing {

// The whole file at `relative` under the source tree's tests/ directory.
inline std::string ReadTestFile(std::string_view relative) {
  std::string path = std::string(NBR_SOURCE_DIR) + "/tests/" + std::string(relative);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("missing test file " + path);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A raw HTTP message split into its head and its exact body.
struct HttpMessage {
  std::string head;
  std::string body;

  // The value of header `name` (case-sensitive as captured), "" if absent.
  std::string Header(std::string_view name) const {
    std::string key = "\r\n" + std::string(name) + ": ";
    size_t pos = head.find(key);
    if (pos == std::string::npos) {
      return "";
    }
    size_t start = pos + key.size();
    return head.substr(start, head.find("\r\n", start) - start);
  }
  // The status of a response ("HTTP/1.1 404 Not Found" -> 404).
  int Status() const { return std::stoi(head.substr(head.find(' ') + 1, 3)); }
};

inline HttpMessage ReadCapture(std::string_view relative) {
  std::string raw = ReadTestFile(relative);
  size_t split = raw.find("\r\n\r\n");
  if (split == std::string::npos) {
    throw std::runtime_error("not an HTTP capture: " + std::string(relative));
  }
  return HttpMessage{raw.substr(0, split), raw.substr(split + 4)};
}

// The body of a NetBox golden response: "v4.5", "10_device_get_loc1".
inline std::string GoldenBody(std::string_view version, std::string_view name) {
  return ReadCapture("netbox/testdata/" + std::string(version) + "/" + std::string(name) +
                     ".response.http")
      .body;
}

}  // namespace nbr::testing
