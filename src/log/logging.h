// Logging set-up (spdlog) and the redaction of secrets.
//
// Lines go to stderr. Under systemd (JOURNAL_STREAM names our stderr) each
// line is "<N>message" with N the syslog priority and no timestamp, since the
// journal adds its own; otherwise "2026-12-03T16:02:55.732Z info message".
// Every registered secret is replaced by "[redacted]" in every line, whatever
// code wrote it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/secret.h"
#include "config/config.h"

namespace spdlog::sinks {
class sink;
}

namespace nbr::log {

enum class Format { kPlain, kJournal };

// kJournal when JOURNAL_STREAM is set and names the device:inode of stderr.
Format DetectFormat();

// Makes the default logger write to stderr in `format` at `level`.
// Thread-safe; may be called again (SIGHUP reload).
void Setup(config::LogLevel level, Format format);

// A sink that formats, redacts and hands each finished line (with its
// newline) to `write`. For tests and for Setup itself.
std::shared_ptr<spdlog::sinks::sink> MakeSink(
    Format format, std::function<void(std::string_view)> write);

// Adds a secret to the set replaced in every line. Empty secrets are
// ignored. Thread-safe.
void RegisterSecret(const Secret& secret);

// `text` with every registered secret replaced by "[redacted]".
std::string Redact(std::string_view text);

}  // namespace nbr::log
