// nova deploy create (--model-artifact-path S3URI | --job-result FILE) [--platform P] [--pt-units N]
//   [--endpoint-name NAME] [--execution-role-name NAME] [--deployment-mode M] [--model M --method M]
//   [--instance-type T] [--wait] [--poll-interval S] [--timeout S] [--max-errors N] [--error-timeout S] [--json]
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "commands/deploy_support.hpp"
#include "customizer_flags.hpp"
#include "nova/customizer.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "refusal.hpp"
#include "wait_budget_flags.hpp"

namespace nova::cli {
namespace {

struct DeployCreateArgs {
  std::string artifact, job_result, platform{"BEDROCK_OD"}, endpoint_name, role{kBedrockExecutionRoleName};
  std::string mode{"FAIL_IF_EXISTS"}, model, method, instance_type{"ml.p5.48xlarge"};
  std::optional<int> pt_units;
  bool wait{false}, json{false};
  double poll_interval{60.0};
  std::optional<double> timeout;
  WaitBudgetFlags errors;
  AwsFlags aws;
};

std::shared_ptr<TrainingResult> load_training_result(const std::string& file) {
  std::shared_ptr<BaseJobResult> loaded = BaseJobResult::load(file);
  auto training = std::dynamic_pointer_cast<TrainingResult>(loaded);
  if (!training) throw ValueError(fmt::format("--job-result {} holds a {}, not a training job result", file, loaded->class_name()));
  return training;
}

std::chrono::milliseconds millis(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
}

void run_deploy_create(const DeployCreateArgs& args) {
  const DeployPlatform platform = parse_deploy_platform_option(args.platform);
  const DeploymentMode mode = parse_deployment_mode_option(args.mode);
  exit_1_when_refused([&] {
    if (args.artifact.empty() && args.job_result.empty()) {
      throw CLI::ValidationError("--model-artifact-path/--job-result",
                                 "name the checkpoint to deploy: --model-artifact-path s3://... or --job-result FILE");
    }
    DeployOptions o;
    if (!args.artifact.empty()) o.model_artifact_path = args.artifact;
    if (!args.job_result.empty()) o.job_result = load_training_result(args.job_result);
    std::optional<Model> model = args.model.empty() ? std::nullopt : std::optional<Model>(parse_model_option(args.model));
    std::optional<TrainingMethod> method =
        args.method.empty() ? std::nullopt : std::optional<TrainingMethod>(parse_method_option(args.method));
    if (o.job_result) {
      if (!model) model = o.job_result->model_type();
      if (!method) method = o.job_result->method();
    }
    if (!model || !method) {
      throw CLI::ValidationError("--model/--method", "name the trained model and method (--model NOVA_MICRO --method "
                                                     "SFT_LORA), or give a --job-result that records them");
    }
    o.deploy_platform = platform;
    o.pt_units = args.pt_units;
    if (!args.endpoint_name.empty()) o.endpoint_name = args.endpoint_name;
    o.bedrock_execution_role_name = args.role;
    o.instance_type = args.instance_type;
    o.wait.poll_interval = millis(args.poll_interval);
    if (args.timeout) o.wait.timeout = millis(*args.timeout);
    o.wait.errors = args.errors.budget();
    o.wait.progress = wait_progress_printer();
    o.wait_for_deployment = args.wait;

    CustomizerOptions options;
    options.deployment_mode = mode;
    options.aws = args.aws.options();
    // The customizer checks its runtime against the training recipe; deploy only needs one that passes.
    CustomizerFlags training;
    default_instances(training, *model, *method, Platform::SMTJ);
    auto infra = std::make_shared<SMTJRuntimeManager>(training.instance_type, training.instance_count, std::nullopt,
                                                      std::nullopt, false, std::nullopt, std::nullopt, options.aws);
    NovaModelCustomizer customizer(*model, *method, infra, options);
    const DeploymentResult result = customizer.deploy(o);
    const DeploymentSummary summary{result.endpoint(), result.status(),
                                    nlohmann::json::parse(result.to_json())["created_at"].get<std::string>(),
                                    result.lineage()};
    if (args.json) {
      // The contract: exactly these six keys (`nova deploy status --json` adds the lineage).
      nlohmann::ordered_json out = deployment_json(summary);
      out.erase("lineage");
      std::cout << out.dump() << "\n";
    } else {
      std::cout << deployment_text(summary);
      if (!args.wait) {
        std::cout << "Deployments usually take 30-45 minutes; follow with: nova deploy status "
                  << result.endpoint().endpoint_name << "\n";
      }
    }
  });
}

}  // namespace

void add_deploy_create_command(CLI::App& deploy) {
  auto args = std::make_shared<DeployCreateArgs>();
  CLI::App* cmd = deploy.add_subcommand("create", "Import a trained checkpoint and deploy it (Bedrock OD/PT or a SageMaker endpoint)");
  auto* artifact = cmd->add_option("--model-artifact-path", args->artifact, "The checkpoint (s3://...) to deploy");
  auto* job = cmd->add_option("--job-result", args->job_result, "A training result file (nova train / dump()): its checkpoint");
  artifact->excludes(job);
  cmd->add_option("--platform", args->platform, "BEDROCK_OD, BEDROCK_PT or SAGEMAKER")->capture_default_str();
  cmd->add_option("--pt-units", args->pt_units, "Model units for BEDROCK_PT (required there, >= 1)");
  cmd->add_option("--endpoint-name", args->endpoint_name, "Default: <model>-<method>-<region> (or -sagemaker)");
  cmd->add_option("--execution-role-name", args->role, "The role Bedrock/SageMaker uses (created when missing)")
      ->capture_default_str();
  cmd->add_option("--deployment-mode", args->mode, "FAIL_IF_EXISTS or UPDATE_IF_EXISTS (PT only)")->capture_default_str();
  cmd->add_option("--model", args->model, "The trained model (NOVA_MICRO, ...); default: the job result's");
  cmd->add_option("--method", args->method, "The training method (SFT_LORA, ...); default: the job result's");
  cmd->add_option("--instance-type", args->instance_type, "SAGEMAKER: the endpoint's instance type")->capture_default_str();
  cmd->add_flag("--wait", args->wait, "Wait until the deployment is Active / InService");
  cmd->add_option("--poll-interval", args->poll_interval, "Seconds between status polls while waiting")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--timeout", args->timeout, "Give up waiting after this many seconds (default: no limit)")
      ->check(CLI::PositiveNumber);
  add_wait_budget_flags(*cmd, args->errors, "While waiting (import, --wait): ");
  cmd->add_flag("--json", args->json,
                "Print one JSON object: endpoint_name, platform, uri, model_artifact_path, created_at, status");
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "The import is waited on (progress on stderr: a live line on a terminal, plain lines otherwise); the\n"
      "deployment itself only with --wait.\n"
      "A re-run after an interruption reuses the model already imported from the same checkpoint.\n"
      "Waits ride out passing errors (throttling, 5xx, dropped connections) with backoff, as `nova job status\n"
      "--watch` does; what was created keeps going on AWS when a wait gives up.\n"
      "Exit codes: 0 deployed, 1 refused (exists, no pt-units, missing permissions) or AWS/the deployment failed, 2 usage.\n"
      "Examples:\n"
      "  nova deploy create --model-artifact-path s3://customer-escrow-.../checkpoint/ --model NOVA_MICRO --method SFT_LORA\n"
      "  nova deploy create --job-result my-sft-..._SMTJ.json --platform BEDROCK_PT --pt-units 1 --wait --json");
  cmd->callback([args] { run_deploy_create(*args); });
}

}  // namespace nova::cli
