#pragma once
// A minimal leveled logger to stderr. The level comes from NOVA_LOG (debug, info, warn,
// error, off; default warn), read on each check so tests can change it. Callers format
// lines only when `log_enabled` says so. Secrets must be redacted before logging: see
// `redact` and the HTTP logging in the AWS client.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace nova::core {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kOff = 4 };

LogLevel log_level();
bool log_enabled(LogLevel level);
// Writes one line ("nova <level>: <message>\n") to stderr, atomically with respect to other
// log lines, when `level` is enabled (callers still check first when formatting is costly).
void log(LogLevel level, std::string_view message);

// Replaces every occurrence of each non-empty secret in `text` with "<redacted>".
std::string redact(std::string text, const std::vector<std::string_view>& secrets);

}  // namespace nova::core
