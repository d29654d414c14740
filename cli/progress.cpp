#include "progress.hpp"

#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <mutex>
#include <unistd.h>

#include "nova/dataset.hpp"
#include "terminal.hpp"

namespace nova::cli {
namespace {

constexpr std::uint64_t kThreshold = 4ull * 1024 * 1024;

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

double mib(std::uint64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

}  // namespace

void install_progress_line() {
  if (!live_terminal(STDERR_FILENO) || env_set("CI")) return;
  set_transfer_progress_handler([](const TransferProgress& p) {
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (std::max(p.bytes, p.total) < kThreshold) return;
    const char* verb = p.upload ? "uploading" : "downloading";
    std::string line = p.total > 0
                           ? fmt::format("\r{} {}: {:.1f}/{:.1f} MiB ({:.0f}%)", verb, p.uri, mib(p.bytes), mib(p.total),
                                         100.0 * static_cast<double>(p.bytes) / static_cast<double>(p.total))
                           : fmt::format("\r{} {}: {:.1f} MiB", verb, p.uri, mib(p.bytes));
    line += p.done ? "\n" : "\x1b[K";
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
  });
}

}  // namespace nova::cli
