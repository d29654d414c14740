#include <chrono>

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

ServiceError wait_error(const std::string& message, const std::string& code) {
  return ServiceError(message, "bedrock", "wait", code, 0, "", false);
}

}  // namespace

std::string wait_until(const std::string& what, const std::function<PollOutcome()>& poll, const WaitOptions& options) {
  const auto start = Clock::now();
  const auto report = [&](const PollOutcome& outcome, std::chrono::milliseconds elapsed, bool last) {
    if (options.progress) options.progress(DeployWaitProgress{what, outcome.status, elapsed, last});
  };
  const auto pause = [&] {
    if (options.sleep) {
      options.sleep(options.poll_interval);
    } else {
      sleep_interruptibly(options.poll_interval);
    }
  };
  int failed_polls = 0;
  for (;;) {
    PollOutcome outcome;
    try {
      outcome = poll();
      failed_polls = 0;
    } catch (const ServiceError& e) {
      // The client already retried this poll with backoff; a long wait outlasts a bad minute.
      if (!e.retryable() || ++failed_polls >= options.max_failed_polls) throw;
      pause();
      continue;
    }
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
      throw wait_error(fmt::format("{} is still {} after {} (timeout); it keeps going on AWS, check it later or wait longer",
                                   what, outcome.status, format_elapsed(elapsed)),
                       "WaitTimeout");
    }
    pause();
  }
}

}  // namespace nova::deploy
