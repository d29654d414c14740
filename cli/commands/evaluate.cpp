// nova evaluate --model M --eval-task T --job-name N [--method M] [evaluate() flags]
//   [runtime and customizer flags] [--dry-run] [--json]
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

struct EvaluateArgs {
  std::string model, method{"evaluation"}, job_name, eval_task, subtask;
  std::string model_path, data_s3_path, recipe, job_result;
  std::vector<std::string> processor, rl_env, overrides;
  bool dry_run{false}, json{false};
  std::string save_result{"."};
  CustomizerFlags flags;
};

std::shared_ptr<TrainingResult> load_training_result(const std::string& file) {
  std::shared_ptr<BaseJobResult> loaded = BaseJobResult::load(file);
  auto training = std::dynamic_pointer_cast<TrainingResult>(loaded);
  if (!training) {
    throw CLI::ValidationError("--job-result", file + " holds a " + std::string(loaded->class_name()) +
                                                   ", not a training result (SMTJTrainingResult or SMHPTrainingResult)");
  }
  return training;
}

void run_evaluate(EvaluateArgs args) {
  const Model model = parse_model_option(args.model);
  const TrainingMethod method = parse_method_option(args.method);
  const Platform platform = parse_platform_option(args.flags.platform);
  EvaluateOptions e;
  e.job_name = args.job_name;
  e.eval_task = parse_eval_task_option(args.eval_task);
  e.subtask = given(args.subtask);
  e.model_path = given(args.model_path);
  e.data_s3_path = given(args.data_s3_path);
  e.recipe_path = given(args.recipe);
  e.overrides = parse_assignments(args.overrides, "--override");
  e.processor = parse_assignments(args.processor, "--processor");
  e.rl_env = parse_assignments(args.rl_env, "--rl-env");
  e.dry_run = args.dry_run;

  exit_1_when_refused([&] {
    if (!args.job_result.empty()) e.job_result = load_training_result(args.job_result);
    default_instances(args.flags, model, method, platform, e.eval_task);
    NovaModelCustomizer customizer(model, method, make_runtime(args.flags, platform),
                                   customizer_options(args.flags, args.dry_run));
    if (args.dry_run) {
      print_training_plan(customizer.plan_evaluation(e), args.json);
      return;
    }
    const auto result = customizer.evaluate(e);
    const auto file = result->dump(args.save_result);
    print_evaluation_result(*result, file.string(), args.json);
  });
}

}  // namespace

void add_evaluate_command(CLI::App& app) {
  auto args = std::make_shared<EvaluateArgs>();
  CLI::App* cmd = app.add_subcommand("evaluate", "Start an evaluation job (a benchmark or your own data) for a Nova model");
  cmd->add_option("--model", args->model, "Model: NOVA_MICRO, NOVA_LITE, NOVA_LITE_2, NOVA_PRO")->required();
  cmd->add_option("--eval-task", args->eval_task,
                  "mmlu, mmlu_pro, bbh, gpqa, math, strong_reject, gen_qa, ifeval, mmmu, llm_judge, rubric_llm_judge, "
                  "rft_eval")
      ->required();
  cmd->add_option("--job-name", args->job_name, "Job name; the job gets <name>-<uuid4>, cut to 63 characters")->required();
  cmd->add_option("--method", args->method,
                  "The customizer's method (the job always runs an evaluation recipe)")
      ->capture_default_str();
  cmd->add_option("--subtask", args->subtask, "A subtask of the task (mmlu, bbh, math, strong_reject, mmmu)");
  cmd->add_option("--model-path", args->model_path,
                  "The model to evaluate (an s3:// checkpoint; default: --job-result's checkpoint, else the base model)");
  cmd->add_option("--job-result", args->job_result,
                  "A training result file (from 'nova train'): evaluate its checkpoint (the job must have completed)");
  cmd->add_option("--data-s3-path", args->data_s3_path,
                  "Your evaluation data (gen_qa, llm_judge, rubric_llm_judge, rft_eval); a .jsonl is validated first");
  cmd->add_option("--processor", args->processor,
                  "gen_qa: key=value of the processor (repeatable), e.g. --processor lambda_arn=arn:aws:lambda:...");
  cmd->add_option("--rl-env", args->rl_env, "rft_eval: key=value (repeatable), e.g. --rl-env reward_lambda_arn=arn:...");
  cmd->add_option("--recipe", args->recipe, "A recipe YAML file (local or s3://) whose values override the defaults");
  cmd->add_option("--override", args->overrides,
                  "key=value over the recipe (repeatable), e.g. --override max_new_tokens=2048 --override temperature=0");
  cmd->add_flag("--dry-run", args->dry_run,
                "Validate and print the resolved recipe and the request it would send; start nothing");
  cmd->add_flag("--json", args->json, "Print one JSON object (see docs/cli.md)");
  cmd->add_option("--save-result", args->save_result,
                  "Directory for the result file <job_id>_<SMTJ|SMHP>.json (the input of 'nova job status')")
      ->capture_default_str();
  add_customizer_flags(*cmd, args->flags, "MLflow");
  cmd->footer(
      "Exit codes: 0 started (or dry run passed), 1 refused (invalid task, subtask, processor or data; failed check;\n"
      "AWS error), 2 usage or configuration error.\n"
      "Examples:\n"
      "  nova evaluate --model nova-lite-2 --eval-task mmlu --subtask anatomy --job-name my-eval \\\n"
      "    --model-path s3://my-escrow-smtj-bucket/checkpoint --dry-run\n"
      "  nova evaluate --model nova-lite-2 --eval-task gen_qa --job-name my-byod \\\n"
      "    --data-s3-path s3://my-bucket/eval.jsonl --job-result ./my-sft-..._SMTJ.json --json");
  cmd->callback([args] { run_evaluate(*args); });
}

}  // namespace nova::cli
