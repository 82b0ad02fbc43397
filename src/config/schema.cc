#include "config/schema.h"

#include <toml++/toml.h>
#include <algorithm>
#include <sstream>

namespace nbr::config {
namespace {

std::string Render(const toml::node& node) {
  std::ostringstream os;
  if (node.is_string()) {
    os << '"' << node.value_or(std::string()) << '"';
  } else {
    node.visit([&os](const auto& n) { os << n; });
  }
  std::string s = os.str();
  if (s.size() > 80) {
    s.resize(77);
    s.append("...");
  }
  return s;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) {
    prev[j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string UnknownKeyMessage(std::string_view what, std::string_view key,
                              const std::set<std::string, std::less<>>& known) {
  std::string msg = "unknown " + std::string(what) + " '" + std::string(key) + "'";
  std::string near =
      ClosestMatch(key, std::vector<std::string>(known.begin(), known.end()));
  if (!near.empty()) {
    msg += " (did you mean '" + near + "'?)";
  }
  return msg;
}

template <typename Enum>
Status ReadChoice(TableReader& reader, std::string_view key, std::string& text,
                  std::initializer_list<std::pair<std::string_view, Enum>> choices,
                  Enum& out, std::string_view expected) {
  if (!reader.Has(key)) {
    return Status::Ok();
  }
  NBR_RETURN_IF_ERROR(reader.String(key, text));
  for (const auto& [name, value] : choices) {
    if (text == name) {
      out = value;
      return Status::Ok();
    }
  }
  return reader.ErrorAt(
      key, "value \"" + text + "\" is invalid: expected " + std::string(expected));
}

}  // namespace

std::string ClosestMatch(std::string_view word,
                         const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

// --- TableReader --------------------------------------------------------------

TableReader::TableReader(const toml::table* table, std::string name,
                         std::filesystem::path source)
    : table_(table), name_(std::move(name)), source_(std::move(source)) {}

const toml::node* TableReader::Find(std::string_view key) {
  known_.emplace(key);
  return table_ ? table_->get(key) : nullptr;
}

bool TableReader::Has(std::string_view key) const {
  return table_ && table_->get(key);
}

std::string TableReader::Location(const toml::node* node) const {
  std::string loc = source_.string();
  if (node && node->source().begin.line > 0) {
    loc += ":" + std::to_string(node->source().begin.line);
  } else if (table_ && table_->source().begin.line > 0) {
    loc += ":" + std::to_string(table_->source().begin.line);
  }
  return loc;
}

Error TableReader::ErrorAt(std::string_view key, std::string_view problem) const {
  const toml::node* node = table_ ? table_->get(key) : nullptr;
  return InvalidArgument(Location(node) + ": [" + name_ + "] " + std::string(key) + ": " +
                         std::string(problem));
}

Error TableReader::BadValue(std::string_view key, const toml::node& node,
                            std::string_view expected) const {
  return ErrorAt(
      key, "value " + Render(node) + " is invalid: expected " + std::string(expected));
}

Status TableReader::String(std::string_view key, std::string& out) {
  const toml::node* node = Find(key);
  if (!node) {
    return Status::Ok();
  }
  if (!node->is_string()) {
    return BadValue(key, *node, "a string");
  }
  out = node->value_or(std::string());
  return Status::Ok();
}

Status TableReader::RequiredString(std::string_view key, std::string& out) {
  if (!Has(key)) {
    known_.emplace(key);
    return ErrorAt(key, "missing: this key is required");
  }
  NBR_RETURN_IF_ERROR(String(key, out));
  if (out.empty()) {
    return ErrorAt(key, "value \"\" is invalid: expected a non-empty string");
  }
  return Status::Ok();
}

Status TableReader::Bool(std::string_view key, bool& out) {
  const toml::node* node = Find(key);
  if (!node) {
    return Status::Ok();
  }
  if (!node->is_boolean()) {
    return BadValue(key, *node, "true or false");
  }
  out = node->value_or(false);
  return Status::Ok();
}

Status TableReader::Int(std::string_view key, long long min, long long max, int& out) {
  const toml::node* node = Find(key);
  if (!node) {
    return Status::Ok();
  }
  std::string expected =
      "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (!node->is_integer()) {
    return BadValue(key, *node, expected);
  }
  long long value = node->value_or<long long>(0);
  if (value < min || value > max) {
    return BadValue(key, *node, expected);
  }
  out = static_cast<int>(value);
  return Status::Ok();
}

Status TableReader::Size(std::string_view key, long long min, long long max,
                         size_t& out) {
  int value = static_cast<int>(out);
  NBR_RETURN_IF_ERROR(Int(key, min, max, value));
  out = static_cast<size_t>(value);
  return Status::Ok();
}

Status TableReader::Double(std::string_view key, double min, double max, double& out) {
  const toml::node* node = Find(key);
  if (!node) {
    return Status::Ok();
  }
  std::ostringstream expected;
  expected << "a number from " << min << " to " << max;
  if (!node->is_number()) {
    return BadValue(key, *node, expected.str());
  }
  double value = node->value_or(0.0);
  if (!(value >= min && value <= max)) {
    return BadValue(key, *node, expected.str());
  }
  out = value;
  return Status::Ok();
}

Status TableReader::Seconds(std::string_view key, long long min, long long max,
                            std::chrono::seconds& out) {
  int value = static_cast<int>(out.count());
  NBR_RETURN_IF_ERROR(Int(key, min, max, value));
  out = std::chrono::seconds(value);
  return Status::Ok();
}

Status TableReader::Millis(std::string_view key, double min_s, double max_s,
                           std::chrono::milliseconds& out) {
  double value = static_cast<double>(out.count()) / 1000.0;
  NBR_RETURN_IF_ERROR(Double(key, min_s, max_s, value));
  out = std::chrono::milliseconds(static_cast<long long>(value * 1000.0));
  return Status::Ok();
}

Status TableReader::Url(std::string_view key, std::string& out) {
  NBR_RETURN_IF_ERROR(RequiredString(key, out));
  const toml::node* node = table_->get(key);
  auto scheme_end = out.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : out.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    return BadValue(key, *node, "an http:// or https:// URL");
  }
  std::string rest = out.substr(scheme_end + 3);
  std::string host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.find_first_of(" \t@") != std::string::npos ||
      rest.find_first_of("?#") != std::string::npos) {
    return BadValue(
        key, *node,
        "an http(s) URL with a host and no query (\"https://netbox.example.net\")");
  }
  while (!out.empty() && out.back() == '/') {
    out.pop_back();
  }
  if (out.size() >= 4 && out.ends_with("/api")) {
    return BadValue(key, *node, "the NetBox base URL, without the trailing /api");
  }
  return Status::Ok();
}

Status TableReader::UrlPath(std::string_view key, std::string& out) {
  const toml::node* node = Find(key);
  if (!node) {
    return Status::Ok();
  }
  std::string value;
  NBR_RETURN_IF_ERROR(String(key, value));
  if (value.empty() || value[0] != '/' ||
      value.find_first_of(" ?#") != std::string::npos) {
    return BadValue(key, *node, "a URL path starting with '/' (\"/webhooks/netbox\")");
  }
  out = value;
  return Status::Ok();
}

Status TableReader::Path(std::string_view key, const std::filesystem::path& base,
                         std::string& out, PathKind kind) {
  std::string value;
  NBR_RETURN_IF_ERROR(String(key, value));
  if (value.empty()) {
    if (kind == PathKind::kRequiredFile) {
      return ErrorAt(key, "missing: this key is required");
    }
    return Status::Ok();
  }
  std::filesystem::path p = base / value;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) {
    return ErrorAt(key,
                   "file \"" + p.string() + "\" does not exist or is not a regular file");
  }
  out = p.string();
  return Status::Ok();
}

