#include "aws/core/retry/poll_guard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/log.hpp"
#include "nova/interrupt.hpp"

namespace nova::aws {

std::chrono::milliseconds poll_backoff(const WaitErrorBudget& budget, int failures, double rand01) {
  const double full = std::min(static_cast<double>(budget.initial_backoff.count()) * std::pow(2.0, std::max(0, failures - 1)),
                               static_cast<double>(budget.max_backoff.count()));
  const double r = std::clamp(rand01, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<long long>(full / 2 + r * full / 2));
}

PollGuard::PollGuard(std::string what, std::string resume_hint, WaitErrorBudget budget, Sleep sleep, Now now,
                     std::function<double()> jitter)
    : what_(std::move(what)),
      resume_hint_(std::move(resume_hint)),
      budget_(budget),
      sleep_(sleep ? std::move(sleep) : Sleep([](std::chrono::milliseconds d) { sleep_interruptibly(d); })),
      now_(now ? std::move(now) : Now([] { return std::chrono::steady_clock::now(); })),
      jitter_(jitter ? std::move(jitter) : std::function<double()>([] {
        thread_local std::mt19937_64 rng{std::random_device{}()};
        return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
      })) {
  budget_.max_consecutive_errors = std::max(1, budget_.max_consecutive_errors);
}

void PollGuard::on_failure(const ServiceError& e) {
  if (!e.retryable()) throw;
  const auto now = now_();
  if (failures_ == 0) first_failure_ = now;
  ++failures_;
  const auto failing_for = std::chrono::duration_cast<std::chrono::seconds>(now - first_failure_);
  const auto pause = poll_backoff(budget_, failures_, jitter_());
  const bool out_of_polls = failures_ >= budget_.max_consecutive_errors;
  const bool out_of_time = failing_for + std::chrono::duration_cast<std::chrono::seconds>(pause) > budget_.max_error_time;
  if (out_of_polls || out_of_time) {
    throw ServiceError(fmt::format("gave up waiting for the {}: {} poll{} in a row failed over {} s (the last: {}). "
                                   "Nothing was stopped on AWS; resume with `{}`",
                                   what_, failures_, failures_ == 1 ? "" : "s", failing_for.count(), e.what(),
                                   resume_hint_),
                       e.service(), e.operation(), e.code(), e.http_status(), e.request_id(), false);
  }
  if (core::log_enabled(core::LogLevel::kWarn)) {
    core::log(core::LogLevel::kWarn, fmt::format("{}: poll failed ({}), retrying in {} ms ({} of {} failures allowed)",
                                                 what_, e.code(), pause.count(), failures_,
                                                 budget_.max_consecutive_errors));
  }
  sleep_(pause);
}

}  // namespace nova::aws
