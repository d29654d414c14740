#include "result_download.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>

#include "cli_support.hpp"

namespace nova::cli {
namespace {

// Runs `fetch`, announcing it on stderr when `cached` says the results are not local yet.
template <typename Fetch>
auto with_progress(BaseJobResult& result, const std::string& uri, bool cached, Fetch&& fetch) {
  // Only a completed job downloads anything (a terminal status is remembered: get() does not ask again).
  cached = cached || result.get_job_status().first != JobStatus::COMPLETED;
  const auto start = std::chrono::steady_clock::now();
  if (!cached) std::cerr << fmt::format("Downloading the results of job {} from {} ...\n", result.job_id(), uri);
  auto out = fetch();
  if (!cached && out.message.empty()) {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::cerr << fmt::format("Downloaded in {:.1f} s.\n", took.count());
  }
  if (!out.message.empty()) {
    std::cerr << out.message << '\n';
    throw Exit{kExitFailed};
  }
  return out;
}

}  // namespace

LoadedResult load_result_file(const std::string& path, const AwsOptions& aws) {
  LoadedResult out;
  out.result = BaseJobResult::load(path);
  out.result->set_aws_options(aws);
  out.evaluation = dynamic_cast<EvaluationResult*>(out.result.get());
  out.inference = dynamic_cast<BatchInferenceResult*>(out.result.get());
  if (out.evaluation == nullptr && out.inference == nullptr) {
    throw CLI::ValidationError(
        "RESULT", fmt::format("'{}' holds a {}: results are read from an evaluation or batch-inference result file "
                              "(written by 'nova evaluate' or 'nova infer'); use 'nova job status' for training jobs",
                              path, out.result->class_name()));
  }
  return out;
}

EvaluationMetrics fetch_evaluation(EvaluationResult& result) {
  const bool cached = std::filesystem::exists(result.cache_directory());
  return with_progress(result, result.eval_output_path(), cached, [&] { return result.get(); });
}

InferenceResults fetch_inference(BatchInferenceResult& result, const std::optional<std::string>& save_to) {
  const bool cached = std::filesystem::exists(result.cache_directory());
  return with_progress(result, result.inference_output_path(), cached, [&] { return result.get(save_to); });
}

}  // namespace nova::cli
