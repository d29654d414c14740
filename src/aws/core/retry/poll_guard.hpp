#pragma once
// One poll of a long wait, made to survive passing failures within a WaitErrorBudget (see
// nova/wait.hpp): a retryable ServiceError is retried after backoff; a run of failures that
// outlasts the budget ends with the last error, its message saying how many polls failed,
// for how long, and how to resume.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "nova/error.hpp"
#include "nova/wait.hpp"

namespace nova::aws {

class PollGuard {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  using Now = std::function<std::chrono::steady_clock::time_point()>;

  // `what`: "status of training job x"; `resume_hint`: "nova job status x --watch".
  // Default sleep and now: the thread's sleep and the steady clock.
  PollGuard(std::string what, std::string resume_hint, WaitErrorBudget budget, Sleep sleep = {}, Now now = {},
            std::function<double()> jitter = {});

  // Runs `poll` until it succeeds or the budget is spent.
  template <class F>
  auto run(F&& poll) -> decltype(poll()) {
    for (;;) {
      try {
        auto value = poll();
        failures_ = 0;
        return value;
      } catch (const ServiceError& e) {
        on_failure(e);  // rethrows when the error is not transient or the budget is spent
      }
    }
  }

  int consecutive_failures() const { return failures_; }

 private:
  void on_failure(const ServiceError& e);

  std::string what_, resume_hint_;
  WaitErrorBudget budget_;
  Sleep sleep_;
  Now now_;
  std::function<double()> jitter_;
  int failures_{0};
  std::chrono::steady_clock::time_point first_failure_;
};

// Between half and all of min(initial * 2^(failures-1), max); rand01 in [0,1).
std::chrono::milliseconds poll_backoff(const WaitErrorBudget& budget, int failures, double rand01);

}  // namespace nova::aws
