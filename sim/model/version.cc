#include "model/version.h"

#include <cstdio>

namespace nbr::sim {

std::optional<NetBoxVersion> NetBoxVersion::Parse(const std::string& text) {
  NetBoxVersion v;
  char tail = 0;
  int n = std::sscanf(text.c_str(), "%d.%d.%d%c", &v.major, &v.minor, &v.patch, &tail);
  if (n == 2) {
    v.patch = -1;
    return v;
  }
  if (n == 3 && v.patch >= 0) {
    return v;
  }
  return std::nullopt;
}

bool NetBoxVersion::AtLeast(int maj, int min, int pat) const {
  if (major != maj) {
    return major > maj;
  }
  if (minor != min) {
    return minor > min;
  }
  return patch < 0 || patch >= pat;
}

std::string NetBoxVersion::ApiVersion() const {
  return std::to_string(major) + "." + std::to_string(minor);
}

std::string NetBoxVersion::FullVersion() const {
  if (patch >= 0) {
    return ApiVersion() + "." + std::to_string(patch);
  }
  // The releases the golden captures come from; ".0" elsewhere.
  if (major == 3 && minor == 1) {
    return "3.1.11";
  }
  if (major == 4 && minor == 5) {
    return "4.5.10";
  }
  return ApiVersion() + ".0";
}

}  // namespace nbr::sim
