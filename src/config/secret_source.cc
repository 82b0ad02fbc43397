#include "config/secret_source.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace nbr::config {
namespace {

std::string Trim(std::string text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.back())) {
    text.pop_back();
  }
  size_t start = 0;
  while (start < text.size() && is_space(text[start])) {
    ++start;
  }
  return text.substr(start);
}

}  // namespace

Result<std::filesystem::path> ExpandPath(const std::filesystem::path& base,
                                         std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    if (text.compare(pos, 2, "${") != 0) {
      out += text[pos++];
      continue;
    }
    size_t end = text.find('}', pos);
    if (end == std::string_view::npos) {
      return InvalidArgument("unterminated ${ in path \"" + std::string(text) + "\"");
    }
    std::string name(text.substr(pos + 2, end - pos - 2));
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') {
      return InvalidArgument("path \"" + std::string(text) + "\" uses ${" + name +
                             "}, which is not set");
    }
    out += value;
    pos = end + 1;
  }
  return base / out;
}

Result<Secret> ReadSecretFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return InvalidArgument("secret file \"" + path.string() +
                           "\" does not exist or is not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return InvalidArgument("secret file \"" + path.string() + "\" cannot be read");
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string value = Trim(buffer.str());
  if (value.empty()) {
    return InvalidArgument("secret file \"" + path.string() + "\" is empty");
  }
  if (value.find('\n') != std::string::npos) {
    return InvalidArgument("secret file \"" + path.string() +
                           "\" holds more than one line: expected the secret alone");
  }
  return Secret(std::move(value));
}

Result<Secret> ReadSecretSetting(TableReader& table, const std::filesystem::path& base,
                                 std::string_view name, SecretNeed need) {
  std::string file_key = std::string(name) + "_file";
  std::string env_key = std::string(name) + "_env";
  std::string file, env;
  NBR_RETURN_IF_ERROR(table.String(file_key, file));
  NBR_RETURN_IF_ERROR(table.String(env_key, env));

  if (!file.empty() && !env.empty()) {
    return table.ErrorAt(file_key,
                         "set either " + file_key + " or " + env_key + ", not both");
  }
  if (!file.empty()) {
    auto path = ExpandPath(base, file);
    if (!path.ok()) {
      return table.ErrorAt(file_key, path.error().message());
    }
    auto secret = ReadSecretFile(*path);
    if (!secret.ok()) {
      return table.ErrorAt(file_key, secret.error().message());
    }
    return secret;
  }
  if (!env.empty()) {
    const char* value = std::getenv(env.c_str());
    if (value == nullptr || std::string(value).empty()) {
      return table.ErrorAt(env_key,
                           "environment variable " + env + " is not set or empty");
    }
    return Secret(Trim(value));
  }
  if (need == SecretNeed::kRequired) {
    return table.ErrorAt(file_key, "missing: set " + file_key + " (a file holding the " +
                                       std::string(name) + ") or " + env_key +
                                       " (an environment variable)");
  }
  return Secret();
}

Result<std::vector<Secret>> ReadSecretFiles(TableReader& table,
                                            const std::filesystem::path& base,
                                            std::string_view key) {
  std::vector<std::string> paths;
  NBR_RETURN_IF_ERROR(table.StringList(key, paths));
  std::vector<Secret> secrets;
  for (const auto& p : paths) {
    auto path = ExpandPath(base, p);
    if (!path.ok()) {
      return table.ErrorAt(key, path.error().message());
    }
    auto secret = ReadSecretFile(*path);
    if (!secret.ok()) {
      return table.ErrorAt(key, secret.error().message());
    }
    secrets.push_back(std::move(secret).value());
  }
  return secrets;
}

}  // namespace nbr::config
