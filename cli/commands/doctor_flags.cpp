#include "commands/doctor_flags.hpp"

#include "cli_support.hpp"
#include "commands/deploy_support.hpp"
#include "customizer_flags.hpp"
#include "platform_option.hpp"

namespace nova::cli {

void add_run_flags(CLI::App& cmd, RunFlags& f) {
  cmd.add_option("--platform", f.platform, "Where the job runs: SMTJ (training job) or SMHP (HyperPod)")
      ->capture_default_str()
      ->group("Run");
  cmd.add_option("--model", f.model, "Model: NOVA_MICRO, NOVA_LITE, NOVA_LITE_2, NOVA_PRO")->group("Run");
  cmd.add_option("--method", f.method, "Method: SFT_LORA, SFT_FULL, DPO_LORA, DPO_FULL, RFT_LORA, RFT_FULL, CPT, EVALUATION")
      ->group("Run");
  cmd.add_option("--instance-type", f.instance_type, "Instance type (e.g. ml.p5.48xlarge)")->group("Run");
  cmd.add_option("--instance-count", f.instance_count, "Instances the job needs (default: the recipe's)")->check(CLI::PositiveNumber)->group("Run");
  cmd.add_option("--data-s3-path", f.data_s3_path, "Training data (s3://bucket/key)")->group("Run");
  cmd.add_option("--output-s3-path", f.output_s3_path, "Where the job writes (s3://bucket/prefix)")->group("Run");
  cmd.add_option("--execution-role", f.execution_role, "The role the job runs as (ARN)")->group("Run");
  cmd.add_option("--kms-key-id", f.kms_key_id, "KMS key for the output (id, ARN or alias)")->group("Run");
  cmd.add_option("--cluster-name", f.cluster_name, "HyperPod cluster (SMHP)")->group("Run");
  cmd.add_option("--namespace", f.namespace_name, "Kubernetes namespace (SMHP)")->capture_default_str()->group("Run");
  cmd.add_option("--deploy-platform", f.deploy_platform, "A deployment instead: BEDROCK_OD, BEDROCK_PT or SAGEMAKER")
      ->group("Run");
  cmd.add_option("--endpoint-name", f.endpoint_name, "Deployment name (scopes the deploy permissions)")->group("Run");
  cmd.add_option("--job-name", f.job_name, "Job name (scopes sagemaker:CreateTrainingJob to its prefix)")->group("Run");
  add_aws_flags(cmd, f.aws);
}

PreflightRequest preflight_request(const RunFlags& f) {
  PreflightRequest r;
  r.platform = parse_platform_option(f.platform);
  if (!f.model.empty()) r.model = parse_model_option(f.model);
  if (!f.method.empty()) r.method = parse_method_option(f.method);
  if (r.model.has_value() != r.method.has_value()) {
    throw CLI::ValidationError(r.model ? "--method" : "--model", "--model and --method go together");
  }
  r.instance_type = given(f.instance_type);
  if (f.instance_count > 0) r.instance_count = f.instance_count;
  r.data_s3_path = given(f.data_s3_path);
  r.output_s3_path = given(f.output_s3_path);
  r.execution_role_arn = given(f.execution_role);
  r.kms_key_id = given(f.kms_key_id);
  r.cluster_name = given(f.cluster_name);
  r.namespace_name = f.namespace_name;
  if (!f.deploy_platform.empty()) r.deploy_platform = parse_deploy_platform_option(f.deploy_platform);
  r.endpoint_name = given(f.endpoint_name);
  r.job_name = given(f.job_name);
  r.aws = f.aws.options();
  if (r.platform == Platform::SMHP && !r.cluster_name && !r.deploy_platform) {
    throw CLI::ValidationError("--cluster-name", "--platform SMHP needs --cluster-name");
  }
  return r;
}

}  // namespace nova::cli
