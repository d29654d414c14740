#include "customizer_flags.hpp"

#include "nova/monitor.hpp"
#include "nova/recipe.hpp"

namespace nova::cli {

std::optional<std::string> given(const std::string& flag_value) {
  if (flag_value.empty()) return std::nullopt;
  return flag_value;
}

void add_customizer_flags(CLI::App& cmd, CustomizerFlags& flags, const std::string& monitoring_group) {
  cmd.add_option("--output-s3-path", flags.output_s3_path,
                 "Where the job writes (default: s3://sagemaker-nova-<account>-<region>/output, created if missing)");

  const std::string infra = "Runtime";
  cmd.add_option("--platform", flags.platform, "smtj (SageMaker training job) or smhp (HyperPod)")
      ->capture_default_str()
      ->group(infra);
  cmd.add_option("--instance-type", flags.instance_type, "e.g. ml.p5.48xlarge (default: the recipe's)")->group(infra);
  cmd.add_option("--instance-count", flags.instance_count, "Instances (default: the recipe's)")
      ->check(CLI::PositiveNumber)
      ->group(infra);
  cmd.add_option("--execution-role", flags.execution_role,
                 "SMTJ: IAM role ARN the job runs as (default: the caller's role, else AmazonSageMaker-DefaultRole)")
      ->group(infra);
  cmd.add_option("--kms-key-id", flags.kms_key_id, "KMS key for the job's output and a created output bucket")
      ->group(infra);
  cmd.add_flag("--encrypt-inter-container-traffic", flags.encrypt_inter_container_traffic, "SMTJ")->group(infra);
  cmd.add_option("--subnet", flags.subnets, "SMTJ: VPC subnet id (repeatable)")->group(infra);
  cmd.add_option("--security-group-id", flags.security_group_ids, "SMTJ: VPC security group id (repeatable)")
      ->group(infra);
  cmd.add_option("--cluster-name", flags.cluster_name, "SMHP: HyperPod cluster (required with --platform smhp)")
      ->group(infra);
  cmd.add_option("--namespace", flags.namespace_name, "SMHP: Kubernetes namespace")->capture_default_str()->group(infra);

  const std::string checks = "Checks and recipe output";
  cmd.add_flag("--no-validate-iam", flags.no_validate_iam,
               "Skip the IAM checks (caller permissions, execution role trust and policies)")
      ->group(checks);
  cmd.add_flag("--no-validate-infra", flags.no_validate_infra, "Skip the HyperPod capacity check")->group(checks);
  cmd.add_flag("--no-validate-recipe", flags.no_validate_recipe, "Skip the recipe checks")->group(checks);
  cmd.add_option("--generated-recipe-dir", flags.generated_recipe_dir, "Write the resolved recipe in this directory")
      ->group(checks);

  cmd.add_option("--mlflow-tracking-uri", flags.mlflow_tracking_uri, "SageMaker MLflow app or tracking server ARN")
      ->group(monitoring_group);
  cmd.add_option("--mlflow-experiment-name", flags.mlflow_experiment_name, "default: the job name")
      ->group(monitoring_group);
  cmd.add_option("--mlflow-run-name", flags.mlflow_run_name, "default: <job name>-<8 hex>")->group(monitoring_group);
  add_aws_flags(cmd, flags.aws);
}

void default_instances(CustomizerFlags& flags, Model model, TrainingMethod method, Platform platform,
                       std::optional<EvaluationTask> eval_task) {
  if (!flags.instance_type.empty() && flags.instance_count > 0) return;
  RecipeQuery query;
  query.model = model;
  query.method = method;
  query.platform = platform;
  query.region = given(flags.aws.region);
  if (method == TrainingMethod::EVALUATION) query.eval_task = eval_task.value_or(EvaluationTask::MMLU);
  const RecipeInfo info = describe_recipe(query);
  if (flags.instance_type.empty()) flags.instance_type = info.instance_type;
  if (flags.instance_count <= 0) flags.instance_count = info.instance_count;
}

std::shared_ptr<RuntimeManager> make_runtime(const CustomizerFlags& flags, Platform platform) {
  if (platform == Platform::SMHP) {
    if (flags.cluster_name.empty()) throw CLI::ValidationError("--cluster-name", "required with --platform smhp");
    return std::make_shared<SMHPRuntimeManager>(flags.instance_type, flags.instance_count, flags.cluster_name,
                                                flags.namespace_name, given(flags.kms_key_id), flags.aws.options());
  }
  std::optional<std::vector<std::string>> subnets, groups;
  if (!flags.subnets.empty()) subnets = flags.subnets;
  if (!flags.security_group_ids.empty()) groups = flags.security_group_ids;
  return std::make_shared<SMTJRuntimeManager>(flags.instance_type, flags.instance_count, given(flags.execution_role),
                                              given(flags.kms_key_id), flags.encrypt_inter_container_traffic, subnets,
                                              groups, flags.aws.options());
}

CustomizerOptions customizer_options(const CustomizerFlags& flags, bool dry_run) {
  CustomizerOptions o;
  o.output_s3_path = given(flags.output_s3_path);
  o.validation_config = {{"iam", !flags.no_validate_iam}, {"infra", !flags.no_validate_infra},
                         {"recipe", !flags.no_validate_recipe}};
  o.generated_recipe_dir = given(flags.generated_recipe_dir);
  o.aws = flags.aws.options();
  if (!flags.mlflow_tracking_uri.empty() || !flags.mlflow_experiment_name.empty() || !flags.mlflow_run_name.empty()) {
    // A dry run promises no side effects and stays quick: only the ARN format is checked.
    o.mlflow_monitor = std::make_shared<MLflowMonitor>(
        given(flags.mlflow_tracking_uri), given(flags.mlflow_experiment_name), given(flags.mlflow_run_name),
        dry_run ? MLflowValidation::kOffline : MLflowValidation::kOnline, o.aws);
  }
  return o;
}

}  // namespace nova::cli
