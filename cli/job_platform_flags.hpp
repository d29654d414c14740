#pragma once
// --platform / --cluster-name / --namespace on the commands that take a JOB name
// (`nova job status|stop`, `nova logs`): a bare name is a SageMaker training job unless
// --platform SMHP says it is a HyperPod job of that cluster and namespace.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "nova/aws.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"

namespace nova::cli {

struct JobPlatformFlags {
  std::string platform{"smtj"};
  std::string cluster_name;
  std::string namespace_name{"kubeflow"};
};

void add_job_platform_flags(CLI::App& cmd, JobPlatformFlags& flags);

// A result file -> BaseJobResult::load; a name -> an SMTJ or SMHP result by --platform.
// Throws CLI::ValidationError for a name that fits neither, or SMHP without --cluster-name.
std::unique_ptr<BaseJobResult> find_job(const std::string& job, const JobPlatformFlags& flags, const AwsOptions& aws);

// The HyperPod manager for a job's cluster and namespace (stop, pod logs); the instance
// type and count are placeholders (neither is asked of it).
std::unique_ptr<SMHPRuntimeManager> hyperpod_manager_for(const std::string& cluster, const std::string& ns,
                                                         const AwsOptions& aws);

}  // namespace nova::cli
