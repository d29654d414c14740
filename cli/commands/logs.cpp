// nova logs JOB|RESULT.json [--follow] [--limit N] [--from-head] [--until T] [--json]
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "job_lookup.hpp"
#include "job_platform_flags.hpp"
#include "nova/job_logs.hpp"
#include "refusal.hpp"

namespace nova::cli {
namespace {

// --json: one object per event and line, so a script can filter by stream or time.
void print_event_json(const JobLogEvent& e) {
  std::cout << nlohmann::ordered_json{{"timestamp_ms", e.timestamp_ms}, {"log_stream", e.log_stream}, {"message", e.message}}
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n' << std::flush;
}

struct LogsArgs {
  std::string job;
  bool follow{false}, from_head{false};
  std::optional<std::size_t> limit;
  std::optional<std::string> until;
  double interval{5.0};
  bool pods{false};
  bool json{false};
  JobPlatformFlags platform;
  AwsFlags aws;
};

// A result file: its platform, start time and cluster. A job name: a SageMaker training
// job whose start is unknown, so every event of its streams.
CloudWatchLogMonitor monitor_for(const std::string& job, const BaseJobResult& status_source, const AwsOptions& aws) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(job, ec)) return log_monitor_for(status_source);
  if (const auto* hp = dynamic_cast<const SMHPTrainingResult*>(&status_source)) {
    return CloudWatchLogMonitor(job, Platform::SMHP, std::nullopt, hp->cluster_name(), hp->namespace_name(), aws);
  }
  return CloudWatchLogMonitor(job, Platform::SMTJ, std::nullopt, std::nullopt, "kubeflow", aws);
}

// --pods: the job's pod logs from the cluster's Kubernetes API (HyperPod only).
void show_pod_logs(const BaseJobResult& job, bool follow, const AwsOptions& aws) {
  std::string cluster, ns;
  if (const auto* hp = dynamic_cast<const SMHPTrainingResult*>(&job)) {
    cluster = hp->cluster_name();
    ns = hp->namespace_name();
  } else if (const auto* hp_eval = dynamic_cast<const SMHPEvaluationResult*>(&job)) {
    cluster = hp_eval->cluster_name();
    ns = hp_eval->namespace_name();
  } else {
    throw CLI::ValidationError("--pods", "reads pod logs of HyperPod jobs only (--platform SMHP or an SMHP result file)");
  }
  hyperpod_manager_for(cluster, ns, aws)->pod_logs(job.job_id(), [](std::string_view chunk) {
    std::cout << chunk << std::flush;
    return static_cast<bool>(std::cout);
  }, follow);
}

void run_logs(const LogsArgs& args) {
  exit_1_when_refused([&] {
    if (args.follow && (args.limit || args.from_head || args.until)) {
      throw CLI::ValidationError("--follow", "streams every event from the job's start until it ends; it does not "
                                             "take --limit, --from-head or --until");
    }
    const std::optional<std::int64_t> until = args.until ? std::optional(parse_log_time(*args.until)) : std::nullopt;
    const auto job = find_job(args.job, args.platform, args.aws.options());
    if (args.pods) {
      if (args.limit || args.from_head || args.until) {
        throw CLI::ValidationError("--pods", "prints the pods' logs whole; it does not take --limit, --from-head or --until");
      }
      if (args.json) throw CLI::ValidationError("--json", "pod logs are printed as the pods wrote them; --json reads CloudWatch events");
      show_pod_logs(*job, args.follow, args.aws.options());
      return;
    }
    CloudWatchLogMonitor monitor = monitor_for(args.job, *job, args.aws.options());
    if (!args.follow && args.json) {
      for (const JobLogEvent& e : monitor.get_logs(args.limit, args.from_head, until)) print_event_json(e);
      return;
    }
    if (!args.follow) {
      monitor.show_logs(std::cout, args.limit, args.from_head, until);
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    LogFollowOptions options;
    options.poll_interval = std::chrono::milliseconds(static_cast<std::int64_t>(args.interval * 1000));
    JobStatus status = JobStatus::IN_PROGRESS;
    std::string raw;
    monitor.follow([&](const JobLogEvent& e) {
                     if (args.json) {
                       print_event_json(e);
                       return;
                     }
                     std::cout << e.message << (e.message.ends_with('\n') ? "" : "\n") << std::flush;
                   },
                   [&] {
                     std::tie(status, raw) = job->get_job_status();
                     return status != JobStatus::IN_PROGRESS;
                   },
                   options);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::cerr << fmt::format("Job {} ended: {} ({}) after following its logs for {:.0f} s.\n", job->job_id(),
                             to_string(status), raw, took.count());
  });
}

}  // namespace

void add_logs_command(CLI::App& app) {
  auto args = std::make_shared<LogsArgs>();
  CLI::App* cmd = app.add_subcommand("logs", "Print a job's CloudWatch logs (every host of the job, in time order)");
  cmd->add_option("JOB", args->job, "A result file (nova train/evaluate/infer, or dump()), or a SageMaker training job name")
      ->required();
  cmd->add_flag("--follow", args->follow, "Stream new events until the job completes, fails or is stopped");
  cmd->add_option("--limit", args->limit, "At most N events: the newest N, or the oldest with --from-head")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--from-head", args->from_head, "With --limit: the oldest events instead of the newest");
  cmd->add_option("--until", args->until, "Only events before T: epoch milliseconds or ISO 8601 (no offset: UTC)");
  cmd->add_option("--interval", args->interval, "Seconds between polls with --follow")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_flag("--pods", args->pods,
                "HyperPod: the job's pod logs from the cluster's Kubernetes API, master first (--follow streams the "
                "master pod)");
  cmd->add_flag("--json", args->json, "One JSON object per event and line: {timestamp_ms, log_stream, message}");
  add_job_platform_flags(*cmd, args->platform);
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "SageMaker training jobs log to /aws/sagemaker/TrainingJobs, one stream per host (<job>/algo-N-...);\n"
      "HyperPod jobs to their cluster's log group (/aws/sagemaker/Clusters/<cluster>/<id>, filtered by job);\n"
      "with --pods, the pods' own logs straight from the cluster. Prints 'No logs found for job <id> yet' when there\n"
      "are none.\n"
      "Exit codes: 0 printed (or none yet), 1 AWS error or an unreadable --until, 2 usage error.\n"
      "Examples:\n"
      "  nova logs my-sft-1a2b..._SMTJ.json --limit 100\n"
      "  nova logs my-sft-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d --follow\n"
      "  nova logs my-sft-1a2b..._SMTJ.json --from-head --limit 20 --until 2026-01-01T12:00:00Z\n"
      "  nova logs my-sft-x7k2p --platform SMHP --cluster-name my-hp --namespace kubeflow --pods --follow");
  cmd->callback([args] { run_logs(*args); });
}

}  // namespace nova::cli
