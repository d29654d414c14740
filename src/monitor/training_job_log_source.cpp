// SMTJ logs: every stream `<job_id>/<host>-<timestamp>` of /aws/sagemaker/TrainingJobs. The
// reference SDK reads only the first stream; a multi-node job writes one per host, so all
// of them are read and merged by timestamp.

#include <map>

#include "monitor/cloudwatch_log_monitor.hpp"

namespace nova::monitor {
namespace {

JobLogEvent job_event(const aws::LogEvent& e, const std::string& stream) {
  return {e.timestamp, e.message, e.ingestion_time, stream};
}

class TrainingJobLogSource final : public JobLogSource {
 public:
  TrainingJobLogSource(const aws::Session& session, std::string job_id)
      : logs_(session.logs()), job_id_(std::move(job_id)) {}

  std::vector<JobLogEvent> read(const LogWindow& window) override {
    std::vector<JobLogEvent> out;
    for (const auto& stream : streams()) {
      auto events = (window.limit && !window.from_head) ? newest(stream.name, window) : oldest(stream.name, window);
      out.insert(out.end(), std::make_move_iterator(events.begin()), std::make_move_iterator(events.end()));
    }
    order_and_trim(out, window.limit, window.from_head);
    return out;
  }

  std::unique_ptr<LogFollower> follower(std::optional<std::int64_t> start_ms) override;

  // The job's streams; the trailing '/' keeps job "a" from matching job "a-2".
  std::vector<aws::LogStream> streams() {
    aws::DescribeLogStreamsRequest req;
    req.log_group_name = kTrainingJobLogGroup;
    req.log_stream_name_prefix = job_id_ + "/";
    try {
      return logs_.describe_all_log_streams(req);
    } catch (const ServiceError& e) {
      // No training job has logged in this account and region yet.
      if (e.code() == "ResourceNotFoundException") return {};
      throw;
    }
  }

  aws::GetLogEventsRequest request(const std::string& stream, std::optional<std::int64_t> start_ms,
                                   std::optional<std::int64_t> end_ms) const {
    aws::GetLogEventsRequest req;
    req.log_group_name = kTrainingJobLogGroup;
    req.log_stream_name = stream;
    req.start_time = start_ms;
    req.end_time = end_ms;
    return req;
  }

  // Walks forward from `req` until the service hands back the token it was sent (the end),
  // or `limit` events. Leaves the last forward token in req.next_token.
  void walk_forward(aws::GetLogEventsRequest& req, std::optional<std::size_t> limit,
                    std::vector<JobLogEvent>& out) {
    req.start_from_head = true;
    std::size_t fetched = 0;
    for (;;) {
      req.limit = page_limit(limit ? std::optional(*limit - fetched) : std::nullopt);
      const aws::GetLogEventsResult page = logs_.get_log_events(req);
      for (const auto& e : page.events) out.push_back(job_event(e, req.log_stream_name));
      fetched += page.events.size();
      const bool at_end = page.next_forward_token.empty() || page.next_forward_token == req.next_token;
      if (!page.next_forward_token.empty()) req.next_token = page.next_forward_token;
      if (at_end || (limit && fetched >= *limit)) return;
    }
  }

  std::vector<JobLogEvent> oldest(const std::string& stream, const LogWindow& window) {
    auto req = request(stream, window.start_ms, window.end_ms);
    std::vector<JobLogEvent> out;
    walk_forward(req, window.limit, out);
    return out;
  }

  // The newest `limit` events: pages walked backwards, each page oldest first.
  std::vector<JobLogEvent> newest(const std::string& stream, const LogWindow& window) {
    auto req = request(stream, window.start_ms, window.end_ms);
    req.start_from_head = false;
    std::vector<std::vector<JobLogEvent>> pages;
    std::size_t fetched = 0;
    for (;;) {
      req.limit = page_limit(*window.limit - fetched);
      const aws::GetLogEventsResult page = logs_.get_log_events(req);
      auto& events = pages.emplace_back();
      for (const auto& e : page.events) events.push_back(job_event(e, stream));
      fetched += events.size();
      if (page.next_backward_token.empty() || page.next_backward_token == req.next_token || fetched >= *window.limit) {
        break;
      }
      req.next_token = page.next_backward_token;
    }
    std::vector<JobLogEvent> out;
    for (auto it = pages.rbegin(); it != pages.rend(); ++it) out.insert(out.end(), it->begin(), it->end());
    return out;
  }

 private:
  aws::LogsClient logs_;
  std::string job_id_;
};

// Per stream, the forward token where the previous poll stopped: no event is read twice and
// none is skipped, whatever the timestamps.
class TrainingJobFollower final : public LogFollower {
 public:
  TrainingJobFollower(TrainingJobLogSource& source, std::optional<std::int64_t> start_ms)
      : source_(source), start_ms_(start_ms) {}

  // Events read before a failed call stay pending (their tokens have moved past them) and
  // are handed out by the next poll that succeeds: none lost, none repeated.
  std::vector<JobLogEvent> poll() override {
    for (const auto& stream : source_.streams()) {
      auto [it, added] = positions_.try_emplace(stream.name, source_.request(stream.name, start_ms_, std::nullopt));
      source_.walk_forward(it->second, std::nullopt, pending_);
    }
    std::vector<JobLogEvent> out = std::move(pending_);
    pending_.clear();
    order_and_trim(out, std::nullopt, true);
    return out;
  }

 private:
  TrainingJobLogSource& source_;
  std::optional<std::int64_t> start_ms_;
  std::map<std::string, aws::GetLogEventsRequest> positions_;
  std::vector<JobLogEvent> pending_;
};

std::unique_ptr<LogFollower> TrainingJobLogSource::follower(std::optional<std::int64_t> start_ms) {
  return std::make_unique<TrainingJobFollower>(*this, start_ms);
}

}  // namespace

std::unique_ptr<JobLogSource> training_job_log_source(const aws::Session& session, std::string job_id) {
  return std::make_unique<TrainingJobLogSource>(session, std::move(job_id));
}

}  // namespace nova::monitor
