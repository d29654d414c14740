// nova job status RESULT.json|JOB_NAME [--watch] [--interval S] [--timeout S] [--max-errors N]
//   [--error-timeout S] [--json]
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "job_lookup.hpp"
#include "job_platform_flags.hpp"
#include "nova/wait.hpp"
#include "refusal.hpp"
#include "terminal.hpp"
#include "wait_budget_flags.hpp"
#include "nova/interrupt.hpp"

namespace nova::cli {
namespace {

struct JobStatusArgs {
  std::string job;
  bool watch{false}, json{false};
  double interval{30.0};
  std::optional<double> timeout;
  WaitBudgetFlags errors;
  JobPlatformFlags platform;
  AwsFlags aws;
};

std::string status_line(const BaseJobResult& job, JobStatus status, const std::string& raw, bool json) {
  if (json) {
    const nlohmann::ordered_json out = {{"job_id", job.job_id()},
                                        {"status", std::string(to_string(status))},
                                        {"raw_status", raw},
                                        {"platform", std::string(to_string(job.platform()))}};
    return out.dump();
  }
  return fmt::format("{} {} ({})", job.job_id(), to_string(status), raw);
}

// "1h02m03s" since the job started (since watching started when the start is unknown).
std::string elapsed_since(std::chrono::system_clock::time_point job_start, std::chrono::system_clock::time_point watch_start) {
  const auto now = std::chrono::system_clock::now();
  const auto from = job_start.time_since_epoch().count() > 0 && job_start <= now ? job_start : watch_start;
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - from).count();
  return secs >= 3600 ? fmt::format("{}h{:02}m{:02}s", secs / 3600, secs / 60 % 60, secs % 60)
                      : fmt::format("{}m{:02}s", secs / 60, secs % 60);
}

void run_job_status(const JobStatusArgs& args) {
  exit_1_when_refused([&] {
    const auto job = find_job(args.job, args.platform, args.aws.options());
    // A live line only where someone watches it: a terminal, not a pipe or a log file.
    const bool live = args.watch && !args.json && live_terminal(STDOUT_FILENO);
    std::size_t shown = 0;
    const auto watch_start = std::chrono::system_clock::now();
    const auto show = [&](JobStatus status, const std::string& raw) {
      std::string line = status_line(*job, status, raw, args.json);
      if (live) {
        line += "  elapsed " + elapsed_since(job->started_time(), watch_start);
        const std::size_t width = line.size();
        line.append(shown > width ? shown - width : 0, ' ');  // blank what a longer line left
        shown = width;
        std::cout << '\r' << line << std::flush;
      } else {
        std::cout << line << std::endl;
      }
    };
    JobStatus status = JobStatus::IN_PROGRESS;
    if (!args.watch) {
      std::string raw;
      std::tie(status, raw) = job->get_job_status();
      show(status, raw);
    } else {
      JobWatchOptions options;
      options.poll_interval = std::chrono::milliseconds(static_cast<std::int64_t>(args.interval * 1000));
      if (args.timeout) options.timeout = std::chrono::seconds(static_cast<std::int64_t>(*args.timeout));
      options.errors = args.errors.budget();
      try {
        status = watch_job(*job, show, options).first;
      } catch (...) {
        if (live) std::cout << '\n';
        throw;
      }
    }
    if (live) std::cout << '\n';
    throw Exit{status == JobStatus::FAILED ? kExitFailed : kExitOk};
  });
}

}  // namespace

void add_job_status_command(CLI::App& job) {
  auto args = std::make_shared<JobStatusArgs>();
  CLI::App* cmd = job.add_subcommand("status", "Show a job's status: <job> <STATUS> (<platform status>)");
  cmd->add_option("JOB", args->job, "A result file written by 'nova train' (or dump()), or a job name (see --platform)")
      ->required();
  add_job_platform_flags(*cmd, args->platform);
  cmd->add_flag("--watch", args->watch, "Keep polling until the job completes or fails (a live line on a terminal)");
  cmd->add_option("--interval", args->interval, "Seconds between polls with --watch")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--timeout", args->timeout, "With --watch: give up (exit 1) when the job still runs after S seconds")
      ->check(CLI::PositiveNumber);
  add_wait_budget_flags(*cmd, args->errors, "With --watch: ");
  cmd->add_flag("--json", args->json, "One JSON object per poll, one line each: {job_id, status, raw_status, platform}");
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "STATUS is IN_PROGRESS, COMPLETED or FAILED (Stopping and Stopped count as FAILED, as in the SDK).\n"
      "HyperPod: the PyTorchJob's latest condition (Created, Running, Restarting, Suspended: IN_PROGRESS;\n"
      "Succeeded: COMPLETED; Failed: FAILED); a job no longer on the cluster (stopped) reads FAILED (Stopped).\n"
      "--watch rides out passing errors (throttling, 5xx, dropped connections) with backoff; the job keeps\n"
      "running whatever happens to the watch, so a watch that gave up can be resumed with the same command.\n"
      "Exit codes: 0 in progress or completed, 1 failed or stopped (or AWS answered with an error, or the\n"
      "watch gave up), 2 usage error.\n"
      "Examples:\n"
      "  nova job status my-sft-1a2b3c4d-..._SMTJ.json --watch --interval 60\n"
      "  nova job status my-sft-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d --json\n"
      "  nova job status my-sft-x7k2p --platform SMHP --cluster-name my-hp --namespace kubeflow");
  cmd->callback([args] { run_job_status(*args); });
}

}  // namespace nova::cli
