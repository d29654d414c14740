// nova job stop RESULT.json|JOB_NAME
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "job_lookup.hpp"
#include "nova/runtime.hpp"
#include "refusal.hpp"

namespace nova::cli {
namespace {

struct JobStopArgs {
  std::string job;
  AwsFlags aws;
};

// The runtime manager that can stop `job`. Stopping needs only the job's name (and, on
// HyperPod, its cluster and namespace), so the instance type and count are placeholders.
std::unique_ptr<RuntimeManager> manager_for(const BaseJobResult& job, const AwsOptions& aws) {
  if (const auto* hp = dynamic_cast<const SMHPTrainingResult*>(&job)) {
    return std::make_unique<SMHPRuntimeManager>("ml.p5.48xlarge", 1, hp->cluster_name(), hp->namespace_name());
  }
  if (const auto* hp = dynamic_cast<const SMHPEvaluationResult*>(&job)) {
    return std::make_unique<SMHPRuntimeManager>("ml.p5.48xlarge", 1, hp->cluster_name(), hp->namespace_name());
  }
  return std::make_unique<SMTJRuntimeManager>("ml.p5.48xlarge", 1, std::nullopt, std::nullopt, false, std::nullopt,
                                              std::nullopt, aws);
}

void run_job_stop(const JobStopArgs& args) {
  exit_1_when_refused([&] {
    const auto job = find_job(args.job, args.aws.options());
    manager_for(*job, args.aws.options())->cleanup(job->job_id());
    const char* how = job->platform() == Platform::SMTJ ? "StopTrainingJob" : "HyperPod cancel";
    std::cout << fmt::format("Stop requested for {} ({}); 'nova job status {}' shows Stopping, then Stopped\n",
                             job->job_id(), how, args.job);
  });
}

}  // namespace

void add_job_stop_command(CLI::App& job) {
  auto args = std::make_shared<JobStopArgs>();
  CLI::App* cmd = job.add_subcommand("stop", "Stop a running job (SageMaker StopTrainingJob)");
  cmd->add_option("JOB", args->job, "A result file written by 'nova train' (or dump()), or a SageMaker training job name")
      ->required();
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "Exit codes: 0 stop requested, 1 AWS refused (e.g. no such job), 2 usage error or not implemented (HyperPod).\n"
      "Example:\n  nova job stop my-sft-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d_SMTJ.json");
  cmd->callback([args] { run_job_stop(*args); });
}

}  // namespace nova::cli
