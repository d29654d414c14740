#pragma once
// The planned-run options `nova doctor` and `nova iam policy` share, as a PreflightRequest.
#include <CLI/CLI.hpp>
#include <string>

#include "aws_flags.hpp"
#include "nova/preflight.hpp"

namespace nova::cli {

struct RunFlags {
  std::string platform{"SMTJ"};
  std::string model, method;
  std::string instance_type;
  int instance_count{0};
  std::string data_s3_path, output_s3_path, execution_role, kms_key_id;
  std::string cluster_name, namespace_name{"kubeflow"};
  std::string deploy_platform, endpoint_name, job_name;
  AwsFlags aws;
};

void add_run_flags(CLI::App& cmd, RunFlags& flags);
// Throws CLI::ValidationError for a model, method or platform that is not one.
PreflightRequest preflight_request(const RunFlags& flags);

}  // namespace nova::cli
