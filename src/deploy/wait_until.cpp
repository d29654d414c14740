#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "deploy/wait_options.hpp"
#include "nova/interrupt.hpp"

namespace nova::deploy {
namespace {

using Clock = std::chrono::steady_clock;

std::string format_elapsed(std::chrono::milliseconds elapsed) {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
}

// The default progress: one rewritten line on a terminal, nothing when stderr is a file or
// pipe (logs and --json output stay clean).
void terminal_progress(const DeployWaitProgress& p) {
  if (::isatty(STDERR_FILENO) == 0) return;
  std::fprintf(stderr, "\r\033[K%s: %s | elapsed %s", p.what.c_str(), p.status.c_str(),
               format_elapsed(p.elapsed).c_str());
  std::fflush(stderr);
}

void end_terminal_line(const WaitOptions& options) {
  if (!options.progress && ::isatty(STDERR_FILENO) == 1) std::fputc('\n', stderr);
}

ServiceError wait_error(const std::string& message, const std::string& code) {
  return ServiceError(message, "bedrock", "wait", code, 0, "", false);
}

}  // namespace

std::string wait_until(const std::string& what, const std::function<PollOutcome()>& poll, const WaitOptions& options) {
  const auto start = Clock::now();
  const auto& report = options.progress ? options.progress : std::function<void(const DeployWaitProgress&)>(terminal_progress);
  for (;;) {
    const PollOutcome outcome = poll();
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    report(DeployWaitProgress{what, outcome.status, elapsed});
    if (outcome.state == PollOutcome::State::done) {
      end_terminal_line(options);
      return outcome.status;
    }
    if (outcome.state == PollOutcome::State::failed) {
      end_terminal_line(options);
      throw wait_error(fmt::format("{} status is {}: {}", what, outcome.status,
                                   outcome.failure_message.empty() ? "AWS gave no failure message" : outcome.failure_message),
                       "DeploymentFailed");
    }
    if (options.timeout && elapsed + options.poll_interval > *options.timeout) {
      end_terminal_line(options);
      throw wait_error(fmt::format("{} is still {} after {} (timeout); it keeps going on AWS, check it later or wait longer",
                                   what, outcome.status, format_elapsed(elapsed)),
                       "WaitTimeout");
    }
    sleep_interruptibly(options.poll_interval);
  }
}

}  // namespace nova::deploy
