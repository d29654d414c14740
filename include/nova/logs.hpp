#pragma once
/// @file
/// CloudWatch Logs of a launched job (the specification's CloudWatchLogMonitor).
///
/// SMTJ: log group `/aws/sagemaker/TrainingJobs`, every stream named `<job_id>/...` (one per
/// host of a multi-node job), merged in timestamp order. SMHP: group
/// `/aws/sagemaker/Clusters/<cluster>/<cluster id>`, events whose message names the job.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nova/aws.hpp"
#include "nova/enums.hpp"
#include "nova/error.hpp"
#include "nova/wait.hpp"

namespace nova {

/// One log line of a job. Times are epoch milliseconds.
struct JobLogEvent {
  std::int64_t timestamp_ms{0};
  std::string message;
  std::int64_t ingestion_time_ms{0};
  std::string log_stream;
  bool operator==(const JobLogEvent&) const = default;
};

/// How follow() polls.
struct LogFollowOptions {
  /// First event time; default: the job's start time, else every event.
  std::optional<std::int64_t> start_time_ms;
  std::chrono::milliseconds poll_interval{std::chrono::seconds(5)};
  /// How to wait between polls (tests inject one); default: sleep the thread.
  std::function<void(std::chrono::milliseconds)> sleep;
  /// Failing polls (throttling, 5xx, dropped connections) are retried within this budget;
  /// no event is lost or repeated across a failed poll.
  WaitErrorBudget errors;
};

class CloudWatchLogMonitor {
 public:
  /// @param started_time_ms the job's start: the default lower bound of every read
  /// @param cluster_name required for SMHP
  /// @throws ValueError an empty job id; SMHP without a cluster name
  CloudWatchLogMonitor(std::string job_id, Platform platform, std::optional<std::int64_t> started_time_ms = std::nullopt,
                       std::optional<std::string> cluster_name = std::nullopt, std::string k8s_namespace = "kubeflow",
                       AwsOptions aws = {});
  static CloudWatchLogMonitor from_job_id(std::string job_id, Platform platform,
                                          std::chrono::system_clock::time_point started_time,
                                          std::optional<std::string> cluster_name = std::nullopt,
                                          std::string k8s_namespace = "kubeflow", AwsOptions aws = {});
  ~CloudWatchLogMonitor();
  CloudWatchLogMonitor(CloudWatchLogMonitor&&) noexcept;
  CloudWatchLogMonitor& operator=(CloudWatchLogMonitor&&) noexcept;

  const std::string& job_id() const noexcept;
  Platform platform() const noexcept;
  const std::optional<std::string>& cluster_name() const noexcept;
  const std::string& k8s_namespace() const noexcept;

  /// The job's events in timestamp order, between `start_time_ms` (default: the job's start)
  /// and `end_time_ms` (default: now). With a limit: the first `limit` events when
  /// `start_from_head`, else the last `limit`. No events (or no log stream yet) is empty.
  /// @throws ValueError a limit of 0; ServiceError (SMHP: an unknown cluster); ConfigError
  std::vector<JobLogEvent> get_logs(std::optional<std::size_t> limit = std::nullopt, bool start_from_head = false,
                                    std::optional<std::int64_t> end_time_ms = std::nullopt,
                                    std::optional<std::int64_t> start_time_ms = std::nullopt);

  /// Prints each event's message, whitespace-trimmed, one per line, or
  /// "No logs found for job <id> yet". Returns the number of events printed.
  std::size_t show_logs(std::ostream& out, std::optional<std::size_t> limit = std::nullopt,
                        bool start_from_head = false, std::optional<std::int64_t> end_time_ms = std::nullopt,
                        std::optional<std::int64_t> start_time_ms = std::nullopt);
  /// show_logs to standard output.
  std::size_t show_logs(std::optional<std::size_t> limit = std::nullopt, bool start_from_head = false,
                        std::optional<std::int64_t> end_time_ms = std::nullopt,
                        std::optional<std::int64_t> start_time_ms = std::nullopt);

  /// Streams the job's events to `on_event`, each exactly once, until `stop()` returns true.
  /// `stop` is asked before each poll; the poll that follows a true answer is the last, so
  /// events written before the job ended are still delivered. Events of one poll arrive in
  /// timestamp order; a stream that appears later (a host starting late) is picked up.
  /// A passing failure of a poll or of `stop` is retried within `options.errors`; when that
  /// budget is spent, the last ServiceError is thrown.
  void follow(const std::function<void(const JobLogEvent&)>& on_event, const std::function<bool()>& stop,
              LogFollowOptions options = {});

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace nova
