#include <chrono>

#include <fmt/format.h>

#include "aws/core/retry/poll_guard.hpp"
#include "deploy/wait_options.hpp"
#include "nova/interrupt.hpp"

namespace nova::deploy {
namespace {

using Clock = std::chrono::steady_clock;

std::string format_elapsed(std::chrono::milliseconds elapsed) {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
}

ServiceError wait_error(const std::string& message, const std::string& code) {
  return ServiceError(message, "bedrock", "wait", code, 0, "", false);
}

}  // namespace

std::string wait_until(const std::string& what, const std::function<PollOutcome()>& poll, const WaitOptions& options,
                       const std::string& resume_hint) {
  const auto start = Clock::now();
  const auto report = [&](const PollOutcome& outcome, std::chrono::milliseconds elapsed, bool last) {
    if (options.progress) options.progress(DeployWaitProgress{what, outcome.status, elapsed, last});
  };
  const auto sleep = options.sleep ? options.sleep
                                   : std::function<void(std::chrono::milliseconds)>(
                                         [](std::chrono::milliseconds d) { sleep_interruptibly(d); });
  // The same budget as `nova job status --watch`: a failed poll (already retried by the
  // client) is polled again after backoff, until too many in a row or for too long.
  aws::PollGuard guard(what, resume_hint, options.errors, sleep);
  for (;;) {
    const PollOutcome outcome = guard.run(poll);
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    const bool timed_out = options.timeout && elapsed + options.poll_interval > *options.timeout;
    report(outcome, elapsed, outcome.state != PollOutcome::State::waiting || timed_out);
    if (outcome.state == PollOutcome::State::done) return outcome.status;
    if (outcome.state == PollOutcome::State::failed) {
      throw wait_error(fmt::format("{} status is {}: {}", what, outcome.status,
                                   outcome.failure_message.empty() ? "AWS gave no failure message" : outcome.failure_message),
                       "DeploymentFailed");
    }
    if (timed_out) {
      throw wait_error(fmt::format("{} is still {} after {} (timeout); it keeps going on AWS: check it with `{}`", what,
                                   outcome.status, format_elapsed(elapsed), resume_hint),
                       "WaitTimeout");
    }
    sleep(options.poll_interval);
  }
}

}  // namespace nova::deploy
