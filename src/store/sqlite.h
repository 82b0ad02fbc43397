// A thin RAII layer over the SQLite C API, converting its return codes into
// Errors: a UNIQUE or PRIMARY KEY violation is AlreadyExists, SQLITE_BUSY
// (the busy timeout ran out) is Unavailable, anything else IoError. Not
// thread-safe: the Store serialises all use of one Connection.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace nbr::store {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Binds parameters ?1, ?2, ... in order. A failed bind is reported by the
  // next Step().
  template <typename... Args>
  Statement& Bind(const Args&... args) {
    int index = 1;
    (BindOne(index++, args), ...);
    return *this;
  }

  // Binds one parameter by its 1-based index.
  template <typename T>
  Statement& BindAt(int index, const T& value) {
    BindOne(index, value);
    return *this;
  }

  // Advances: true when a row is ready, false when done.
  Result<bool> Step();
  // Steps to the end, for statements that return no rows.
  Status Run();

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  std::string Text(int column) const;
  std::optional<int64_t> OptInt(int column) const;
  std::optional<std::string> OptText(int column) const;
  // A timestamp column written by FormatTimestamp; epoch when unreadable.
  TimePoint Time(int column) const;
  std::optional<TimePoint> OptTime(int column) const;

 private:
  void BindOne(int index, int64_t value);
  void BindOne(int index, int value) { BindOne(index, static_cast<int64_t>(value)); }
  void BindOne(int index, std::string_view value);
  void BindOne(int index, const std::string& value) {
    BindOne(index, std::string_view(value));
  }
  void BindOne(int index, const char* value) { BindOne(index, std::string_view(value)); }
  void BindOne(int index, TimePoint value) { BindOne(index, FormatTimestamp(value)); }
  void BindOne(int index, std::nullopt_t);
  template <typename T>
  void BindOne(int index, const std::optional<T>& value) {
    if (value) {
      BindOne(index, *value);
    } else {
      BindOne(index, std::nullopt);
    }
  }
  void Check(int rc);

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_error_ = 0;
};

class Connection {
 public:
  // Opens (creating) the database file, with WAL, foreign keys, a busy
  // timeout and synchronous=NORMAL. Errors: IoError naming the path.
  static Result<std::unique_ptr<Connection>> Open(const std::filesystem::path& path,
                                                  std::chrono::milliseconds busy_timeout);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  int64_t LastInsertId() const;
  int Changes() const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// BEGIN IMMEDIATE (takes the write lock at once, so that a read-then-write
// transaction cannot be overtaken); rolls back on destruction unless
// committed.
class Transaction {
 public:
  static Result<Transaction> Begin(Connection& connection);
  Transaction(Transaction&& other) noexcept : connection_(other.connection_) {
    other.connection_ = nullptr;
  }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  Status Commit();

 private:
  explicit Transaction(Connection& connection) : connection_(&connection) {}
  Connection* connection_;
};

// Converts a SQLite result code and message into an Error.
Error SqliteError(int rc, std::string_view message);

}  // namespace nbr::store
