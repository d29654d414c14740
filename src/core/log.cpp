#include "core/log.hpp"

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "core/text.hpp"

namespace nova::core {

LogLevel log_level() {
  const char* v = std::getenv("NOVA_LOG");
  if (v == nullptr || *v == '\0') return LogLevel::kWarn;
  const std::string s = ascii_lower(v);
  if (s == "debug" || s == "trace") return LogLevel::kDebug;
  if (s == "info") return LogLevel::kInfo;
  if (s == "warn" || s == "warning") return LogLevel::kWarn;
  if (s == "error") return LogLevel::kError;
  if (s == "off" || s == "none") return LogLevel::kOff;
  return LogLevel::kWarn;
}

bool log_enabled(LogLevel level) { return level != LogLevel::kOff && level >= log_level(); }

void log(LogLevel level, std::string_view message) {
  if (!log_enabled(level)) return;
  static std::mutex mutex;
  static constexpr const char* kNames[] = {"debug", "info", "warn", "error", "off"};
  std::lock_guard lock(mutex);
  std::fprintf(stderr, "nova %s: %.*s\n", kNames[static_cast<int>(level)], static_cast<int>(message.size()),
               message.data());
  std::fflush(stderr);
}

std::string redact(std::string text, const std::vector<std::string_view>& secrets) {
  for (const std::string_view secret : secrets) {
    if (secret.empty()) continue;
    for (std::size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
      text.replace(pos, secret.size(), "<redacted>");
      pos += 10;
    }
  }
  return text;
}

}  // namespace nova::core