Status TableReader::StringList(std::string_view key, std::vector<std::string>& out) {
  const toml::node* node = Find(key);
  if (!node) {
    return Status::Ok();
  }
  const toml::array* array = node->as_array();
  if (!array) {
    return BadValue(key, *node, "a list of strings");
  }
  std::vector<std::string> values;
  for (const auto& item : *array) {
    if (!item.is_string()) {
      return BadValue(key, item, "a list of strings");
    }
    values.push_back(item.value_or(std::string()));
  }
  out = std::move(values);
  return Status::Ok();
}

Status TableReader::PolicyValue(std::string_view key, Policy& out) {
  std::string text;
  return ReadChoice<Policy>(
      *this, key, text,
      {{"fix", Policy::kFix}, {"report", Policy::kReport}, {"ignore", Policy::kIgnore}},
      out, "one of \"fix\", \"report\", \"ignore\"");
}

Status TableReader::ConfirmationValue(std::string_view key, Confirmation& out) {
  std::string text;
  return ReadChoice<Confirmation>(
      *this, key, text,
      {{"auto", Confirmation::kAuto}, {"manual", Confirmation::kManual}}, out,
      "\"auto\" or \"manual\"");
}

Status TableReader::LogLevelValue(std::string_view key, LogLevel& out) {
  std::string text;
  return ReadChoice<LogLevel>(
      *this, key, text,
      {{"trace", LogLevel::kTrace},
       {"debug", LogLevel::kDebug},
       {"info", LogLevel::kInfo},
       {"warn", LogLevel::kWarn},
       {"error", LogLevel::kError}},
      out, "one of \"trace\", \"debug\", \"info\", \"warn\", \"error\"");
}

