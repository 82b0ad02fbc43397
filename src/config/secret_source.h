// Reading secrets named by the configuration: from a file (`<name>_file`) or
// an environment variable (`<name>_env`), never from the file itself.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/secret.h"
#include "config/schema.h"

namespace nbr::config {

enum class SecretNeed { kRequired, kOptional };

// Reads `<name>_file` or `<name>_env` from the table (exactly one of them
// when required, at most one otherwise). The file must exist, be readable
// and hold a non-empty value; surrounding whitespace and the final newline
// are dropped. An empty Secret when optional and absent. Errors never quote
// the secret.
Result<Secret> ReadSecretSetting(TableReader& table, const std::filesystem::path& base,
                                 std::string_view name, SecretNeed need);

// Reads a list of secret files (`key = ["a", "b"]`), one secret each.
Result<std::vector<Secret>> ReadSecretFiles(TableReader& table,
                                            const std::filesystem::path& base,
                                            std::string_view key);

// `base / text` with every ${NAME} replaced by that environment variable
// (systemd's ${CREDENTIALS_DIRECTORY}); an unset one is an error.
Result<std::filesystem::path> ExpandPath(const std::filesystem::path& base,
                                         std::string_view text);

// Reads one secret file. Errors name the path, never the content.
Result<Secret> ReadSecretFile(const std::filesystem::path& path);

}  // namespace nbr::config
