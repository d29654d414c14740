#include "core/log.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "core/text.hpp"

namespace nova::core {

namespace {

LogLevel env_log_level() {
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

// The installed sink. Copied out under the mutex and called outside it: a sink may block
// (the Python one waits for the GIL), and a thread holding what it waits for may log too.
struct SinkState {
  std::mutex mutex;
  std::shared_ptr<const LogSink> sink;
  std::atomic<bool> installed{false};
  std::atomic<int> min_level{static_cast<int>(LogLevel::kDebug)};
};

SinkState& sink_state() {
  static SinkState state;
  return state;
}

// "customizer/deploy.cpp" from the compiler's path of a file under src/.
std::string_view source_below_src(std::string_view file) {
  const auto pos = file.rfind("/src/");
  return pos == std::string_view::npos ? file : file.substr(pos + 5);
}

}  // namespace

LogLevel log_level() {
  const SinkState& state = sink_state();
  if (!state.installed.load(std::memory_order_acquire)) return env_log_level();
  // NOVA_LOG only raises the sink's threshold when it is set.
  const char* v = std::getenv("NOVA_LOG");
  const int sink_min = state.min_level.load(std::memory_order_relaxed);
  const int env = (v == nullptr || *v == '\0') ? 0 : static_cast<int>(env_log_level());
  return static_cast<LogLevel>(env > sink_min ? env : sink_min);
}

bool log_enabled(LogLevel level) { return level != LogLevel::kOff && level >= log_level(); }

void log(LogLevel level, std::string_view message, const char* file) {
  if (!log_enabled(level)) return;
  SinkState& state = sink_state();
  if (state.installed.load(std::memory_order_acquire)) {
    std::shared_ptr<const LogSink> sink;
    {
      std::lock_guard lock(state.mutex);
      sink = state.sink;
    }
    if (sink) {
      (*sink)(LogRecord{level, source_below_src(file), message});
      return;
    }
  }
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

namespace nova {

void set_log_sink(LogSink sink, LogLevel min_level) {
  auto& state = core::sink_state();
  std::lock_guard lock(state.mutex);
  state.min_level.store(static_cast<int>(min_level), std::memory_order_relaxed);
  state.sink = sink ? std::make_shared<const LogSink>(std::move(sink)) : nullptr;
  state.installed.store(state.sink != nullptr, std::memory_order_release);
}

}  // namespace nova
