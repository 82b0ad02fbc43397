#include "log/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <set>

namespace nbr::log {
namespace {

std::mutex g_secrets_mutex;
std::set<std::string>& Secrets() {
  static std::set<std::string> secrets;
  return secrets;
}

int SyslogPriority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug:
      return 7;
    case spdlog::level::info:
      return 6;
    case spdlog::level::warn:
      return 4;
    case spdlog::level::err:
      return 3;
    case spdlog::level::critical:
      return 2;
    default:
      return 6;
  }
}

// Formats each record, redacts it and passes the line on.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  RedactingSink(Format format, std::function<void(std::string_view)> write)
      : format_(format), write_(std::move(write)) {
    set_pattern_(format == Format::kJournal ? "%v" : "%Y-%m-%dT%H:%M:%S.%eZ %l %v");
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    std::string line = Redact(std::string_view(formatted.data(), formatted.size()));
    if (format_ == Format::kJournal) {
      line = "<" + std::to_string(SyslogPriority(msg.level)) + ">" + line;
    }
    write_(line);
  }
  void flush_() override {}

 private:
  Format format_;
  std::function<void(std::string_view)> write_;
};

void WriteStderr(std::string_view line) {
  while (!line.empty()) {
    ssize_t n = ::write(STDERR_FILENO, line.data(), line.size());
    if (n <= 0) {
      return;
    }
    line.remove_prefix(static_cast<size_t>(n));
  }
}

spdlog::level::level_enum ToSpdlog(config::LogLevel level) {
  switch (level) {
    case config::LogLevel::kTrace:
      return spdlog::level::trace;
    case config::LogLevel::kDebug:
      return spdlog::level::debug;
    case config::LogLevel::kInfo:
      return spdlog::level::info;
    case config::LogLevel::kWarn:
      return spdlog::level::warn;
    case config::LogLevel::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

Format DetectFormat() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr || *stream == '\0') {
    return Format::kPlain;
  }
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) {
    return Format::kPlain;
  }
  struct stat st {};
  if (fstat(STDERR_FILENO, &st) != 0) {
    return Format::kPlain;
  }
  bool same = static_cast<unsigned long long>(st.st_dev) == dev &&
              static_cast<unsigned long long>(st.st_ino) == ino;
  return same ? Format::kJournal : Format::kPlain;
}

std::shared_ptr<spdlog::sinks::sink> MakeSink(
    Format format, std::function<void(std::string_view)> write) {
  return std::make_shared<RedactingSink>(format, std::move(write));
}

void Setup(config::LogLevel level, Format format) {
  auto logger = std::make_shared<spdlog::logger>("netbox-reconciler",
                                                 MakeSink(format, WriteStderr));
  logger->set_level(ToSpdlog(level));
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
}

void RegisterSecret(const Secret& secret) {
  if (secret.empty()) {
    return;
  }
  std::lock_guard lock(g_secrets_mutex);
  Secrets().insert(secret.reveal());
}

std::string Redact(std::string_view text) {
  std::string out(text);
  std::lock_guard lock(g_secrets_mutex);
  for (const auto& secret : Secrets()) {
    size_t pos = 0;
    while ((pos = out.find(secret, pos)) != std::string::npos) {
      out.replace(pos, secret.size(), "[redacted]");
      pos += 10;
    }
  }
  return out;
}

}  // namespace nbr::log
