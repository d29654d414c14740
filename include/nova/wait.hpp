#pragma once
/// @file
/// Long waits that survive: polling a job's status until it ends, following its logs. A poll
/// that fails for a passing reason (throttling, a 5xx, a dropped connection) is retried with
/// backoff; a failure that lasts ends the wait with a clear error within a bounded number of
/// polls and a bounded time. The job itself keeps running: the wait can be resumed later
/// (`nova job status RESULT.json --watch`).

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "nova/enums.hpp"

namespace nova {

class BaseJobResult;

/// How many failing polls in a row a wait puts up with. The wait gives up at whichever limit
/// comes first; a successful poll resets both.
struct WaitErrorBudget {
  /// Failed polls in a row (at least 1).
  int max_consecutive_errors{10};
  /// Time from the first failure of a run of failures.
  std::chrono::seconds max_error_time{std::chrono::minutes(10)};
  /// Backoff after the n-th failure in a row: between half and all of
  /// min(initial_backoff * 2^(n-1), max_backoff).
  std::chrono::milliseconds initial_backoff{std::chrono::seconds(2)};
  std::chrono::milliseconds max_backoff{std::chrono::seconds(60)};
};

struct JobWatchOptions {
  std::chrono::milliseconds poll_interval{std::chrono::seconds(30)};
  /// Give up (ServiceError "WaitTimeout") when the job is still running after this long.
  std::optional<std::chrono::seconds> timeout;
  WaitErrorBudget errors;
  /// How to wait between polls (tests inject one); default: sleep the thread.
  std::function<void(std::chrono::milliseconds)> sleep;
};

/// Polls `job.get_job_status()` until the job is COMPLETED or FAILED and returns that status;
/// `on_status` (may be empty) sees every successful poll, the first one included.
/// @throws ServiceError a non-transient AWS error at once; the last error once the error
///   budget is spent (the message says how many polls failed and how to resume); "WaitTimeout"
///   after `timeout`; ConfigError
std::pair<JobStatus, std::string> watch_job(BaseJobResult& job,
                                            const std::function<void(JobStatus, const std::string&)>& on_status,
                                            const JobWatchOptions& options = {});

}  // namespace nova
