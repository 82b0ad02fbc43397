#include "store/sqlite.h"

#include <sqlite3.h>

#include <spdlog/spdlog.h>

namespace nbr::store {

Error SqliteError(int rc, std::string_view message) {
  std::string text = "sqlite: " + std::string(message);
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return AlreadyExists(text);
      }
      return Conflict(text);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable(text);
    default:
      return IoError(text);
  }
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), bind_error_(other.bind_error_) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

void Statement::Check(int rc) {
  if (rc != SQLITE_OK && bind_error_ == 0) {
    bind_error_ = rc;
  }
}

void Statement::BindOne(int index, int64_t value) {
  Check(sqlite3_bind_int64(stmt_, index, value));
}

void Statement::BindOne(int index, std::string_view value) {
  Check(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT));
}

void Statement::BindOne(int index, std::nullopt_t) {
  Check(sqlite3_bind_null(stmt_, index));
}

Result<bool> Statement::Step() {
  if (bind_error_ != 0) {
    return SqliteError(bind_error_, "bind failed");
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  // sqlite3_step returns the primary code; the extended code tells UNIQUE.
  return SqliteError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
}

Status Statement::Run() {
  while (true) {
    NBR_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) {
      return Status::Ok();
    }
  }
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::Int(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) {
    return "";
  }
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<int64_t> Statement::OptInt(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Int(column);
}

std::optional<std::string> Statement::OptText(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Text(column);
}

TimePoint Statement::Time(int column) const {
  auto parsed = ParseTimestamp(Text(column));
  return parsed.ok() ? parsed.value() : TimePoint{};
}

std::optional<TimePoint> Statement::OptTime(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Time(column);
}

Result<std::unique_ptr<Connection>> Connection::Open(
    const std::filesystem::path& path, std::chrono::milliseconds busy_timeout) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return IoError("cannot open database '" + path.string() + "': " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  std::unique_ptr<Connection> connection(new Connection(db));

  // WAL lets readers (the CLI) run beside the daemon's writer. With WAL,
  // synchronous=NORMAL keeps every commit across a crash of the process and
  // may lose the last commits on a power loss; a lost step commit only makes
  // the step run again (steps are idempotent) and a lost inbox row is caught
  // by the periodic poll, so the ten-fold cheaper commit is worth it.
  NBR_RETURN_IF_ERROR(connection->Exec("PRAGMA journal_mode=WAL"));
  NBR_RETURN_IF_ERROR(connection->Exec("PRAGMA synchronous=NORMAL"));
  NBR_RETURN_IF_ERROR(connection->Exec("PRAGMA foreign_keys=ON"));
  return connection;
}

Connection::~Connection() {
  sqlite3_close_v2(db_);
}

Status Connection::Exec(std::string_view sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return SqliteError(sqlite3_extended_errcode(db_), text);
  }
  return Status::Ok();
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc =
      sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return SqliteError(rc, std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql));
  }
  return Statement(db_, stmt);
}

int64_t Connection::LastInsertId() const {
  return sqlite3_last_insert_rowid(db_);
}

int Connection::Changes() const {
  return sqlite3_changes(db_);
}

Result<Transaction> Transaction::Begin(Connection& connection) {
  NBR_RETURN_IF_ERROR(connection.Exec("BEGIN IMMEDIATE"));
  return Transaction(connection);
}

Transaction::~Transaction() {
  if (connection_ != nullptr) {
    auto rolled_back = connection_->Exec("ROLLBACK");
    if (!rolled_back.ok()) {
      spdlog::error("store: rollback failed: {}", rolled_back.error().ToString());
    }
  }
}

Status Transaction::Commit() {
  NBR_RETURN_IF_ERROR(connection_->Exec("COMMIT"));
  connection_ = nullptr;
  return Status::Ok();
}

}  // namespace nbr::store
