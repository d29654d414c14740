// watch_job: a status wait that rides out passing failures (nova/wait.hpp).

#include <fmt/format.h>


#include "aws/core/retry/poll_guard.hpp"
#include "nova/results.hpp"
#include "nova/interrupt.hpp"
#include "nova/wait.hpp"

namespace nova {

std::pair<JobStatus, std::string> watch_job(BaseJobResult& job,
                                            const std::function<void(JobStatus, const std::string&)>& on_status,
                                            const JobWatchOptions& options) {
  const auto sleep = options.sleep ? options.sleep
                                   : std::function<void(std::chrono::milliseconds)>(
                                         [](std::chrono::milliseconds d) { sleep_interruptibly(d); });
  // With an injected sleep (tests) time is what was slept; else the steady clock, which also
  // counts polls that hung until their timeout.
  std::chrono::milliseconds slept{0};
  const auto counted_sleep = [&](std::chrono::milliseconds d) {
    slept += d;
    sleep(d);
  };
  const auto start = std::chrono::steady_clock::now();
  const bool injected = static_cast<bool>(options.sleep);
  const auto now = [&] { return injected ? start + slept : std::chrono::steady_clock::now(); };
  aws::PollGuard guard(fmt::format("status of job {}", job.job_id()),
                       fmt::format("nova job status {} --watch", job.job_id()), options.errors, counted_sleep, now);
  for (;;) {
    auto [status, raw] = guard.run([&] { return job.get_job_status(); });
    if (on_status) on_status(status, raw);
    if (status != JobStatus::IN_PROGRESS) return {status, raw};
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now() - start);
    if (options.timeout && waited + options.poll_interval > *options.timeout) {
      throw ServiceError(fmt::format("job {} is still {} after {} s of waiting (timeout); it keeps running on AWS: "
                                     "resume with `nova job status {} --watch`",
                                     job.job_id(), raw, std::chrono::duration_cast<std::chrono::seconds>(waited).count(),
                                     job.job_id()),
                         "nova", "watch_job", "WaitTimeout", 0, "", false);
    }
    counted_sleep(options.poll_interval);
  }
}

}  // namespace nova
