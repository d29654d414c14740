// nova train --model M --method M --job-name N [runtime, customizer and train() flags] [--dry-run] [--json]
#include <memory>

#include "assignments.hpp"
#include "customizer_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "nova/customizer.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "platform_option.hpp"
#include "refusal.hpp"
#include "train_output.hpp"

namespace nova::cli {
namespace {

struct TrainArgs {
  std::string model, method, job_name;
  std::string data_s3_path, model_path;
  bool data_mixing{false};
  std::vector<std::string> data_mix;
  std::string recipe, rft_lambda_arn, validation_data_s3_path;
  std::vector<std::string> overrides;
  bool dry_run{false}, json{false};
  std::string save_result{"."};
  CustomizerFlags flags;
};

void run_train(TrainArgs args) {
  const Model model = parse_model_option(args.model);
  const TrainingMethod method = parse_method_option(args.method);
  const Platform platform = parse_platform_option(args.flags.platform);
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
    default_instances(args.flags, model, method, platform);
    CustomizerOptions options = customizer_options(args.flags, args.dry_run);
    options.data_s3_path = given(args.data_s3_path);
    options.model_path = given(args.model_path);
    options.data_mixing_enabled = args.data_mixing;
    NovaModelCustomizer customizer(model, method, make_runtime(args.flags, platform), std::move(options));
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

  const std::string monitoring = "MLflow and data mixing";
  add_customizer_flags(*cmd, args->flags, monitoring);
  cmd->add_flag("--data-mixing", args->data_mixing, "Mix Nova's data into yours (SMHP, CPT and SFT)")->group(monitoring);
  cmd->add_option("--data-mix", args->data_mix,
                  "key=percent with --data-mixing (repeatable), e.g. --data-mix customer_data_percent=50")
      ->group(monitoring);
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