Status TableReader::ForbidSecret(std::string_view key, std::string_view use_instead) {
  known_.emplace(key);
  if (Has(key)) {
    // Never quote the value: it is a secret.
    return ErrorAt(key, "secrets must not be written in the configuration file: use " +
                            std::string(use_instead) + " instead");
  }
  return Status::Ok();
}

Status TableReader::Finish() const {
  if (!table_) {
    return Status::Ok();
  }
  for (const auto& [k, v] : *table_) {
    if (!known_.contains(k.str())) {
      return InvalidArgument(Location(&v) + ": [" + name_ + "] " +
                             UnknownKeyMessage("key", k.str(), known_));
    }
  }
  return Status::Ok();
}

// --- RootReader ---------------------------------------------------------------

RootReader::RootReader(std::unique_ptr<toml::table> root, std::filesystem::path source)
    : root_(std::move(root)), source_(std::move(source)) {}
RootReader::RootReader(RootReader&&) noexcept = default;
RootReader& RootReader::operator=(RootReader&&) noexcept = default;
RootReader::~RootReader() = default;

Result<RootReader> RootReader::Parse(std::string_view text,
                                     const std::filesystem::path& source) {
  try {
    auto table = std::make_unique<toml::table>(toml::parse(text, source.string()));
    return RootReader(std::move(table), source);
  } catch (const toml::parse_error& e) {
    return InvalidArgument(source.string() + ":" + std::to_string(e.source().begin.line) +
                           ":" + std::to_string(e.source().begin.column) +
                           ": TOML syntax error: " + std::string(e.description()));
  }
}

Status RootReader::RequireTables(std::initializer_list<std::string_view> names) const {
  for (auto name : names) {
    const toml::node* node = root_->get(name);
    if (!node) {
      return InvalidArgument(source_.string() + ": missing required table [" +
                             std::string(name) + "]");
    }
    if (!node->is_table()) {
      return InvalidArgument(
          source_.string() + ":" + std::to_string(node->source().begin.line) + ": '" +
          std::string(name) + "' must be a table ([" + std::string(name) + "])");
    }
  }
  return Status::Ok();
}

TableReader RootReader::Table(std::string_view name) {
  known_.emplace(name);
  const toml::node* node = root_->get(name);
  return TableReader(node ? node->as_table() : nullptr, std::string(name), source_);
}

Status RootReader::Finish() const {
  for (const auto& [k, v] : *root_) {
    std::string where = source_.string();
    if (v.source().begin.line > 0) {
      where += ":" + std::to_string(v.source().begin.line);
    }
    if (!known_.contains(k.str())) {
      return InvalidArgument(where + ": " + UnknownKeyMessage("table", k.str(), known_));
    }
    if (!v.is_table()) {
      return InvalidArgument(where + ": '" + std::string(k.str()) +
                             "' must be a table ([" + std::string(k.str()) + "])");
    }
  }
  return Status::Ok();
}

}  // namespace nbr::config
