#pragma once
// What `nova results show|get` share: the RESULT.json argument loaded as an evaluation or
// batch-inference result, its results fetched with a progress line on stderr, and the
// "no results" outcome (the message on stderr, exit 1).

#include <memory>
#include <string>

#include "nova/aws.hpp"
#include "nova/results.hpp"

namespace nova::cli {

struct LoadedResult {
  std::unique_ptr<BaseJobResult> result;
  EvaluationResult* evaluation{nullptr};          // one of these two is set
  BatchInferenceResult* inference{nullptr};
};

// Throws CLI::ValidationError for a file that holds another kind of result (training).
LoadedResult load_result_file(const std::string& path, const AwsOptions& aws);

// get() with "Downloading the results of job <id> from <uri>..." and the time it took on
// stderr the first time (later calls read the cache). No results: the message on stderr and
// Exit{1}.
EvaluationMetrics fetch_evaluation(EvaluationResult& result);
InferenceResults fetch_inference(BatchInferenceResult& result, const std::optional<std::string>& save_to = {});

}  // namespace nova::cli
