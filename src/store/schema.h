// The database schema and its migrations. The schema version is kept in
// `PRAGMA user_version`; each migration runs in its own transaction and bumps
// it, so a crash during a migration leaves the previous version intact.
#pragma once

#include "common/result.h"
#include "store/sqlite.h"

namespace nbr::store {

// The version this program writes.
int CurrentSchemaVersion();

// Brings the database up to CurrentSchemaVersion(). Safe to call from several
// processes at once (each migration re-reads the version under the write
// lock). Errors: IoError from SQLite; InvalidArgument when the file carries a
// newer version than this program knows (a downgrade).
Status Migrate(Connection& connection);

// Reads `PRAGMA user_version`.
Result<int> ReadSchemaVersion(Connection& connection);

}  // namespace nbr::store
