// nova results show RESULT.json [--json]
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "refusal.hpp"
#include "result_download.hpp"

namespace nova::cli {
namespace {

struct ResultsShowArgs {
  std::string result;
  bool json{false};
  AwsFlags aws;
};

nlohmann::ordered_json metrics_json(const EvaluationResult& result, const EvaluationMetrics& metrics) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& m : metrics.metrics) {
    rows.push_back({{"task", m.task},
                    {"metric", m.metric},
                    {"value", m.value},
                    {"stderr", m.stderr_value ? nlohmann::ordered_json(*m.stderr_value) : nlohmann::ordered_json()}});
  }
  return {{"job_id", result.job_id()},
          {"eval_task", std::string(value_of(result.eval_task()))},
          {"status", std::string(to_string(metrics.status))},
          {"results", nlohmann::ordered_json::parse(metrics.json)},
          {"metrics", rows}};
}

void run_results_show(const ResultsShowArgs& args) {
  exit_1_when_refused([&] {
    LoadedResult loaded = load_result_file(args.result, args.aws.options());
    if (loaded.evaluation != nullptr) {
      const EvaluationMetrics metrics = fetch_evaluation(*loaded.evaluation);
      if (args.json) {
        std::cout << metrics_json(*loaded.evaluation, metrics).dump() << '\n';
      } else {
        loaded.evaluation->show(std::cout);  // from the cache fetched above
      }
      return;
    }
    const InferenceResults records = fetch_inference(*loaded.inference);
    if (args.json) {
      std::cout << records.to_json() << '\n';
    } else {
      loaded.inference->show(std::cout);
    }
  });
}

}  // namespace

void add_results_show_command(CLI::App& results) {
  auto args = std::make_shared<ResultsShowArgs>();
  CLI::App* cmd = results.add_subcommand(
      "show", "Show an evaluation's metrics (task | metric | value | stderr) or a batch inference's records");
  cmd->add_option("RESULT", args->result, "A result file written by 'nova evaluate' or 'nova infer' (or dump())")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_flag("--json", args->json,
                "Evaluation: {job_id, eval_task, status, results, metrics: [{task, metric, value, stderr}]}; "
                "inference: {results: [{system, query, gold_response, inference_response[, metadata]}]}");
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "The job's output is downloaded once into the results cache ($NOVA_CACHE_DIR/results, else the system temp\n"
      "directory) and read from there afterwards.\n"
      "Exit codes: 0 shown, 1 no results (job still running, failed or stopped, no results file) or AWS error,\n"
      "2 usage error.\n"
      "Examples:\n"
      "  nova results show my-eval-1a2b..._SMTJ.json\n"
      "  nova results show my-infer-3c4d..._SMTJ.json --json");
  cmd->callback([args] { run_results_show(*args); });
}

}  // namespace nova::cli
