#include "evaluate_output.hpp"

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

namespace nova::cli {
namespace {

using Json = nlohmann::ordered_json;

Json job_json(const BaseJobResult& result, const std::string& result_file) {
  Json out;
  out["job_id"] = result.job_id();
  out["started_time"] = to_python_isoformat(result.started_time());
  out["platform"] = std::string(to_string(result.platform()));
  out["result_file"] = result_file;
  return out;
}

}  // namespace

void print_evaluation_result(const EvaluationResult& result, const std::string& result_file, bool json) {
  if (json) {
    Json out = job_json(result, result_file);
    out["eval_task"] = std::string(value_of(result.eval_task()));
    out["eval_output_path"] = result.eval_output_path();
    std::cout << out.dump(2) << '\n';
    return;
  }
  std::cout << fmt::format(
      "Started evaluation job {} ({} on {})\n"
      "Started:     {}\n"
      "Results:     {}\n"
      "Result file: {}\n"
      "Follow it:   nova job status {} --watch\n",
      result.job_id(), value_of(result.eval_task()), to_string(result.platform()),
      to_python_isoformat(result.started_time()), result.eval_output_path(), result_file, result_file);
}

void print_inference_result(const BatchInferenceResult& result, const std::string& result_file, bool json) {
  if (json) {
    Json out = job_json(result, result_file);
    out["inference_output_path"] = result.inference_output_path();
    std::cout << out.dump(2) << '\n';
    return;
  }
  std::cout << fmt::format(
      "Started batch inference job {}\n"
      "Started:     {}\n"
      "Results:     {}\n"
      "Result file: {}\n"
      "Follow it:   nova job status {} --watch\n",
      result.job_id(), to_python_isoformat(result.started_time()), result.inference_output_path(), result_file,
      result_file);
}

}  // namespace nova::cli
