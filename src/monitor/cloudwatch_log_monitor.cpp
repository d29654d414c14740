#include "monitor/cloudwatch_log_monitor.hpp"

#include <algorithm>
#include <iostream>
#include <thread>

#include "aws/core/retry/poll_guard.hpp"
#include "aws/session/session_for.hpp"
#include "nova/interrupt.hpp"

namespace nova {

struct CloudWatchLogMonitor::State {
  std::string job_id;
  Platform platform;
  std::optional<std::int64_t> started_time_ms;
  std::optional<std::string> cluster_name;
  std::string k8s_namespace;
  AwsOptions aws;
  std::unique_ptr<monitor::JobLogSource> source;  // made on first use: construction needs no AWS

  monitor::JobLogSource& log_source() {
    if (!source) {
      const auto session = aws::session_for(aws);
      source = platform == Platform::SMHP
                   ? monitor::cluster_job_log_source(*session, *cluster_name, job_id)
                   : monitor::training_job_log_source(*session, job_id);
    }
    return *source;
  }
};

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Python's str.strip(): CloudWatch messages usually end in the line's newline.
std::string_view strip(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\r\f\v";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

CloudWatchLogMonitor::CloudWatchLogMonitor(std::string job_id, Platform platform,
                                           std::optional<std::int64_t> started_time_ms,
                                           std::optional<std::string> cluster_name, std::string k8s_namespace,
                                           AwsOptions aws)
    : state_(std::make_unique<State>()) {
  if (job_id.empty()) throw ValueError("CloudWatchLogMonitor needs a job id (the training job's name), got an empty one");
  if (platform == Platform::SMHP && (!cluster_name || cluster_name->empty())) {
    throw ValueError("SMHP platform requires 'cluster_name' parameters");
  }
  state_->job_id = std::move(job_id);
  state_->platform = platform;
  state_->started_time_ms = started_time_ms;
  state_->cluster_name = std::move(cluster_name);
  state_->k8s_namespace = std::move(k8s_namespace);
  state_->aws = std::move(aws);
}

CloudWatchLogMonitor CloudWatchLogMonitor::from_job_id(std::string job_id, Platform platform,
                                                       std::chrono::system_clock::time_point started_time,
                                                       std::optional<std::string> cluster_name,
                                                       std::string k8s_namespace, AwsOptions aws) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(started_time.time_since_epoch()).count();
  return CloudWatchLogMonitor(std::move(job_id), platform, ms, std::move(cluster_name), std::move(k8s_namespace),
                              std::move(aws));
}

CloudWatchLogMonitor::~CloudWatchLogMonitor() = default;
CloudWatchLogMonitor::CloudWatchLogMonitor(CloudWatchLogMonitor&&) noexcept = default;
CloudWatchLogMonitor& CloudWatchLogMonitor::operator=(CloudWatchLogMonitor&&) noexcept = default;

const std::string& CloudWatchLogMonitor::job_id() const noexcept { return state_->job_id; }
Platform CloudWatchLogMonitor::platform() const noexcept { return state_->platform; }
const std::optional<std::string>& CloudWatchLogMonitor::cluster_name() const noexcept { return state_->cluster_name; }
const std::string& CloudWatchLogMonitor::k8s_namespace() const noexcept { return state_->k8s_namespace; }

std::vector<JobLogEvent> CloudWatchLogMonitor::get_logs(std::optional<std::size_t> limit, bool start_from_head,
                                                        std::optional<std::int64_t> end_time_ms,
                                                        std::optional<std::int64_t> start_time_ms) {
  if (limit && *limit == 0) throw ValueError("get_logs: limit must be a positive number of events, got 0");
  monitor::LogWindow window;
  window.limit = limit;
  window.from_head = start_from_head;
  window.start_ms = start_time_ms ? start_time_ms : state_->started_time_ms;
  window.end_ms = end_time_ms.value_or(now_ms());
  if (window.start_ms && *window.start_ms > window.end_ms) {
    throw ValueError("get_logs: the start time (" + std::to_string(*window.start_ms) + " ms) is after the end time (" +
                     std::to_string(window.end_ms) + " ms)");
  }
  return state_->log_source().read(window);
}

std::size_t CloudWatchLogMonitor::show_logs(std::ostream& out, std::optional<std::size_t> limit, bool start_from_head,
                                            std::optional<std::int64_t> end_time_ms,
                                            std::optional<std::int64_t> start_time_ms) {
  const auto events = get_logs(limit, start_from_head, end_time_ms, start_time_ms);
  if (events.empty()) out << "No logs found for job " << state_->job_id << " yet\n";
  for (const auto& e : events) out << strip(e.message) << '\n';
  return events.size();
}

std::size_t CloudWatchLogMonitor::show_logs(std::optional<std::size_t> limit, bool start_from_head,
                                            std::optional<std::int64_t> end_time_ms,
                                            std::optional<std::int64_t> start_time_ms) {
  return show_logs(std::cout, limit, start_from_head, end_time_ms, start_time_ms);
}

void CloudWatchLogMonitor::follow(const std::function<void(const JobLogEvent&)>& on_event,
                                  const std::function<bool()>& stop, LogFollowOptions options) {
  const auto sleep = options.sleep ? options.sleep : [](std::chrono::milliseconds d) { sleep_interruptibly(d); };
  const auto follower = state_->log_source().follower(options.start_time_ms ? options.start_time_ms
                                                                            : state_->started_time_ms);
  aws::PollGuard guard("logs of job " + state_->job_id, "nova logs " + state_->job_id + " --follow", options.errors,
                       sleep);
  for (;;) {
    bool last = false;
    std::vector<JobLogEvent> events;
    guard.run([&] {
      last = stop();
      events = follower->poll();
      return 0;
    });
    for (const auto& e : events) on_event(e);
    if (last) return;
    sleep(options.poll_interval);
  }
}

namespace monitor {

void order_and_trim(std::vector<JobLogEvent>& events, std::optional<std::size_t> limit, bool from_head) {
  std::stable_sort(events.begin(), events.end(),
                   [](const JobLogEvent& a, const JobLogEvent& b) { return a.timestamp_ms < b.timestamp_ms; });
  if (!limit || events.size() <= *limit) return;
  if (from_head) {
    events.resize(*limit);
  } else {
    events.erase(events.begin(), events.end() - static_cast<std::ptrdiff_t>(*limit));
  }
}

int page_limit(std::optional<std::size_t> remaining) {
  return static_cast<int>(std::min(remaining.value_or(kMaxEventsPerCall), kMaxEventsPerCall));
}

}  // namespace monitor
}  // namespace nova
