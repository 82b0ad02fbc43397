// Typed, validating readers over a parsed TOML document. Every error names
// the file, the line, the key, the bad value and what was expected; keys that
// no reader asked for are reported by Finish() as unknown, with the closest
// known key suggested when one is near.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "config/config.h"

namespace toml {
inline namespace v3 {
class table;
class node;
}  // namespace v3
}  // namespace toml

namespace nbr::config {

enum class PathKind { kOptionalFile, kRequiredFile };

// Reads the keys of one table. A missing table reads as empty (all
// defaults). Not thread-safe; lives as long as its RootReader.
class TableReader {
 public:
  TableReader(const toml::table* table, std::string name, std::filesystem::path source);

  // Each reader leaves `out` unchanged when the key is absent.
  Status String(std::string_view key, std::string& out);
  Status RequiredString(std::string_view key, std::string& out);
  Status Bool(std::string_view key, bool& out);
  Status Int(std::string_view key, long long min, long long max, int& out);
  Status Size(std::string_view key, long long min, long long max, size_t& out);
  Status Double(std::string_view key, double min, double max, double& out);
  Status Seconds(std::string_view key, long long min, long long max,
                 std::chrono::seconds& out);
  Status Millis(std::string_view key, double min_s, double max_s,
                std::chrono::milliseconds& out);
  Status Url(std::string_view key,
             std::string& out);  // required, http(s)://host[:port][/path]
  Status UrlPath(std::string_view key, std::string& out);  // "/..."
  Status Path(std::string_view key, const std::filesystem::path& base, std::string& out,
              PathKind kind);
  Status StringList(std::string_view key, std::vector<std::string>& out);
  Status PolicyValue(std::string_view key, Policy& out);
  Status ConfirmationValue(std::string_view key, Confirmation& out);
  Status LogLevelValue(std::string_view key, LogLevel& out);

  // Fails when `key` is present: secrets never live in the file itself.
  Status ForbidSecret(std::string_view key, std::string_view use_instead);

  bool Has(std::string_view key) const;

  // An error located at `key` (or at the table when the key is absent).
  Error ErrorAt(std::string_view key, std::string_view problem) const;

  // Fails on the first key that no reader asked for.
  Status Finish() const;

 private:
  const toml::node* Find(std::string_view key);
  Error BadValue(std::string_view key, const toml::node& node,
                 std::string_view expected) const;
  std::string Location(const toml::node* node) const;

  const toml::table* table_;
  std::string name_;
  std::filesystem::path source_;
  std::set<std::string, std::less<>> known_;
};

// The whole document.
class RootReader {
 public:
  // Parses TOML text; a syntax error names the file, line and column.
  static Result<RootReader> Parse(std::string_view text,
                                  const std::filesystem::path& source);

  RootReader(RootReader&&) noexcept;
  RootReader& operator=(RootReader&&) noexcept;
  ~RootReader();

  Status RequireTables(std::initializer_list<std::string_view> names) const;
  TableReader Table(std::string_view name);
  // Fails on an unknown top-level table or key.
  Status Finish() const;

 private:
  RootReader(std::unique_ptr<toml::table> root, std::filesystem::path source);

  std::unique_ptr<toml::table> root_;
  std::filesystem::path source_;
  std::set<std::string, std::less<>> known_;
};

// The closest of `candidates` to `word` within a small edit distance, or "".
std::string ClosestMatch(std::string_view word,
                         const std::vector<std::string>& candidates);

}  // namespace nbr::config
