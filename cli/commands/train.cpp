// nova train --model M --method M --job-name N [runtime, customizer and train() flags] [--dry-run] [--json]
#include <memory>

#include "assignments.hpp"
#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "nova/customizer.hpp"
#include "nova/monitor.hpp"
#include "nova/recipe.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "platform_option.hpp"
#include "refusal.hpp"
#include "train_output.hpp"

namespace nova::cli {
namespace {

struct TrainArgs {
  std::string model, method, platform{"smtj"}, job_name;
  std::string instance_type;
  int instance_count{0};
  std::string execution_role, kms_key_id;
  bool encrypt_inter_container_traffic{false};
  std::vector<std::string> subnets, security_group_ids;
  std::string cluster_name, namespace_name{"kubeflow"};
  std::string data_s3_path, output_s3_path, model_path, generated_recipe_dir;
  bool no_validate_iam{false}, no_validate_infra{false}, no_validate_recipe{false};
  std::string mlflow_tracking_uri, mlflow_experiment_name, mlflow_run_name;
  bool data_mixing{false};
  std::vector<std::string> data_mix;
  std::string recipe, rft_lambda_arn, validation_data_s3_path;
  std::vector<std::string> overrides;
  bool dry_run{false}, json{false};
  std::string save_result{"."};
  AwsFlags aws;
};

std::optional<std::string> given(const std::string& flag_value) {
  if (flag_value.empty()) return std::nullopt;
  return flag_value;
}

// Without --instance-type/--instance-count: the recipe's own (cache, hub, else built-in).
void default_instances(TrainArgs& args, Model model, TrainingMethod method, Platform platform) {
  if (!args.instance_type.empty() && args.instance_count > 0) return;
  RecipeQuery query;
  query.model = model;
  query.method = method;
  query.platform = platform;
  query.region = given(args.aws.region);
  const RecipeInfo info = describe_recipe(query);
  if (args.instance_type.empty()) args.instance_type = info.instance_type;
  if (args.instance_count <= 0) args.instance_count = info.instance_count;
}

std::shared_ptr<RuntimeManager> make_runtime(const TrainArgs& args, Platform platform) {
  if (platform == Platform::SMHP) {
    if (args.cluster_name.empty()) throw CLI::ValidationError("--cluster-name", "required with --platform smhp");
    return std::make_shared<SMHPRuntimeManager>(args.instance_type, args.instance_count, args.cluster_name,
                                                args.namespace_name, given(args.kms_key_id));
  }
  std::optional<std::vector<std::string>> subnets, groups;
  if (!args.subnets.empty()) subnets = args.subnets;
  if (!args.security_group_ids.empty()) groups = args.security_group_ids;
  return std::make_shared<SMTJRuntimeManager>(args.instance_type, args.instance_count, given(args.execution_role),
                                              given(args.kms_key_id), args.encrypt_inter_container_traffic, subnets,
                                              groups, args.aws.options());
}

CustomizerOptions customizer_options(const TrainArgs& args) {
  CustomizerOptions o;
  o.data_s3_path = given(args.data_s3_path);
  o.output_s3_path = given(args.output_s3_path);
  o.model_path = given(args.model_path);
  o.validation_config = {{"iam", !args.no_validate_iam}, {"infra", !args.no_validate_infra},
                         {"recipe", !args.no_validate_recipe}};
  o.generated_recipe_dir = given(args.generated_recipe_dir);
  o.data_mixing_enabled = args.data_mixing;
  o.aws = args.aws.options();
  if (!args.mlflow_tracking_uri.empty() || !args.mlflow_experiment_name.empty() || !args.mlflow_run_name.empty()) {
    // A dry run promises no side effects and stays quick: only the ARN format is checked.
    o.mlflow_monitor = std::make_shared<MLflowMonitor>(
        given(args.mlflow_tracking_uri), given(args.mlflow_experiment_name), given(args.mlflow_run_name),
        args.dry_run ? MLflowValidation::kOffline : MLflowValidation::kOnline, o.aws);
  }
  return o;
}

void run_train(TrainArgs args) {
  const Model model = parse_model_option(args.model);
  const TrainingMethod method = parse_method_option(args.method);
  const Platform platform = parse_platform_option(args.platform);
  TrainOptions train;
  train.job_name = args.job_name;
  train.recipe_path = given(args.recipe);
  train.overrides = parse_assignments(args.overrides, "--override");
  train.rft_lambda_arn = given(args.rft_lambda_arn);
  train.validation_data_s3_path = given(args.validation_data_s3_path);
  train.dry_run = args.dry_run;
  const auto data_mix = parse_assignments(args.data_mix, "--data-mix");
  if (!data_mix.empty() && !args.data_mixing) throw CLI::ValidationError("--data-mix", "needs --data-mixing");

  exit_1_when_refused([&] {
    default_instances(args, model, method, platform);
    NovaModelCustomizer customizer(model, method, make_runtime(args, platform), customizer_options(args));
    if (!data_mix.empty()) customizer.set_data_mixing_config(data_mix);
    if (args.dry_run) {
      print_training_plan(customizer.plan_training(train), args.json);
      return;
    }
    const auto result = customizer.train(train);
    const auto file = result->dump(args.save_result);
    print_training_result(*result, file.string(), args.json);
  });
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand("train", "Start a training job (SageMaker training job or HyperPod) for a Nova model");
  cmd->add_option("--model", args->model, "Model: NOVA_MICRO, NOVA_LITE, NOVA_LITE_2, NOVA_PRO")->required();
  cmd->add_option("--method", args->method, "Training method: SFT_LORA, SFT_FULL, DPO_LORA, DPO_FULL, RFT_LORA, RFT_FULL, CPT")
      ->required();
  cmd->add_option("--job-name", args->job_name, "Job name; the job gets <name>-<uuid4>, cut to 63 characters")->required();
  cmd->add_option("--data-s3-path", args->data_s3_path, "Training data (s3://bucket/key)");
  cmd->add_option("--output-s3-path", args->output_s3_path,
                  "Where the job writes (default: s3://sagemaker-nova-<account>-<region>/output, created if missing)");
  cmd->add_option("--model-path", args->model_path, "Start from this model (an s3:// checkpoint) instead of the base model");
  cmd->add_option("--recipe", args->recipe, "A recipe YAML file (local or s3://) whose values override the defaults");
  cmd->add_option("--override", args->overrides, "key=value over the recipe (repeatable), e.g. --override lr=2e-5");
  cmd->add_option("--rft-lambda-arn", args->rft_lambda_arn, "Reward Lambda function ARN (RFT methods)");
  cmd->add_option("--validation-data-s3-path", args->validation_data_s3_path, "Validation data (CPT)");
  cmd->add_flag("--dry-run", args->dry_run,
                "Validate and print the resolved recipe and the request it would send; start nothing");
  cmd->add_flag("--json", args->json, "Print one JSON object (see docs/cli.md)");
  cmd->add_option("--save-result", args->save_result,
                  "Directory for the result file <job_id>_<SMTJ|SMHP>.json (the input of 'nova job status')")
      ->capture_default_str();

  const std::string infra = "Runtime";
  cmd->add_option("--platform", args->platform, "smtj (SageMaker training job) or smhp (HyperPod)")
      ->capture_default_str()
      ->group(infra);
  cmd->add_option("--instance-type", args->instance_type, "e.g. ml.p5.48xlarge (default: the recipe's)")->group(infra);
  cmd->add_option("--instance-count", args->instance_count, "Instances (default: the recipe's)")
      ->check(CLI::PositiveNumber)
      ->group(infra);
  cmd->add_option("--execution-role", args->execution_role,
                  "SMTJ: IAM role ARN the job runs as (default: the caller's role, else AmazonSageMaker-DefaultRole)")
      ->group(infra);
  cmd->add_option("--kms-key-id", args->kms_key_id, "KMS key for the job's output and a created output bucket")
      ->group(infra);
  cmd->add_flag("--encrypt-inter-container-traffic", args->encrypt_inter_container_traffic, "SMTJ")->group(infra);
  cmd->add_option("--subnet", args->subnets, "SMTJ: VPC subnet id (repeatable)")->group(infra);
  cmd->add_option("--security-group-id", args->security_group_ids, "SMTJ: VPC security group id (repeatable)")
      ->group(infra);
  cmd->add_option("--cluster-name", args->cluster_name, "SMHP: HyperPod cluster (required with --platform smhp)")
      ->group(infra);
  cmd->add_option("--namespace", args->namespace_name, "SMHP: Kubernetes namespace")->capture_default_str()->group(infra);

  const std::string checks = "Checks and recipe output";
  cmd->add_flag("--no-validate-iam", args->no_validate_iam,
                "Skip the IAM checks (caller permissions, execution role trust and policies)")
      ->group(checks);
  cmd->add_flag("--no-validate-infra", args->no_validate_infra, "Skip the HyperPod capacity check")->group(checks);
  cmd->add_flag("--no-validate-recipe", args->no_validate_recipe, "Skip the recipe checks")->group(checks);
  cmd->add_option("--generated-recipe-dir", args->generated_recipe_dir, "Write the resolved recipe in this directory")
      ->group(checks);

  const std::string monitoring = "MLflow and data mixing";
  cmd->add_option("--mlflow-tracking-uri", args->mlflow_tracking_uri, "SageMaker MLflow app or tracking server ARN")
      ->group(monitoring);
  cmd->add_option("--mlflow-experiment-name", args->mlflow_experiment_name, "default: the job name")->group(monitoring);
  cmd->add_option("--mlflow-run-name", args->mlflow_run_name, "default: <job name>-<8 hex>")->group(monitoring);
  cmd->add_flag("--data-mixing", args->data_mixing, "Mix Nova's data into yours (SMHP, CPT and SFT)")->group(monitoring);
  cmd->add_option("--data-mix", args->data_mix,
                  "key=percent with --data-mixing (repeatable), e.g. --data-mix customer_data_percent=50")
      ->group(monitoring);
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "Exit codes: 0 started (or dry run passed), 1 refused (invalid recipe value, failed IAM check, AWS error),\n"
      "2 usage or configuration error (unknown model or method, no region or credentials).\n"
      "Examples:\n"
      "  nova train --model nova-lite-2 --method sft_lora --job-name my-sft \\\n"
      "    --data-s3-path s3://my-bucket/train.jsonl --execution-role arn:aws:iam::123456789012:role/NovaExec \\\n"
      "    --override max_steps=50 --override lr=2e-5 --dry-run\n"
      "  nova train --model nova-lite-2 --method sft_lora --job-name my-sft --data-s3-path s3://my-bucket/train.jsonl "
      "--json");
  cmd->callback([args] { run_train(*args); });
}

}  // namespace nova::cli
