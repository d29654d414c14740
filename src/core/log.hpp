#pragma once
// A minimal leveled logger to stderr, or to the sink an embedding application installed
// (nova/logging.hpp). The level comes from NOVA_LOG (debug, info, warn, error, off; default
// warn), read on each check so tests can change it. Callers format lines only when
// `log_enabled` says so. Secrets must be redacted before logging: see
// `redact` and the HTTP logging in the AWS client.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "nova/logging.hpp"

namespace nova::core {

using ::nova::LogLevel;

LogLevel log_level();
bool log_enabled(LogLevel level);
// Writes one line ("nova <level>: <message>\n") to stderr, atomically with respect to other
// log lines, when `level` is enabled (callers still check first when formatting is costly);
// with a sink installed, hands it the message and the calling source file instead.
// `file` defaults to the caller's source file: __builtin_FILE rather than std::source_location,
// which Debian's clang 14 (the fuzz and CI build) cannot compile with libstdc++ 12.
void log(LogLevel level, std::string_view message, const char* file = __builtin_FILE());

// Replaces every occurrence of each non-empty secret in `text` with "<redacted>".
std::string redact(std::string text, const std::vector<std::string_view>& secrets);

}  // namespace nova::core
