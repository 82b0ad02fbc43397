// Loads NetBox's own export format (Django `dumpdata` JSON: a list of
// {"model", "pk", "fields"} rows) into an Inventory.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/inventory.h"
#include "util/status.h"

namespace nbr::sim {

// Adds the rows to `inventory`. When the inventory already holds objects,
// every loaded object is re-keyed past the largest id of its kind (and the
// foreign keys pointing at it with it), so that several inventories can be
// served together with the first keeping its ids. Models the emulator does
// not serve are skipped. Returns an error naming the row on a malformed one.
Status LoadDumpdata(const nlohmann::json& rows, Inventory& inventory);

// Reads and loads a dumpdata file.
Status LoadDumpdataFile(const std::string& path, Inventory& inventory);

}  // namespace nbr::sim
