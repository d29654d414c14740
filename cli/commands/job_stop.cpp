// nova job stop RESULT.json|JOB_NAME [--json]
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "job_lookup.hpp"
#include "job_platform_flags.hpp"
#include "nova/runtime.hpp"
#include "refusal.hpp"

namespace nova::cli {
namespace {

struct JobStopArgs {
  std::string job;
  JobPlatformFlags platform;
  AwsFlags aws;
  bool json{false};
};

// The runtime manager that can stop `job`. Stopping needs only the job's name (and, on
// HyperPod, its cluster and namespace), so the instance type and count are placeholders.
std::unique_ptr<RuntimeManager> manager_for(const BaseJobResult& job, const AwsOptions& aws) {
  if (const auto* hp = dynamic_cast<const SMHPTrainingResult*>(&job)) {
    return hyperpod_manager_for(hp->cluster_name(), hp->namespace_name(), aws);
  }
  if (const auto* hp = dynamic_cast<const SMHPEvaluationResult*>(&job)) {
    return hyperpod_manager_for(hp->cluster_name(), hp->namespace_name(), aws);
  }
  return std::make_unique<SMTJRuntimeManager>("ml.p5.48xlarge", 1, std::nullopt, std::nullopt, false, std::nullopt,
                                              std::nullopt, aws);
}

void run_job_stop(const JobStopArgs& args) {
  exit_1_when_refused([&] {
    const auto job = find_job(args.job, args.platform, args.aws.options());
    manager_for(*job, args.aws.options())->cleanup(job->job_id());
    if (args.json) {
      std::cout << nlohmann::ordered_json{{"job_id", job->job_id()}, {"platform", to_string(job->platform())},
                                          {"stop_requested", true}}.dump()
                << '\n';
      return;
    }
    if (job->platform() == Platform::SMTJ) {
      std::cout << fmt::format("Stop requested for {} (StopTrainingJob); 'nova job status {}' shows Stopping, then "
                               "Stopped\n", job->job_id(), args.job);
    } else {
      std::cout << fmt::format("Stopped {}: its Kubernetes objects were deleted (pods and services go with them); "
                               "'nova job status' shows Stopped\n", job->job_id());
    }
  });
}

}  // namespace

void add_job_stop_command(CLI::App& job) {
  auto args = std::make_shared<JobStopArgs>();
  CLI::App* cmd = job.add_subcommand("stop", "Stop a running job (SageMaker StopTrainingJob; HyperPod: delete the job's Kubernetes objects)");
  cmd->add_option("JOB", args->job, "A result file written by 'nova train' (or dump()), or a job name (see --platform)")
      ->required();
  cmd->add_flag("--json", args->json, "Print one JSON object: {job_id, platform, stop_requested}");
  add_job_platform_flags(*cmd, args->platform);
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "Exit codes: 0 stop requested, 1 AWS or Kubernetes refused (e.g. no such job), 2 usage error.\n"
      "Examples:\n  nova job stop my-sft-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d_SMTJ.json\n"
      "  nova job stop my-sft-x7k2p --platform SMHP --cluster-name my-hp --namespace kubeflow");
  cmd->callback([args] { run_job_stop(*args); });
}

}  // namespace nova::cli
