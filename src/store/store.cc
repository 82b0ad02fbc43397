#include "store/store.h"

#include <spdlog/spdlog.h>

#include "store/schema.h"

namespace nbr::store {

Result<std::unique_ptr<Store>> Store::Open(const std::filesystem::path& path,
                                           const Clock& clock, StoreOptions options) {
  NBR_ASSIGN_OR_RETURN(auto connection, Connection::Open(path, options.busy_timeout));
  auto migrated = Migrate(*connection);
  if (!migrated.ok()) {
    return migrated.error().WithContext("database '" + path.string() + "'");
  }
  spdlog::debug("store: opened '{}' at schema version {}", path.string(),
                CurrentSchemaVersion());
  return std::unique_ptr<Store>(new Store(std::move(connection), clock));
}

Result<int> Store::SchemaVersion() {
  std::lock_guard lock(mu_);
  return ReadSchemaVersion(*connection_);
}

}  // namespace nbr::store
