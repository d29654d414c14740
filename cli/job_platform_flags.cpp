#include "job_platform_flags.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "job_lookup.hpp"
#include "platform_option.hpp"

namespace nova::cli {

void add_job_platform_flags(CLI::App& cmd, JobPlatformFlags& flags) {
  cmd.add_option("--platform", flags.platform, "A JOB name's platform: SMTJ (SageMaker training job) or SMHP (HyperPod)")
      ->capture_default_str();
  cmd.add_option("--cluster-name", flags.cluster_name, "SMHP: the HyperPod cluster of the JOB name");
  cmd.add_option("--namespace", flags.namespace_name, "SMHP: the Kubernetes namespace of the JOB name")->capture_default_str();
}

std::unique_ptr<BaseJobResult> find_job(const std::string& job, const JobPlatformFlags& flags, const AwsOptions& aws) {
  std::error_code ec;
  const Platform platform = parse_platform_option(flags.platform);
  if (std::filesystem::is_regular_file(job, ec) || platform == Platform::SMTJ) return find_job(job, aws);
  if (flags.cluster_name.empty()) throw CLI::ValidationError("--cluster-name", "required with --platform SMHP");
  // Validates the names as the manager does, before anything is asked of AWS.
  hyperpod_manager_for(flags.cluster_name, flags.namespace_name, aws);
  // Only the status, the stop request and the logs are asked of it: the method and start
  // time are placeholders.
  auto result = std::make_unique<SMHPTrainingResult>(job, std::chrono::system_clock::now(), TrainingMethod::SFT_LORA,
                                                     ModelArtifacts{}, flags.cluster_name, std::nullopt,
                                                     flags.namespace_name);
  result->set_aws_options(aws);
  return result;
}

std::unique_ptr<SMHPRuntimeManager> hyperpod_manager_for(const std::string& cluster, const std::string& ns,
                                                         const AwsOptions& aws) {
  return std::make_unique<SMHPRuntimeManager>("ml.p5.48xlarge", 1, cluster, ns, std::nullopt, aws);
}

}  // namespace nova::cli
