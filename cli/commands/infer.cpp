// nova infer --model M --job-name N --input S3 --output-s3-path S3 [--model-path P]
//   [--override k=v ...] [runtime and customizer flags] [--dry-run] [--json]
#include <memory>

#include "assignments.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "customizer_flags.hpp"
#include "evaluate_output.hpp"
#include "nova/customizer.hpp"
#include "nova/results.hpp"
#include "platform_option.hpp"
#include "refusal.hpp"
#include "train_output.hpp"

namespace nova::cli {
namespace {

struct InferArgs {
  std::string model, method{"evaluation"}, job_name, input, model_path, recipe;
  std::vector<std::string> overrides;
  bool dry_run{false}, json{false};
  std::string save_result{"."};
  CustomizerFlags flags;
};

void run_infer(InferArgs args) {
  const Model model = parse_model_option(args.model);
  const TrainingMethod method = parse_method_option(args.method);
  const Platform platform = parse_platform_option(args.flags.platform);
  BatchInferenceOptions b;
  b.job_name = args.job_name;
  b.input_path = args.input;
  b.output_s3_path = args.flags.output_s3_path;
  b.model_path = given(args.model_path);
  b.recipe_path = given(args.recipe);
  b.overrides = parse_assignments(args.overrides, "--override");
  b.dry_run = args.dry_run;

  exit_1_when_refused([&] {
    default_instances(args.flags, model, method, platform, EvaluationTask::GEN_QA);
    NovaModelCustomizer customizer(model, method, make_runtime(args.flags, platform),
                                   customizer_options(args.flags, args.dry_run));
    if (args.dry_run) {
      print_training_plan(customizer.plan_batch_inference(b), args.json);
      return;
    }
    const auto result = customizer.batch_inference(b);
    const auto file = result->dump(args.save_result);
    print_inference_result(*result, file.string(), args.json);
  });
}

}  // namespace

void add_infer_command(CLI::App& app) {
  auto args = std::make_shared<InferArgs>();
  CLI::App* cmd = app.add_subcommand("infer", "Start a batch inference job over your records (s3:// gen_qa JSONL)");
  cmd->add_option("--model", args->model, "Model: NOVA_MICRO, NOVA_LITE, NOVA_LITE_2, NOVA_PRO")->required();
  cmd->add_option("--job-name", args->job_name, "Job name; the job gets <name>-<uuid4>, cut to 63 characters")->required();
  cmd->add_option("--input", args->input, "The records ({\"query\", \"response\"} lines); a .jsonl is validated first")
      ->required();
  cmd->add_option("--method", args->method, "The customizer's method (the job always runs the gen_qa recipe)")
      ->capture_default_str();
  cmd->add_option("--model-path", args->model_path, "The model (an s3:// checkpoint; default: the base model)");
  cmd->add_option("--recipe", args->recipe, "A recipe YAML file (local or s3://) whose values override the defaults");
  cmd->add_option("--override", args->overrides,
                  "max_new_tokens, top_k, top_p, temperature, top_logprobs as key=value (repeatable)");
  cmd->add_flag("--dry-run", args->dry_run,
                "Validate and print the resolved recipe and the request it would send; start nothing");
  cmd->add_flag("--json", args->json, "Print one JSON object (see docs/cli.md)");
  cmd->add_option("--save-result", args->save_result,
                  "Directory for the result file <job_id>_SMTJ.json (the input of 'nova job status')")
      ->capture_default_str();
  add_customizer_flags(*cmd, args->flags, "MLflow");
  cmd->get_option("--output-s3-path")->required()->description("Where the job writes its results (s3://)");
  cmd->footer(
      "Exit codes: 0 started (or dry run passed), 1 refused (invalid input records, failed check, AWS error),\n"
      "2 usage or configuration error.\n"
      "Example:\n"
      "  nova infer --model nova-lite-2 --job-name my-infer --input s3://my-bucket/prompts.jsonl \\\n"
      "    --output-s3-path s3://my-bucket/inference --model-path s3://my-escrow-smtj-bucket/checkpoint "
      "--override max_new_tokens=512");
  cmd->callback([args] { run_infer(*args); });
}

}  // namespace nova::cli
