// What every serializer needs: the data, the NetBox version whose shapes to
// produce, and the prefix of URLs ("http://host:port" in the REST API, ""
// in webhooks, whose URLs are relative).
#pragma once

#include <string>

#include "model/inventory.h"
#include "model/version.h"

namespace nbr::sim {

struct RenderContext {
  const Inventory& inventory;
  const NetBoxVersion& version;
  std::string base;  // prepended to "/api/..." paths

  std::string Url(const char* api_path, int id) const {
    return base + api_path + std::to_string(id) + "/";
  }
};

}  // namespace nbr::sim
