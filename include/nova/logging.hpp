#pragma once
/// @file
/// Where the engine's diagnostics go. By default: stderr, filtered by the NOVA_LOG
/// environment variable (debug, info, warn, error, off; default warn). An embedding
/// application (the Python module) installs a sink to receive them instead.

#include <functional>
#include <string_view>

namespace nova {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kOff = 4 };

/// One diagnostic. `source` is the engine source file below src/ that wrote it
/// ("customizer/deploy.cpp", "aws/core/aws_client.cpp"), so a sink can name its logger after it.
struct LogRecord {
  LogLevel level{LogLevel::kInfo};
  std::string_view source;
  std::string_view message;
};

/// Called on the thread that logged, possibly several at once; the sink must be
/// thread-safe and must not log itself. No engine lock is held while it runs.
using LogSink = std::function<void(const LogRecord&)>;

/// Sends every diagnostic at or above `min_level` to `sink` instead of stderr (NOVA_LOG,
/// when set, still raises the threshold). An empty sink restores stderr.
void set_log_sink(LogSink sink, LogLevel min_level = LogLevel::kDebug);

}  // namespace nova
