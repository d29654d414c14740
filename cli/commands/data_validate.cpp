// nova data validate FILE --method M --model M [--eval-task T] [--json]
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "nova/dataset.hpp"

namespace nova::cli {
namespace {

struct ValidateArgs {
  std::string file;
  std::string method;
  std::string model;
  std::string eval_task;
  bool json{false};
  std::size_t max_errors{10000};
};

void run_validate(const ValidateArgs& args) {
  const auto method = parse_method_option(args.method);
  const auto model = parse_model_option(args.model);
  std::optional<EvaluationTask> task;
  if (!args.eval_task.empty()) task = parse_eval_task_option(args.eval_task);

  DatasetLoader loader = make_loader_for_path(args.file);
  loader.load(args.file);
  const ValidationReport report = loader.check(method, model, task, args.max_errors);

  if (args.json) {
    nlohmann::ordered_json out;
    out["valid"] = report.valid;
    out["records"] = report.records;
    auto errors = nlohmann::ordered_json::array();
    for (const auto& issue : report.issues) {
      errors.push_back(nlohmann::ordered_json{{"record", issue.record},
                                              {"line", issue.line},
                                              {"path", issue.path},
                                              {"rule", issue.rule},
                                              {"message", issue.message},
                                              {"hint", issue.hint},
                                              {"file", issue.file}});
    }
    out["errors"] = std::move(errors);
    out["invalid_records"] = report.invalid_records;
    out["total_errors"] = report.total_issues;
    out["errors_truncated"] = report.total_issues > report.issues.size();
    if (!report.dataset_kind.empty()) out["dataset_kind"] = report.dataset_kind;
    if (!report.skipped_reason.empty()) out["skipped"] = report.skipped_reason;
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else if (!report.skipped_reason.empty()) {
    std::cout << report.skipped_reason << '\n';
  } else if (report.valid) {
    std::cout << fmt::format("{}: valid: {} records ({} dataset for {} on {})\n", args.file, report.records,
                             report.dataset_kind, to_string(method), to_string(model));
  } else {
    std::cout << describe_validation_failure(report, 20) << '\n';
  }
  throw Exit{report.valid ? kExitOk : kExitFailed};
}

}  // namespace

void add_data_validate_command(CLI::App& data) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = data.add_subcommand("validate", "Check every record of a dataset against a training format's rules");
  cmd->add_option("FILE", args->file, "Dataset (.jsonl, .json or .csv; the extension gives the format)")->required();
  cmd->add_option("--method", args->method, "Training method: SFT_LORA, SFT_FULL, DPO_LORA, DPO_FULL, RFT_LORA, RFT_FULL, CPT, EVALUATION")
      ->required();
  cmd->add_option("--model", args->model, "Model: NOVA_MICRO, NOVA_LITE, NOVA_LITE_2, NOVA_PRO")->required();
  cmd->add_option("--eval-task", args->eval_task, "Evaluation task for --method EVALUATION (e.g. gen_qa)");
  cmd->add_flag("--json", args->json, "Print one JSON object: {valid, records, errors[{record, line, path, rule, message}]}");
  cmd->add_option("--max-errors", args->max_errors, "Most errors listed (all are counted)")->capture_default_str();
  cmd->footer(
      "Exit codes: 0 valid, 1 invalid, 2 usage or I/O error.\n"
      "Example:\n  nova data validate train.jsonl --method sft_lora --model nova-lite-2 --json");
  cmd->callback([args] { run_validate(*args); });
}

}  // namespace nova::cli
