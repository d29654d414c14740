#pragma once
// The runtime and customizer flags every job command shares (`nova train`, `nova evaluate`,
// `nova infer`): --platform and the runtime manager's settings, --output-s3-path, the
// validation switches, the generated recipe directory, MLflow, and --profile / --region.

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws_flags.hpp"
#include "nova/customizer.hpp"
#include "nova/runtime.hpp"

namespace nova::cli {

struct CustomizerFlags {
  std::string platform{"smtj"};
  std::string instance_type;
  int instance_count{0};
  std::string execution_role, kms_key_id;
  bool encrypt_inter_container_traffic{false};
  std::vector<std::string> subnets, security_group_ids;
  std::string cluster_name, namespace_name{"kubeflow"};
  std::string output_s3_path, generated_recipe_dir;
  bool no_validate_iam{false}, no_validate_infra{false}, no_validate_recipe{false};
  std::string mlflow_tracking_uri, mlflow_experiment_name, mlflow_run_name;
  AwsFlags aws;
};

// Empty flag value -> none.
std::optional<std::string> given(const std::string& flag_value);

// Adds the runtime ("Runtime"), checks ("Checks and recipe output") and MLflow flags, and
// --output-s3-path and the AWS flags. `monitoring_group` names the MLflow flags' group.
void add_customizer_flags(CLI::App& cmd, CustomizerFlags& flags, const std::string& monitoring_group);

// Without --instance-type/--instance-count: the recipe's own (cache, hub, else built-in).
// `eval_task` picks the recipe of an EVALUATION customizer.
void default_instances(CustomizerFlags& flags, Model model, TrainingMethod method, Platform platform,
                       std::optional<EvaluationTask> eval_task = std::nullopt);

// Throws CLI::ValidationError for --platform smhp without --cluster-name.
std::shared_ptr<RuntimeManager> make_runtime(const CustomizerFlags& flags, Platform platform);

// The customizer's options; a dry run checks the MLflow ARN's format only (no AWS call).
CustomizerOptions customizer_options(const CustomizerFlags& flags, bool dry_run);

}  // namespace nova::cli
