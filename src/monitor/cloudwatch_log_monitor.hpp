#pragma once
// Where a job's log events come from (private to the monitor): a training job's streams
// (SMTJ) or a HyperPod cluster's group filtered by job id (SMHP).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/session/session.hpp"
#include "nova/logs.hpp"

namespace nova::monitor {

// One read of get_logs.
struct LogWindow {
  std::optional<std::size_t> limit;
  bool from_head{false};
  std::optional<std::int64_t> start_ms;
  std::int64_t end_ms{0};
};

// Hands out each event once across calls of poll().
class LogFollower {
 public:
  virtual ~LogFollower() = default;
  // Events that arrived since the previous poll, in timestamp order.
  virtual std::vector<JobLogEvent> poll() = 0;
};

class JobLogSource {
 public:
  virtual ~JobLogSource() = default;
  virtual std::vector<JobLogEvent> read(const LogWindow& window) = 0;
  virtual std::unique_ptr<LogFollower> follower(std::optional<std::int64_t> start_ms) = 0;
};

inline constexpr const char* kTrainingJobLogGroup = "/aws/sagemaker/TrainingJobs";
// GetLogEvents and FilterLogEvents return at most this many events per call.
inline constexpr std::size_t kMaxEventsPerCall = 10000;

std::unique_ptr<JobLogSource> training_job_log_source(const aws::Session& session, std::string job_id);
// Resolves the cluster id (DescribeCluster) on first use.
std::unique_ptr<JobLogSource> cluster_job_log_source(const aws::Session& session, std::string cluster_name,
                                                     std::string job_id);

// Sorts by timestamp, keeping the order of equal timestamps, then keeps the first (from
// head) or last `limit` events.
void order_and_trim(std::vector<JobLogEvent>& events, std::optional<std::size_t> limit, bool from_head);

// The page size of a call that still needs `remaining` events (none: as many as allowed).
int page_limit(std::optional<std::size_t> remaining);

}  // namespace nova::monitor
